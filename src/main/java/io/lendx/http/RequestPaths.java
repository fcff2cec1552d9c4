package io.lendx.http;

/**
 * Which requests a filter is for, decided in the filter. Micronaut keeps one list of the filters
 * whose pattern is {@code /**}; while any filter has another pattern it matches every pattern
 * against every request's path and sorts the filters again, which was a tenth of the CPU of a
 * {@code { __typename }} query (bench/README.md). So every filter of ours matches all paths.
 */
public final class RequestPaths {

    private RequestPaths() {
    }

    /** Whether {@code path} is {@code base} or below it, as the pattern {@code base/**} matches. */
    public static boolean isUnder(String path, String base) {
        return path.startsWith(base) && (path.length() == base.length() || path.charAt(base.length()) == '/');
    }
}
