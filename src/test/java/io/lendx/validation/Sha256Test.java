package io.lendx.validation;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;

class Sha256Test {

    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Test
    void hashesTheStandardVector() {
        assertEquals(ABC, Sha256.hex("abc"));
    }

    @Test
    void aThreadsDigestStartsAfreshForEachText() {
        Sha256.hex("something else first");
        assertEquals(ABC, Sha256.hex("abc"));
        assertEquals(ABC, Sha256.hex("abc"));
    }

    @Test
    void everyThreadGetsTheSameAnswer() {
        assertEquals(ABC, CompletableFuture.supplyAsync(() -> Sha256.hex("abc")).join());
    }
}
