package io.lendx.cache;

import io.micronaut.core.annotation.Nullable;

import java.util.List;
import java.util.Map;

/**
 * Which tables each object type of the graph reads, as bits of a mask: an answer depends on
 * the tables of every type it selects (a connection's {@code totalCount} counts its table, the
 * statistics aggregate several). The tables are those migration 8 announces changes of. A type
 * not listed here makes an answer uncacheable: a new type is never cached by accident.
 */
final class GraphTables {

    /** The announced tables, in bit order. */
    static final List<String> TABLES = List.of("users", "pools", "applications", "loans", "user_mpt_balances");

    private static final long USERS = bit("users");
    private static final long POOLS = bit("pools");
    private static final long APPLICATIONS = bit("applications");
    private static final long LOANS = bit("loans");
    private static final long BALANCES = bit("user_mpt_balances");
    /** Types that only wrap what their parent field read (edges, page state, counts). */
    private static final long NONE = 0;

    private static final Map<String, Long> BY_TYPE = Map.ofEntries(
            Map.entry("User", USERS),
            Map.entry("UserConnection", USERS),
            Map.entry("Pool", POOLS),
            Map.entry("PoolConnection", POOLS),
            Map.entry("LoanApplication", APPLICATIONS),
            Map.entry("LoanApplicationConnection", APPLICATIONS),
            Map.entry("Loan", LOANS),
            Map.entry("LoanConnection", LOANS),
            Map.entry("MptBalance", BALANCES),
            Map.entry("PoolStats", POOLS | LOANS | APPLICATIONS),
            Map.entry("MarketplaceStats", USERS | POOLS | LOANS | APPLICATIONS),
            Map.entry("UserEdge", NONE),
            Map.entry("PoolEdge", NONE),
            Map.entry("LoanApplicationEdge", NONE),
            Map.entry("LoanEdge", NONE),
            Map.entry("PageInfo", NONE),
            Map.entry("LoanCounts", NONE),
            Map.entry("ApplicationCounts", NONE));

    private GraphTables() {
    }

    /** The tables an object of this type is read from; null for a type this cache does not know. */
    @Nullable
    static Long ofType(String typeName) {
        return BY_TYPE.get(typeName);
    }

    /** The bit of an announced table; 0 for a table no cached answer reads. */
    static long bit(String table) {
        int index = TABLES.indexOf(table);
        return index < 0 ? 0 : 1L << index;
    }
}
