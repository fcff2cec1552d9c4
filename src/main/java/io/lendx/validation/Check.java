package io.lendx.validation;

import io.lendx.error.BadUserInputException;
import io.micronaut.core.annotation.Nullable;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Input rules shared by the mutations. Each check returns the value it accepted and refuses
 * anything else with a BAD_USER_INPUT naming the field; the value itself is echoed only when
 * it is short and harmless.
 */
public final class Check {

    private static final Pattern OBJECT_ADDRESS = Pattern.compile("[0-9A-Za-z]{1,66}");
    private static final Pattern TX_HASH = Pattern.compile("[0-9A-Fa-f]{64}");
    private static final Pattern DID = Pattern.compile("did:[a-z0-9]+:[A-Za-z0-9._:%-]+");
    private static final int DID_MAX_LENGTH = 255;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Check() {
    }

    /** An on-chain object id: 1–66 letters and digits. */
    public static String objectAddress(String field, String value) {
        if (value == null || !OBJECT_ADDRESS.matcher(value).matches()) {
            throw new BadUserInputException(field + " must be 1 to 66 letters and digits");
        }
        return value;
    }

    /** The given object id, or a new random 64-hex-digit one when none is given. */
    public static String objectAddressOrNew(String field, @Nullable String value) {
        if (value == null) {
            byte[] id = new byte[32];
            RANDOM.nextBytes(id);
            return HexFormat.of().withUpperCase().formatHex(id);
        }
        return objectAddress(field, value);
    }

    /** An XRPL classic address with a valid checksum. */
    public static String xrplAddress(String field, String value) {
        if (!XrplAddress.isValid(value)) {
            throw new BadUserInputException(field + " must be an XRPL classic address with a valid checksum");
        }
        return value;
    }

    @Nullable
    public static String txHash(String field, @Nullable String value) {
        if (value != null && !TX_HASH.matcher(value).matches()) {
            throw new BadUserInputException(field + " must be 64 hexadecimal digits");
        }
        return value;
    }

    @Nullable
    public static String did(String field, @Nullable String value) {
        if (value != null && (value.length() > DID_MAX_LENGTH || !DID.matcher(value).matches())) {
            throw new BadUserInputException(field + " must be a DID like did:method:identifier (at most "
                    + DID_MAX_LENGTH + " characters)");
        }
        return value;
    }

    public static BigDecimal positive(String field, BigDecimal value) {
        if (value.signum() <= 0) {
            throw new BadUserInputException(field + " must be greater than 0");
        }
        return value;
    }

    public static BigDecimal notNegative(String field, BigDecimal value) {
        if (value.signum() < 0) {
            throw new BadUserInputException(field + " must not be negative");
        }
        return value;
    }

    public static int between(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new BadUserInputException(field + " must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    /** An annual rate in percent as NUMERIC(7,4) holds it: 0 to 100, at most four decimals. */
    public static BigDecimal rate(String field, BigDecimal value) {
        BigDecimal rate = value.stripTrailingZeros();
        if (value.signum() < 0 || value.compareTo(BigDecimal.valueOf(100)) > 0 || rate.scale() > 4) {
            throw new BadUserInputException(field + " must be between 0 and 100 with at most 4 decimals");
        }
        return value.setScale(4);
    }
}
