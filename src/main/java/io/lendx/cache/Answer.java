package io.lendx.cache;

import graphql.ExecutionResult;
import io.micronaut.core.annotation.Nullable;

/**
 * What the cache made of a query: either the body's bytes (a hit, or an answer it rendered to
 * keep) or an execution result for the transport to write (errors, uncacheable answers,
 * mutations), with what the HTTP headers need to say.
 *
 * @param maxAgeSeconds how long others may reuse the answer (from when it was computed); null when never
 * @param ageSeconds    how long ago the answer was computed (hits)
 */
public record Answer(Outcome outcome, @Nullable ExecutionResult result, @Nullable byte[] body,
                     @Nullable String etag, @Nullable Integer maxAgeSeconds, boolean isPrivate, long ageSeconds) {

    /** The {@code X-Cache} header's values. */
    public enum Outcome {
        HIT,
        MISS,
        BYPASS
    }

    public static Answer executed(Outcome outcome, ExecutionResult result) {
        return new Answer(outcome, result, null, null, null, false, 0);
    }
}
