package io.lendx.graphql;

import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.schema.DataFetchingEnvironment;

import java.util.Collections;
import java.util.IdentityHashMap;
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
        OBJECT, CONNECTION
    }

    private final Shape shape;
    private final Set<String> names = ConcurrentHashMap.newKeySet();
    private final Set<Field> read = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

    SelectedFields(Shape shape) {
        this.shape = shape;
    }

    /** The field names asked so far. */
    public Set<String> names() {
        return names;
    }

    void add(DataFetchingEnvironment env) {
        Map<String, FragmentDefinition> fragments = null;
        for (Field field : env.getMergedField().getFields()) {
            if (!read.add(field)) {
                continue;
            }
            if (fragments == null) {
                fragments = env.getFragmentsByName();
            }
            Map<String, FragmentDefinition> all = fragments;
            if (shape == Shape.OBJECT) {
                fields(field.getSelectionSet(), all, child -> names.add(child.getName()));
            } else {
                fields(field.getSelectionSet(), all, child -> {
                    if ("nodes".equals(child.getName())) {
                        fields(child.getSelectionSet(), all, node -> names.add(node.getName()));
                    } else if ("edges".equals(child.getName())) {
                        fields(child.getSelectionSet(), all, edge -> {
                            if ("node".equals(edge.getName())) {
                                fields(edge.getSelectionSet(), all, node -> names.add(node.getName()));
                            }
                        });
                    }
                });
            }
        }
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
