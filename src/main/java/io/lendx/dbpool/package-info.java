/**
 * The database connection pool: reactor-pool, the library r2dbc-pool is built on, with nothing
 * per acquisition but taking a connection and per release but giving it back. r2dbc-pool 1.0.2
 * wraps each acquisition in about a dozen operators (a validation on taking and another on giving
 * back, each naming its {@code Mono} with a formatted string, a hop onto the connection's event
 * loop through a new {@code Scheduler}, a cancel guard): about 3 KiB of allocation per statement.
 * reactor-pool's own acquisition timeout, armed only for a taker that waits, is
 * {@code LENDX_DB_POOL_ACQUIRE_TIMEOUT}. The pool replaces r2dbc-pool wherever r2dbc-pool would
 * have been used (a {@code r2dbc:pool:} URL, which {@code DATABASE_URL} gives), with its options.
 */
package io.lendx.dbpool;
