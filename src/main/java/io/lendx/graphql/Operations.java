package io.lendx.graphql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import io.micronaut.core.annotation.Nullable;

import java.util.List;

/** What a request document asks for, read before executing it. */
public final class Operations {

    /**
     * Every request asks this before it executes (for its deadline), so each distinct document is
     * parsed here once, like {@link DocumentCache} does for execution; bounded by total length.
     */
    private static final Cache<String, List<OperationDefinition>> DOCUMENTS = Caffeine.newBuilder()
            .maximumWeight(10_000_000)
            .weigher((String query, List<OperationDefinition> operations) -> query.length())
            .build();

    private Operations() {
    }

    /** Whether the operation to run (the named one, or any when unnamed) changes data. */
    public static boolean isMutation(@Nullable String query, @Nullable String operationName) {
        return operations(query, operationName).stream()
                .anyMatch(operation -> operation.getOperation() != OperationDefinition.Operation.QUERY);
    }

    /** The root fields of the mutation to run, e.g. ["approveApplication"]; empty for a query. */
    public static List<String> mutationFields(@Nullable String query, @Nullable String operationName) {
        return operations(query, operationName).stream()
                .filter(operation -> operation.getOperation() == OperationDefinition.Operation.MUTATION)
                .flatMap(operation -> operation.getSelectionSet().getSelectionsOfType(Field.class).stream())
                .map(Field::getName)
                .toList();
    }

    private static List<OperationDefinition> operations(@Nullable String query, @Nullable String operationName) {
        if (query == null) {
            return List.of();
        }
        return DOCUMENTS.get(query, Operations::parse).stream()
                .filter(operation -> operationName == null || operationName.equals(operation.getName()))
                .toList();
    }

    private static List<OperationDefinition> parse(String query) {
        try {
            return Parser.parse(query).getDefinitionsOfType(OperationDefinition.class);
        } catch (InvalidSyntaxException e) {
            return List.of();
        }
    }
}
