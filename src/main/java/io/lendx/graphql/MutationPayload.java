package io.lendx.graphql;

import io.micronaut.core.annotation.Nullable;

/** What a mutation returns, one record per SDL payload type, naming the object it acted on for the audit log. */
public interface MutationPayload {

    /** The address or key id the mutation acted on; null to let the audit take it from the input. */
    @Nullable
    String auditTarget();
}
