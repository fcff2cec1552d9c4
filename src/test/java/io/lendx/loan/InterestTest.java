package io.lendx.loan;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Simple interest, rounded once to six decimals, half to even. No application context. */
class InterestTest {

    @ParameterizedTest(name = "{0} at {1}% for {2} days = {3}")
    @CsvSource({
            // The README's walkthrough: 1000 × 7.3% × 30/365.
            "1000, 7.3, 30, 6.000000",
            "1000, 0, 30, 0.000000",
            "1, 1, 1, 0.000027",
            // Exactly half a millionth: rounded to the even neighbour, down here and up there.
            "0.01825, 1, 1, 0.000000",
            "0.05475, 1, 1, 0.000002",
            "123456789.123456, 12.5, 365, 15432098.640432",
    })
    void isPrincipalTimesRateTimesDaysOver365(String principal, String rate, int days, String expected) {
        BigDecimal interest = Interest.of(new BigDecimal(principal), new BigDecimal(rate), days);

        assertEquals(new BigDecimal(expected), interest);
        assertEquals(6, interest.scale());
    }
}
