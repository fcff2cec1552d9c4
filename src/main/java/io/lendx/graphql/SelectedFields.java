package io.lendx.graphql;

import com.github.benmanes.caffeine.cache.Cache;
import graphql.execution.MergedField;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import io.lendx.localcache.LocalCaches;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The fields one request asks of the objects a loader returns, gathered from every fetcher that
 * loads through it, so that its batch reads only the columns they need. What one place of a
 * document selects is worked out once per document, not per request: the cached syntax tree's
 * nodes are the same objects from one request to the next. {@code @skip}/{@code @include} are
 * ignored (reading a column too many is harmless).
 */
public final class SelectedFields {

    /** Whether a loader returns the objects themselves or connections (pages) of them. */
    public enum Shape {
        OBJECT(List.of(List.of())),
        CONNECTION(List.of(List.of("nodes"), List.of("edges", "node")));

        /** Where, below the loading field, the returned objects' own fields are selected. */
        private final List<List<String>> pathsToObjects;
        /**
         * The names below each syntax node, by its identity, dropped with the node when the
         * document cache lets its tree go; bounded for trees that stay.
         */
        private final Cache<Field, Set<String>> namesBelow = LocalCaches.newBuilder()
                .weakKeys()
                .maximumSize(MAX_NODES)
                .build();

        Shape(List<List<String>> pathsToObjects) {
            this.pathsToObjects = pathsToObjects;
        }

        /** The names {@code field} selects of the objects it loads, through {@code fragments}. */
        Set<String> namesBelow(Field field, Map<String, FragmentDefinition> fragments) {
            return namesBelow.get(field, node -> {
                Set<String> names = new LinkedHashSet<>();
                for (List<String> path : pathsToObjects) {
                    namesAt(node.getSelectionSet(), path, fragments, names);
                }
                return Set.copyOf(names);
            });
        }
    }

    private static final int MAX_NODES = 20_000;

    private final Shape shape;
    /**
     * Immutable, and only ever replaced by a wider set: while one place asks (the usual case) it
     * is that place's own set, the same object every request, and a small array set that a
     * table hashes and compares in a few steps to find its projection.
     */
    private volatile Set<String> names = Set.of();

    public SelectedFields(Shape shape) {
        this.shape = shape;
    }

    /** The field names asked so far. */
    public Set<String> names() {
        return names;
    }

    public void add(MergedField merged, Map<String, FragmentDefinition> fragments) {
        for (Field field : merged.getFields()) {
            include(shape.namesBelow(field, fragments));
        }
    }

    private void include(Set<String> more) {
        Set<String> current = names;
        if (current == more || current.containsAll(more)) {
            return;
        }
        synchronized (this) {
            current = names;
            if (current.isEmpty()) {
                names = more;
            } else if (!current.containsAll(more)) {
                Set<String> wider = new HashSet<>(current);
                wider.addAll(more);
                names = Set.copyOf(wider);
            }
        }
    }

    /** Adds the names of the fields at the end of {@code path} (field names) below {@code selections}. */
    private static void namesAt(SelectionSet selections, List<String> path, Map<String, FragmentDefinition> fragments,
                                Set<String> names) {
        fields(selections, fragments, child -> {
            if (path.isEmpty()) {
                names.add(child.getName());
            } else if (path.get(0).equals(child.getName())) {
                namesAt(child.getSelectionSet(), path.subList(1, path.size()), fragments, names);
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
