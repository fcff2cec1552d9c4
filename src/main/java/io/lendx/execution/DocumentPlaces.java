package io.lendx.execution;

import com.github.benmanes.caffeine.cache.Cache;
import graphql.execution.ExecutionContext;
import graphql.language.Definition;
import graphql.language.Directive;
import graphql.language.DirectivesContainer;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.schema.GraphQLObjectType;
import io.lendx.localcache.LocalCaches;
import io.micronaut.core.annotation.Nullable;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * What is worked out once per place in a document (its fields' collection, their plan) and kept
 * for the next request of the same document: the cached syntax tree is the same object each
 * time, and so are the syntax nodes that identify a place. A document whose fields depend on
 * its variables ({@code @skip}, {@code @include}) or a request with incremental delivery keeps
 * nothing: its collections may differ from one request to the next.
 *
 * @param <V> what is kept per place
 */
final class DocumentPlaces<V> {

    /** Past this, the least used documents' places are worked out again when they come back. */
    private static final int MAX_DOCUMENTS = 1_000;

    /** The value of a document nothing is kept for. */
    private final ConcurrentMap<Place, V> none = new ConcurrentHashMap<>();
    /** Keyed by the syntax tree's identity, and dropped with it when the document cache lets it go. */
    private final Cache<Document, ConcurrentMap<Place, V>> byDocument = LocalCaches.newBuilder()
            .weakKeys()
            .maximumSize(MAX_DOCUMENTS)
            .build();

    /** Objects of {@code type} at the place in the document that {@code fields} (its syntax nodes) select. */
    record Place(List<Field> fields, GraphQLObjectType type) {

        @Override
        public boolean equals(Object other) {
            if (!(other instanceof Place place) || place.type != type || place.fields.size() != fields.size()) {
                return false;
            }
            for (int i = 0; i < fields.size(); i++) {
                if (place.fields.get(i) != fields.get(i)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            int hash = System.identityHashCode(type);
            for (Field field : fields) {
                hash = 31 * hash + System.identityHashCode(field);
            }
            return hash;
        }
    }

    /** The places kept for the request's document; null when nothing may be kept for it. */
    @Nullable
    ConcurrentMap<Place, V> of(ExecutionContext context) {
        if (context.hasIncrementalSupport()) {
            return null;
        }
        ConcurrentMap<Place, V> places = byDocument.get(context.getDocument(),
                document -> conditional(document) ? none : new ConcurrentHashMap<>());
        return places == none ? null : places;
    }

    /** Whether any selection of the document is included or skipped by a directive. */
    static boolean conditional(Document document) {
        for (Definition<?> definition : document.getDefinitions()) {
            SelectionSet selections = definition instanceof OperationDefinition operation ? operation.getSelectionSet()
                    : definition instanceof FragmentDefinition fragment ? fragment.getSelectionSet() : null;
            if (conditional(selections)) {
                return true;
            }
        }
        return false;
    }

    private static boolean conditional(@Nullable SelectionSet selections) {
        if (selections == null) {
            return false;
        }
        for (Selection<?> selection : selections.getSelections()) {
            if (selection instanceof DirectivesContainer<?> directed && directed.getDirectives().stream()
                    .map(Directive::getName).anyMatch(name -> name.equals("skip") || name.equals("include"))) {
                return true;
            }
            SelectionSet below = selection instanceof Field field ? field.getSelectionSet()
                    : selection instanceof InlineFragment inline ? inline.getSelectionSet() : null;
            if (conditional(below)) {
                return true;
            }
        }
        return false;
    }
}
