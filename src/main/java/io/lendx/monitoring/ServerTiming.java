package io.lendx.monitoring;

/**
 * The {@code Server-Timing} header of a response (w3.org/TR/server-timing), which browser
 * devtools show beside the request: time in SQL, in GraphQL execution, and in all, in
 * milliseconds.
 */
public final class ServerTiming {

    public static final String HEADER = "Server-Timing";

    private ServerTiming() {
    }

    public static String of(RequestProfile profile, long endedNanos) {
        StringBuilder header = new StringBuilder(64);
        header.append("db;dur=");
        millis(header, profile.databaseNanos());
        header.append(", exec;dur=");
        millis(header, Math.max(profile.executionNanos(), 0));
        header.append(", total;dur=");
        millis(header, endedNanos - profile.startedNanos());
        return header.toString();
    }

    /** To a tenth of a millisecond, without String.format's parsing of a pattern. */
    static void millis(StringBuilder to, long nanos) {
        long tenths = Math.max(nanos, 0) / 100_000;
        to.append(tenths / 10).append('.').append(tenths % 10);
    }
}
