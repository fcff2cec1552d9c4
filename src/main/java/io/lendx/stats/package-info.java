/**
 * Marketplace and pool statistics: read models computed by SQL aggregates over the other
 * features' tables (no repository of theirs), {@code Pool.stats} batched per level.
 */
package io.lendx.stats;
