package io.lendx.paging;

import io.r2dbc.spi.Row;

import java.util.function.Function;

/**
 * What keyset queries need to know of a table: its name, its key column, the key of an
 * entity and how a row becomes an entity.
 */
public record Table<T>(String name, String keyColumn, Function<T, String> key, Function<Row, T> mapper) {
}
