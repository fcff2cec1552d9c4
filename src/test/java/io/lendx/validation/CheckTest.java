package io.lendx.validation;

import io.lendx.error.BadUserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The input rules the mutations share: what each accepts, and the message of each refusal. No application context. */
class CheckTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refuses(String what, Executable check, String message) {
        BadUserInputException refused = assertThrows(BadUserInputException.class, check);

        assertEquals(message, refused.getMessage());
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                refusal("an object address with a dash", () -> Check.objectAddress("poolAddress", "ab-cd"),
                        "poolAddress must be 1 to 66 letters and digits"),
                refusal("an object address of 67 characters", () -> Check.objectAddress("poolAddress", "a".repeat(67)),
                        "poolAddress must be 1 to 66 letters and digits"),
                refusal("no object address", () -> Check.objectAddress("poolAddress", null),
                        "poolAddress must be 1 to 66 letters and digits"),
                refusal("an address with a bad checksum", () -> Check.xrplAddress("address",
                        "rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTi"), "address must be an XRPL classic address with a valid checksum"),
                refusal("a 63-digit transaction hash", () -> Check.txHash("txHash", "A".repeat(63)),
                        "txHash must be 64 hexadecimal digits"),
                refusal("a DID without a method", () -> Check.did("did", "did:alice"),
                        "did must be a DID like did:method:identifier (at most 255 characters)"),
                refusal("a DID of 256 characters", () -> Check.did("did", "did:web:" + "a".repeat(248)),
                        "did must be a DID like did:method:identifier (at most 255 characters)"),
                refusal("zero where it must be positive", () -> Check.positive("principal", BigDecimal.ZERO),
                        "principal must be greater than 0"),
                refusal("a negative amount", () -> Check.notNegative("amount", new BigDecimal("-0.000001")),
                        "amount must not be negative"),
                refusal("a number above its range", () -> Check.between("durationDays", 3651, 1, 3650),
                        "durationDays must be between 1 and 3650, was 3651"),
                refusal("a rate above 100", () -> Check.rate("interestRate", new BigDecimal("100.0001")),
                        "interestRate must be between 0 and 100 with at most 4 decimals"),
                refusal("a rate with five decimals", () -> Check.rate("interestRate", new BigDecimal("7.12345")),
                        "interestRate must be between 0 and 100 with at most 4 decimals"),
                refusal("a negative rate", () -> Check.rate("interestRate", new BigDecimal("-1")),
                        "interestRate must be between 0 and 100 with at most 4 decimals"));
    }

    @Test
    void acceptsWhatItShouldAsItIs() {
        assertEquals("ABC123", Check.objectAddress("poolAddress", "ABC123"));
        assertEquals("rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh", Check.xrplAddress("address", "rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh"));
        assertNull(Check.txHash("txHash", null));
        assertEquals("a".repeat(64), Check.txHash("txHash", "a".repeat(64)));
        assertNull(Check.did("did", null));
        assertEquals("did:web:bob.example", Check.did("did", "did:web:bob.example"));
        assertEquals(0, Check.notNegative("amount", BigDecimal.ZERO).signum());
        assertEquals(3650, Check.between("durationDays", 3650, 1, 3650));
    }

    @Test
    void aRateIsKeptWithFourDecimals() {
        assertEquals(new BigDecimal("7.3000"), Check.rate("interestRate", new BigDecimal("7.3")));
        assertEquals(new BigDecimal("100.0000"), Check.rate("interestRate", new BigDecimal("100.00000")));
        assertEquals(new BigDecimal("0.0000"), Check.rate("interestRate", BigDecimal.ZERO));
    }

    @Test
    void aMissingObjectAddressIsANewRandomOne() {
        String first = Check.objectAddressOrNew("poolAddress", null);
        String second = Check.objectAddressOrNew("poolAddress", null);

        assertTrue(first.matches("[0-9A-F]{64}"), first);
        assertNotEquals(first, second);
        assertEquals("GIVEN1", Check.objectAddressOrNew("poolAddress", "GIVEN1"));
    }

    private static Arguments refusal(String what, Executable check, String message) {
        return Arguments.of(what, check, message);
    }
}
