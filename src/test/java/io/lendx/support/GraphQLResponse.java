package io.lendx.support;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

/** A GraphQL response body with path navigation ({@code "pools.nodes.0.address"}). */
public record GraphQLResponse(Map<String, Object> body) {

    /** The value at a dotted path under {@code data}; fails the test if the response has errors. */
    @SuppressWarnings("unchecked")
    public <T> T data(String path) {
        assertNull(body.get("errors"), () -> "Unexpected errors: " + body.get("errors"));
        return (T) at(body.get("data"), path);
    }

    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> errors() {
        Object errors = body.get("errors");
        return errors == null ? List.of() : (List<Map<String, Object>>) errors;
    }

    /** Asserts that the response has exactly one error, with this code, and returns it. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> singleError(String code) {
        List<Map<String, Object>> errors = errors();
        assertEquals(1, errors.size(), () -> "Expected one error but got " + errors);
        Map<String, Object> extensions = (Map<String, Object>) errors.get(0).get("extensions");
        assertEquals(code, extensions.get("code"), () -> "Wrong code in " + errors);
        String message = (String) errors.get(0).get("message");
        assertFalse(message.contains("Exception") || message.contains("io.lendx") || message.contains("SELECT"),
                () -> "The message leaks internals: " + message);
        return errors.get(0);
    }

    /** Asserts that the response has exactly one error, with this code and this reason, and returns it. */
    public Map<String, Object> singleError(String code, String reason) {
        Map<String, Object> error = singleError(code);
        assertEquals(reason, reason(error), () -> "Wrong reason in " + error);
        return error;
    }

    /** An error's {@code extensions}. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> extensions(Map<String, Object> error) {
        return (Map<String, Object>) error.get("extensions");
    }

    /** An error's {@code extensions.reason}. */
    public static String reason(Map<String, Object> error) {
        return (String) extensions(error).get("reason");
    }

    private static Object at(Object root, String path) {
        Object current = root;
        for (String part : path.split("\\.")) {
            if (current instanceof Map<?, ?> map) {
                if (!map.containsKey(part)) {
                    fail("No '" + part + "' in " + map + " (path " + path + ")");
                }
                current = map.get(part);
            } else if (current instanceof List<?> list) {
                current = list.get(Integer.parseInt(part));
            } else {
                fail("Cannot descend into " + current + " with '" + part + "' (path " + path + ")");
            }
        }
        return current;
    }
}
