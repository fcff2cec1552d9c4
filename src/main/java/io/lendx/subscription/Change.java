package io.lendx.subscription;

import java.util.Map;

/**
 * A committed change to one object, as announced on PostgreSQL's {@value #CHANNEL} channel: the
 * kind of object, its address and the addresses a subscription may filter it by, all named as
 * the subscription field's arguments ({@code address}, {@code poolAddress}, …). The payload is
 * the JSON of {@link #keys} plus {@code "type"}.
 */
public record Change(Kind type, Map<String, String> keys) {

    public static final String CHANNEL = "lendx_changes";

    public enum Kind {
        APPLICATION,
        LOAN,
        POOL
    }

    /** Whether every given filter (argument name → value; null values ignored) matches. */
    public boolean matches(Map<String, Object> filters) {
        for (Map.Entry<String, Object> filter : filters.entrySet()) {
            if (filter.getValue() != null && !filter.getValue().equals(keys.get(filter.getKey()))) {
                return false;
            }
        }
        return true;
    }

    public String address() {
        return keys.get("address");
    }
}
