package io.lendx.auth;

import org.xrpl.xrpl4j.crypto.keys.Base58EncodedSecret;
import org.xrpl.xrpl4j.crypto.keys.KeyPair;
import org.xrpl.xrpl4j.crypto.keys.Seed;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code java -jar lendx-api.jar wallet sign --seed <seed> --challenge <text>}: signs a sign-in
 * challenge with a test wallet's seed, as a wallet app would, and prints the fields registerUser
 * and signIn take. For development and the README walkthrough (the sample users' seeds are
 * published): never paste a real wallet's seed into a command line.
 */
public final class WalletCommand {

    public static final int OK = 0;
    public static final int USAGE = 2;
    private static final String USAGE_TEXT = "usage: wallet sign --seed <family seed, s…> --challenge <challenge text>";

    private WalletCommand() {
    }

    public static boolean isCommand(String[] args) {
        return args.length > 0 && "wallet".equals(args[0]);
    }

    public static int run(String[] args, PrintStream out) {
        String seed = option(args, "--seed");
        String challenge = option(args, "--challenge");
        if (args.length < 2 || !"sign".equals(args[1]) || seed == null || challenge == null) {
            out.println(USAGE_TEXT);
            return USAGE;
        }
        KeyPair keys;
        try {
            keys = Seed.fromBase58EncodedSecret(Base58EncodedSecret.of(seed)).deriveKeyPair();
        } catch (RuntimeException e) {
            out.println("--seed is not an XRPL family seed (s…)");
            return USAGE;
        }
        String signature = WalletMessages.sign(keys, challenge.getBytes(StandardCharsets.UTF_8));
        out.println("{\"address\": \"" + keys.publicKey().deriveAddress().value() + "\", \"publicKey\": \""
                + keys.publicKey().base16Value() + "\", \"signature\": \"" + signature + "\"}");
        return OK;
    }

    private static String option(String[] args, String name) {
        for (int i = 1; i < args.length - 1; i++) {
            if (name.equals(args[i])) {
                return args[i + 1];
            }
        }
        return null;
    }
}
