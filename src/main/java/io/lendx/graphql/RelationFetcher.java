package io.lendx.graphql;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.LightDataFetcher;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderRegistry;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A field that is one object found through a {@link Lookup} by a column of its parent (a loan's
 * borrower, say). It is light: graphql-java builds no environment for it, since the loader comes
 * from the current request and its selection was noted when the parent's fields were collected.
 * A value the loader already has is returned as such, not as a future.
 */
public final class RelationFetcher<S> implements LightDataFetcher<Object>, LoadsThrough {

    private final String loader;
    private final Function<S, String> valueOf;

    public RelationFetcher(String loader, Function<S, String> valueOf) {
        this.loader = loader;
        this.valueOf = valueOf;
    }

    @Override
    public String loader() {
        return loader;
    }

    @Override
    public Object get(GraphQLFieldDefinition field, Object source, Supplier<DataFetchingEnvironment> environment) {
        DataLoaderRegistry loaders = CurrentLoaders.get();
        return load(source, loaders != null ? loaders : environment.get().getDataLoaderRegistry());
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object load(Object source, DataLoaderRegistry loaders) {
        String value = source == null ? null : valueOf.apply((S) source);
        if (value == null) {
            return null;
        }
        DataLoader<String, Object> dataLoader = loaders.getDataLoader(loader);
        if (dataLoader == null) {
            throw new IllegalStateException("No DataLoader registered as " + loader);
        }
        CompletableFuture<Object> loaded = dataLoader.load(value);
        return loaded.isDone() && !loaded.isCompletedExceptionally() ? loaded.join() : loaded;
    }

    @Override
    public Object get(DataFetchingEnvironment environment) {
        return get(environment.getFieldDefinition(), environment.getSource(), () -> environment);
    }
}
