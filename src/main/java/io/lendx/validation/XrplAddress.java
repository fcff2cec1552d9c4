package io.lendx.validation;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * XRPL classic addresses: base58 (XRPL alphabet) of a 0x00 type byte, a 20-byte account id and
 * a 4-byte double SHA-256 checksum. A typo changes the checksum, so it is always verified.
 */
public final class XrplAddress {

    private static final String ALPHABET = "rpshnaf39wBUDNEGHJKLM4PQRST7VWXYZ2bcdeCg65jkm8oFqi1tuvAxyz";
    private static final BigInteger BASE = BigInteger.valueOf(58);
    private static final byte ACCOUNT_TYPE = 0x00;
    private static final int ACCOUNT_ID_LENGTH = 20;
    private static final int CHECKSUM_LENGTH = 4;
    private static final int PAYLOAD_LENGTH = 1 + ACCOUNT_ID_LENGTH + CHECKSUM_LENGTH;

    private XrplAddress() {
    }

    public static boolean isValid(String address) {
        if (address == null || address.length() < 25 || address.length() > 35 || address.charAt(0) != 'r') {
            return false;
        }
        byte[] payload = decode(address);
        if (payload == null || payload.length != PAYLOAD_LENGTH || payload[0] != ACCOUNT_TYPE) {
            return false;
        }
        byte[] body = Arrays.copyOf(payload, 1 + ACCOUNT_ID_LENGTH);
        byte[] checksum = Arrays.copyOfRange(payload, 1 + ACCOUNT_ID_LENGTH, PAYLOAD_LENGTH);
        return Arrays.equals(checksum(body), checksum);
    }

    /** The classic address of a 20-byte account id. */
    public static String fromAccountId(byte[] accountId) {
        if (accountId.length != ACCOUNT_ID_LENGTH) {
            throw new IllegalArgumentException("An account id has " + ACCOUNT_ID_LENGTH + " bytes");
        }
        byte[] body = new byte[1 + ACCOUNT_ID_LENGTH];
        body[0] = ACCOUNT_TYPE;
        System.arraycopy(accountId, 0, body, 1, ACCOUNT_ID_LENGTH);
        byte[] payload = Arrays.copyOf(body, PAYLOAD_LENGTH);
        System.arraycopy(checksum(body), 0, payload, body.length, CHECKSUM_LENGTH);
        return encode(payload);
    }

    private static String encode(byte[] bytes) {
        StringBuilder encoded = new StringBuilder();
        BigInteger value = new BigInteger(1, bytes);
        while (value.signum() > 0) {
            BigInteger[] quotientAndRemainder = value.divideAndRemainder(BASE);
            encoded.append(ALPHABET.charAt(quotientAndRemainder[1].intValue()));
            value = quotientAndRemainder[0];
        }
        for (int i = 0; i < bytes.length && bytes[i] == 0; i++) {
            encoded.append(ALPHABET.charAt(0));
        }
        return encoded.reverse().toString();
    }

    private static byte[] decode(String text) {
        BigInteger value = BigInteger.ZERO;
        for (char c : text.toCharArray()) {
            int digit = ALPHABET.indexOf(c);
            if (digit < 0) {
                return null;
            }
            value = value.multiply(BASE).add(BigInteger.valueOf(digit));
        }
        byte[] magnitude = value.toByteArray();
        int signByte = magnitude.length > 1 && magnitude[0] == 0 ? 1 : 0;
        int leadingZeros = 0;
        while (leadingZeros < text.length() && text.charAt(leadingZeros) == ALPHABET.charAt(0)) {
            leadingZeros++;
        }
        byte[] decoded = new byte[leadingZeros + magnitude.length - signByte];
        System.arraycopy(magnitude, signByte, decoded, leadingZeros, magnitude.length - signByte);
        return decoded;
    }

    private static byte[] checksum(byte[] body) {
        return Arrays.copyOf(Sha256.of(Sha256.of(body)), CHECKSUM_LENGTH);
    }
}
