package io.lendx.graphql;

import graphql.schema.DataFetchingEnvironment;

/**
 * A request's DataLoader registry that notes what each fetcher asks of the values it loads, so
 * a projected loader reads only those columns (see {@link SelectedFields}).
 */
public interface SelectionTracking {

    /** {@code env}'s fetcher loads through {@code loader}: its selection joins what that loader reads. */
    void selectedBy(String loader, DataFetchingEnvironment env);
}
