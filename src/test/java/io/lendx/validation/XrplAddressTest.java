package io.lendx.validation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class XrplAddressTest {

    @ParameterizedTest
    @ValueSource(strings = {"rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh", "rrrrrrrrrrrrrrrrrrrrrhoLvTp",
            "rPT1Sjq2YGrBMTttX4GZHjKu9dyfzbpAYe"})
    void knownAddressesAreValid(String address) {
        assertTrue(XrplAddress.isValid(address));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTa", "xHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh",
            "rHb9CJAWyB4rj91VRWn96DkukG4bwdtyT0", "r", "", "rHb9CJAWyB4rj91VRWn96DkukG4bwdtyThrHb9"})
    void typosAndForeignStringsAreInvalid(String address) {
        assertFalse(XrplAddress.isValid(address));
    }

    @Test
    void theGenesisAccountEncodesToItsKnownAddress() {
        byte[] genesis = HexFormat.of().parseHex("b5f762798a53d543a014caf8b297cff8f2f937e8");
        assertEquals("rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh", XrplAddress.fromAccountId(genesis));
        assertEquals("rrrrrrrrrrrrrrrrrrrrrhoLvTp", XrplAddress.fromAccountId(new byte[20]));
    }
}
