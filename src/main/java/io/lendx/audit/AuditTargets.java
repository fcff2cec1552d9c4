package io.lendx.audit;

import io.micronaut.core.annotation.Nullable;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;

/**
 * Names the object a mutation acted on: the address or key id its input names, or, for a
 * creation without one, the address of the object its payload carries.
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
        String target = payload == null ? null : fromPayload(payload);
        if (target == null && input != null) {
            target = INPUT_FIELDS.stream().map(input::get).filter(String.class::isInstance).map(String.class::cast)
                    .findFirst().orElse(null);
        }
        // The column holds 100 characters; a longer value is someone's bad input, kept recognizable.
        return target == null || target.length() <= MAX_LENGTH ? target : target.substring(0, MAX_LENGTH - 1) + "…";
    }

    @Nullable
    private static String fromPayload(Object payload) {
        if (!payload.getClass().isRecord()) {
            return null;
        }
        for (RecordComponent component : payload.getClass().getRecordComponents()) {
            Object value = read(component.getAccessor(), payload);
            if ("keyId".equals(component.getName()) && value != null) {
                return value.toString();
            }
            if (value != null && value.getClass().isRecord()) {
                for (RecordComponent inner : value.getClass().getRecordComponents()) {
                    if ("address".equals(inner.getName())) {
                        return String.valueOf(read(inner.getAccessor(), value));
                    }
                }
            }
        }
        return null;
    }

    @Nullable
    private static Object read(Method accessor, Object record) {
        try {
            return accessor.invoke(record);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}
