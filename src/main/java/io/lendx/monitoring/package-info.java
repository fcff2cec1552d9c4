/**
 * Query performance monitoring: what one request cost (statements, database time, execution
 * time, cost units), counted as it runs and read at its end for the slow-operation log, the
 * {@code Server-Timing} header and the per-operation histograms. Statements are counted by
 * wrapping the connections a request takes ({@link ProfiledConnectionFactory}), which is also
 * where tracing learns of them ({@link StatementObserver}).
 */
package io.lendx.monitoring;
