/**
 * How a GraphQL request runs: the schema assembled from the features, the invocation with its
 * deadline and admission, the request's work queue that dispatches DataLoaders only when idle,
 * the parsed-document cache, query limits, error codes and metrics.
 */
package io.lendx.execution;
