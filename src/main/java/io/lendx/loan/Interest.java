package io.lendx.loan;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Simple interest for a loan's term, fixed when the loan is opened. */
final class Interest {

    private static final BigDecimal PERCENT_DAYS_PER_YEAR = BigDecimal.valueOf(100L * 365);
    private static final int MONEY_SCALE = 6;

    private Interest() {
    }

    /** principal × rate/100 × days/365, rounded once, HALF_EVEN, to six decimals. */
    static BigDecimal of(BigDecimal principal, BigDecimal annualRatePercent, int days) {
        return principal.multiply(annualRatePercent).multiply(BigDecimal.valueOf(days))
                .divide(PERCENT_DAYS_PER_YEAR, MONEY_SCALE, RoundingMode.HALF_EVEN);
    }
}
