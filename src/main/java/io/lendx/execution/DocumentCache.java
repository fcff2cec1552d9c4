package io.lendx.execution;

import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import io.lendx.graphql.Documents;
import jakarta.inject.Singleton;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** Lets graphql-java parse and validate each distinct document once, kept with the rest of what {@link Documents} knows of it. */
@Singleton
public class DocumentCache implements PreparsedDocumentProvider {

    private final Documents documents;

    public DocumentCache(Documents documents) {
        this.documents = documents;
    }

    @Override
    public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(
            ExecutionInput input, Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        return CompletableFuture.completedFuture(
                documents.validated(input.getQuery(), () -> parseAndValidate.apply(input)));
    }
}
