package io.lendx.auth;

import io.lendx.auth.WalletSignatures.Outcome;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code wallet sign}: what it prints is a proof the service accepts, without a server. */
class WalletCommandTest {

    private static final Pattern OUTPUT = Pattern.compile(
            "\\{\"address\": \"(r\\w+)\", \"publicKey\": \"(\\w+)\", \"signature\": \"(\\w+)\"}\\s*");

    @Test
    void signsWithASeedOfEitherKindAsRippleKeypairsDoes() {
        // The seeds of WalletSignaturesTest's ripple-keypairs vectors.
        for (String[] seedAndAddress : new String[][]{{"sp5fghtJtpUorTwvof1NpDXAzNwf5", "rU6K7V3Po4snVhBBaU29sesqs2qTQJWDw1"},
                {"sEdSJHS4oiAdz7w2X2ni1gFiqtbJHqE", "r9zRhGr7b6xPekLvT6wP4qNdWMryaumZS7"}}) {
            String challenge = "lendx sign-in\naddress: " + seedAndAddress[1] + "\nnonce: 01";
            ByteArrayOutputStream out = new ByteArrayOutputStream();

            int status = WalletCommand.run(new String[]{"wallet", "sign", "--seed", seedAndAddress[0],
                    "--challenge", challenge}, new PrintStream(out, true, StandardCharsets.UTF_8));

            assertEquals(WalletCommand.OK, status);
            Matcher printed = OUTPUT.matcher(out.toString(StandardCharsets.UTF_8));
            assertTrue(printed.matches(), out::toString);
            assertEquals(seedAndAddress[1], printed.group(1));
            assertEquals(Outcome.VALID, new WalletSignatures().verify(printed.group(1), printed.group(2),
                    printed.group(3), challenge.getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void aMissingOptionOrABadSeedIsAUsageError() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);

        assertEquals(WalletCommand.USAGE, WalletCommand.run(new String[]{"wallet", "sign", "--seed", "s1"}, print));
        assertEquals(WalletCommand.USAGE, WalletCommand.run(new String[]{"wallet", "sign", "--seed", "not-a-seed",
                "--challenge", "x"}, print));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("usage: wallet sign"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("not an XRPL family seed"));
    }
}
