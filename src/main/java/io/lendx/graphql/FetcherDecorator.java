package io.lendx.graphql;

import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;

/**
 * Wraps chosen data fetchers once, when the schema is built. An instrumentation's
 * {@code instrumentDataFetcher} runs for every field of every request (thousands on a nested
 * page) and makes graphql-java build an environment even for plain property reads; a
 * decorator costs nothing on the fields it leaves alone.
 */
public interface FetcherDecorator {

    /** The fetcher to use for {@code field}: {@code fetcher} itself, or one that wraps it. */
    DataFetcher<?> decorate(FieldCoordinates field, DataFetcher<?> fetcher);
}
