package io.lendx.audit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** What the audit log keeps of a client address, without a database. */
class ClientNetworkTest {

    @Test
    void anAddressBecomesItsNetwork() {
        assertEquals("203.0.113.0/24", ClientNetwork.of("203.0.113.77"));
        assertEquals("127.0.0.0/24", ClientNetwork.of("127.0.0.1"));
        assertEquals("2001:db8:85a3::/48", ClientNetwork.of("2001:db8:85a3:8d3:1319:8a2e:370:7348"));
    }

    @Test
    void anythingElseIsNotKept() {
        assertNull(ClientNetwork.of(null));
        assertNull(ClientNetwork.of("unknown"));
        assertNull(ClientNetwork.of("example.com"));
    }
}
