package io.lendx.audit;

import io.micronaut.core.annotation.Nullable;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * What the audit log keeps of a client address: its network, never the address (an IPv4 /24,
 * an IPv6 /48). The log is append-only, so an erasure could not remove an address later; it
 * is never stored in the first place. Enough to tell abuse from one network apart.
 */
final class ClientNetwork {

    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

    private ClientNetwork() {
    }

    @Nullable
    static String of(@Nullable String clientAddress) {
        if (clientAddress == null || !IP_LITERAL.matcher(clientAddress).matches()) {
            return null;
        }
        try {
            byte[] bytes = InetAddress.getByName(clientAddress).getAddress();
            if (bytes.length == 4) {
                return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + ".0/24";
            }
            return String.format("%x:%x:%x::/48", ((bytes[0] & 0xff) << 8) | (bytes[1] & 0xff),
                    ((bytes[2] & 0xff) << 8) | (bytes[3] & 0xff), ((bytes[4] & 0xff) << 8) | (bytes[5] & 0xff));
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
