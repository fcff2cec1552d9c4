package io.lendx.graphql;

import graphql.execution.MergedField;
import graphql.language.FragmentDefinition;
import graphql.schema.DataFetchingEnvironment;

import java.util.Map;

/**
 * A request's DataLoader registry that notes what each fetcher asks of the values it loads, so
 * a projected loader reads only those columns (see {@link SelectedFields}).
 */
public interface SelectionTracking {

    /** {@code env}'s fetcher loads through {@code loader}: its selection joins what that loader reads. */
    default void selectedBy(String loader, DataFetchingEnvironment env) {
        selectedBy(loader, env.getMergedField(), env.getFragmentsByName());
    }

    /** {@code field} loads through {@code loader}: its selection joins what that loader reads. */
    void selectedBy(String loader, MergedField field, Map<String, FragmentDefinition> fragments);
}
