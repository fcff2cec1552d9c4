/**
 * Reads on a streaming replica ({@code LENDX_DB_REPLICA_URL}): which connection a query's
 * statements take (the replica, unless it is down, too far behind, or behind a write the caller
 * made), the replica's state, and the write positions that give a caller its own writes back.
 */
package io.lendx.replica;
