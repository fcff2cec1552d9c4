package io.lendx.graphql;

import graphql.execution.MergedField;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.Selection;
import graphql.language.SelectionSet;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The fields one request asks of the objects a loader returns, gathered from every fetcher that
 * loads through it, so that its batch reads only the columns they need. Each place in the
 * document is read once per request: the fetchers of a list's 400 items share their syntax
 * tree node, and {@code @skip}/{@code @include} are ignored (reading a column too many is
 * harmless).
 */
public final class SelectedFields {

    /** Whether a loader returns the objects themselves or connections (pages) of them. */
    public enum Shape {
        OBJECT(List.of(List.of())),
        CONNECTION(List.of(List.of("nodes"), List.of("edges", "node")));

        /** Where, below the loading field, the returned objects' own fields are selected. */
        private final List<List<String>> pathsToObjects;

        Shape(List<List<String>> pathsToObjects) {
            this.pathsToObjects = pathsToObjects;
        }
    }

    private final Shape shape;
    private final Set<String> names = ConcurrentHashMap.newKeySet();
    private final Set<Field> read = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

    public SelectedFields(Shape shape) {
        this.shape = shape;
    }

    /** The field names asked so far. */
    public Set<String> names() {
        return names;
    }

    public void add(MergedField merged, Map<String, FragmentDefinition> fragments) {
        for (Field field : merged.getFields()) {
            if (!read.add(field)) {
                continue;
            }
            for (List<String> path : shape.pathsToObjects) {
                namesAt(field.getSelectionSet(), path, fragments);
            }
        }
    }

    /** Adds the names of the fields at the end of {@code path} (field names) below {@code selections}. */
    private void namesAt(SelectionSet selections, List<String> path, Map<String, FragmentDefinition> fragments) {
        fields(selections, fragments, child -> {
            if (path.isEmpty()) {
                names.add(child.getName());
            } else if (path.get(0).equals(child.getName())) {
                namesAt(child.getSelectionSet(), path.subList(1, path.size()), fragments);
            }
        });
    }

    /** The fields of a selection set, through fragments. */
    private static void fields(SelectionSet selections, Map<String, FragmentDefinition> fragments,
                               Consumer<Field> each) {
        if (selections == null) {
            return;
        }
        for (Selection<?> selection : selections.getSelections()) {
            if (selection instanceof Field field) {
                each.accept(field);
            } else if (selection instanceof InlineFragment inline) {
                fields(inline.getSelectionSet(), fragments, each);
            } else if (selection instanceof FragmentSpread spread && fragments.get(spread.getName()) != null) {
                fields(fragments.get(spread.getName()).getSelectionSet(), fragments, each);
            }
        }
    }
}
