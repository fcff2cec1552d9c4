/**
 * What a feature package uses to join the graph: {@link io.lendx.graphql.FeatureWiring} and
 * {@link io.lendx.graphql.FeatureLoaders}; the two ways an object reaches another, the same in
 * every feature: a {@link io.lendx.graphql.Lookup} (one object by a unique column) and
 * {@link io.lendx.graphql.Children} (a relation connection); typed
 * {@link io.lendx.graphql.LoaderKey}s for other loaders, root connections, scalars, input binding ({@link io.lendx.graphql.Arguments}), the shape of errors
 * ({@link io.lendx.graphql.ApiErrors}) and a mutation's deadline and transaction. It knows nothing
 * of how a request is executed ({@code io.lendx.execution}) or carried ({@code io.lendx.http}).
 */
package io.lendx.graphql;
