package io.lendx.graphql;

import com.github.benmanes.caffeine.cache.Cache;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import io.lendx.localcache.LocalCaches;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * What the service learns of each distinct request document, kept once: its operations, read
 * before executing it (is it a mutation, which fields: for its deadline and its audit),
 * graphql-java's parsed and validated form, and the cost it had when it last ran. Clients send
 * the same few documents over and over, and parsing plus validation is most of graphql-java's
 * own work on a small query.
 */
@Singleton
public class Documents {

    /** Bounded by the documents' total length, so large or numerous odd queries cannot fill the heap. */
    private static final long MAX_CACHED_CHARACTERS = 10_000_000;

    private final Cache<String, Document> documents = LocalCaches.newBuilder()
            .maximumWeight(MAX_CACHED_CHARACTERS)
            .weigher((String text, Document document) -> text.length())
            .build();

    /** Whether the operation to run (the named one, or any when unnamed) changes data. */
    public boolean isMutation(@Nullable String query, @Nullable String operationName) {
        return operations(query, operationName).stream()
                .anyMatch(operation -> operation.getOperation() != OperationDefinition.Operation.QUERY);
    }

    /** The name of the operation to run, as metrics tag it: "anonymous" when it has none. */
    public String operationName(@Nullable String query, @Nullable String operationName) {
        return operations(query, operationName).stream().findFirst().map(OperationDefinition::getName)
                .orElse("anonymous");
    }

    /** The root fields of the mutation to run, e.g. ["approveApplication"]; empty for a query. */
    public List<String> mutationFields(@Nullable String query, @Nullable String operationName) {
        return operations(query, operationName).stream()
                .filter(operation -> operation.getOperation() == OperationDefinition.Operation.MUTATION)
                .flatMap(operation -> operation.getSelectionSet().getSelectionsOfType(Field.class).stream())
                .map(Field::getName)
                .toList();
    }

    /** The document parsed and validated against the schema, by {@code parseAndValidate} the first time. */
    public PreparsedDocumentEntry validated(String query, Supplier<PreparsedDocumentEntry> parseAndValidate) {
        Document document = documents.get(query, Document::parse);
        PreparsedDocumentEntry validated = document.validated;
        if (validated == null) {
            validated = parseAndValidate.get();
            document.validated = validated;
        }
        return validated;
    }

    /** The document's syntax tree, parsed once; null when it does not parse. */
    @Nullable
    public graphql.language.Document parsed(String query) {
        return documents.get(query, Document::parse).syntax;
    }

    /** The cost (as the query limits count it) the document had when it last ran; -1 if it has not. */
    public int lastCost(String query) {
        Document document = documents.getIfPresent(query);
        return document == null ? -1 : document.lastCost;
    }

    public void recordCost(String query, int cost) {
        Document document = documents.get(query, Document::parse);
        if (document.lastCost != cost) {
            document.lastCost = cost;
        }
    }

    private List<OperationDefinition> operations(@Nullable String query, @Nullable String operationName) {
        if (query == null) {
            return List.of();
        }
        return documents.get(query, Document::parse).operations(operationName);
    }

    /** Written without locks: two requests racing on a new document compute the same values. */
    private static final class Document {

        @Nullable
        private final graphql.language.Document syntax;
        private final List<OperationDefinition> operations;
        private volatile PreparsedDocumentEntry validated;
        private volatile int lastCost = -1;

        /** The operations of each name (one, unless the document is invalid). */
        private final Map<String, List<OperationDefinition>> byName;

        private Document(@Nullable graphql.language.Document syntax) {
            this.syntax = syntax;
            this.operations = syntax == null ? List.of() : syntax.getDefinitionsOfType(OperationDefinition.class);
            this.byName = operations.stream().filter(operation -> operation.getName() != null)
                    .collect(Collectors.groupingBy(OperationDefinition::getName));
        }

        /** The operations a request naming {@code operationName} (or none) may run: asked several times per request. */
        List<OperationDefinition> operations(@Nullable String operationName) {
            return operationName == null ? operations : byName.getOrDefault(operationName, List.of());
        }

        static Document parse(String query) {
            try {
                return new Document(Parser.parse(query));
            } catch (InvalidSyntaxException e) {
                // graphql-java reports the syntax error when it runs the document.
                return new Document(null);
            }
        }
    }
}
