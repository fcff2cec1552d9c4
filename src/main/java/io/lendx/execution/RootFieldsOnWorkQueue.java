package io.lendx.execution;

import io.lendx.graphql.FetcherDecorator;
import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;

import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Moves the values of root fields (a root query, a mutation), which complete on R2DBC threads,
 * back onto their request's {@link RequestWorkQueue}. Fields below the root resolve through
 * DataLoaders, whose batches already answer on the work queue, or synchronously, so they are
 * left alone. It must wrap outermost, so that whatever other decorators chain onto a fetcher
 * also finishes before the hop.
 */
final class RootFieldsOnWorkQueue implements FetcherDecorator {

    private static final Set<String> ROOT_TYPES = Set.of("Query", "Mutation");

    @Override
    public DataFetcher<?> decorate(FieldCoordinates field, DataFetcher<?> fetcher) {
        if (!ROOT_TYPES.contains(field.getTypeName())) {
            return fetcher;
        }
        return env -> {
            Object value = fetcher.get(env);
            if (value instanceof CompletionStage<?> stage && !stage.toCompletableFuture().isDone()) {
                return RequestWorkQueue.of(env).continueHere(stage.toCompletableFuture());
            }
            return value;
        };
    }
}
