package io.lendx.audit;

import io.lendx.graphql.MutationPayload;
import io.micronaut.core.annotation.Nullable;

import java.util.List;
import java.util.Map;

/**
 * Names the object a mutation acted on: the one its payload names, or else the address or key
 * id its input names (a refusal has no payload).
 */
final class AuditTargets {

    private static final int MAX_LENGTH = 100;
    private static final List<String> INPUT_FIELDS = List.of("applicationAddress", "loanAddress", "poolAddress",
            "keyId", "userAddress", "address");

    private AuditTargets() {
    }

    /** The payload's object when the mutation succeeded, else what its input names. */
    @Nullable
    static String of(@Nullable Map<String, Object> input, @Nullable Object payload) {
        String target = payload instanceof MutationPayload named ? named.auditTarget() : null;
        if (target == null && input != null) {
            target = INPUT_FIELDS.stream().map(input::get).filter(String.class::isInstance).map(String.class::cast)
                    .findFirst().orElse(null);
        }
        // The column holds 100 characters; a longer value is someone's bad input, kept recognizable.
        return target == null || target.length() <= MAX_LENGTH ? target : target.substring(0, MAX_LENGTH - 1) + "…";
    }
}
