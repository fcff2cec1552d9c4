package io.lendx.graphql;

import graphql.schema.idl.RuntimeWiring;

/**
 * What a feature adds to the graph: its SDL file under {@code graphql/schema} and the data
 * fetchers of the fields it defines, including the relations it adds to other types.
 */
public interface FeatureWiring {

    String schemaFile();

    void wire(RuntimeWiring.Builder wiring);
}
