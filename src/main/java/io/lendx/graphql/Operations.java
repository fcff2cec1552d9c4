package io.lendx.graphql;

import graphql.language.Document;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import io.micronaut.core.annotation.Nullable;

import java.util.List;

/** What a request document asks for, read before executing it. */
public final class Operations {

    private Operations() {
    }

    /** Whether the operation to run (the named one, or any when unnamed) changes data. */
    static boolean isMutation(@Nullable String query, @Nullable String operationName) {
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
        try {
            Document document = Parser.parse(query);
            return document.getDefinitionsOfType(OperationDefinition.class).stream()
                    .filter(operation -> operationName == null || operationName.equals(operation.getName()))
                    .toList();
        } catch (InvalidSyntaxException e) {
            return List.of();
        }
    }
}
