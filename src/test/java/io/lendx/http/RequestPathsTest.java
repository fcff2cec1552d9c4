package io.lendx.http;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestPathsTest {

    @Test
    void thePathItselfAndEverythingBelowItAreUnderIt() {
        assertTrue(RequestPaths.isUnder("/graphql", "/graphql"));
        assertTrue(RequestPaths.isUnder("/graphql/", "/graphql"));
        assertTrue(RequestPaths.isUnder("/graphql/persisted/1", "/graphql"));
    }

    @Test
    void aPathThatOnlyStartsWithTheSameLettersIsNot() {
        assertFalse(RequestPaths.isUnder("/graphql-ws", "/graphql"));
        assertFalse(RequestPaths.isUnder("/graphiql", "/graphql"));
        assertFalse(RequestPaths.isUnder("/health", "/graphql"));
        assertFalse(RequestPaths.isUnder("/", "/graphql"));
    }
}
