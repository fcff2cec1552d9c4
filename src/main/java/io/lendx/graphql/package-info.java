/**
 * What a feature package uses to join the graph: {@link io.lendx.graphql.FeatureWiring} and
 * {@link io.lendx.graphql.FeatureLoaders}, typed {@link io.lendx.graphql.LoaderKey}s, connections,
 * scalars, input binding ({@link io.lendx.graphql.Arguments}), the shape of errors
 * ({@link io.lendx.graphql.ApiErrors}) and a mutation's deadline and transaction. It knows nothing
 * of how a request is executed ({@code io.lendx.execution}) or carried ({@code io.lendx.http}).
 */
package io.lendx.graphql;
