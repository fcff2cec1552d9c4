package io.lendx.validation;

import java.math.BigDecimal;

/**
 * The scale a stored decimal column has. PostgreSQL's binary protocol sends a NUMERIC zero
 * without its scale (r2dbc-postgresql reads it as a plain {@code 0}); entities put it back, so a
 * stored {@code 0.000000} reads as {@code 0.000000} whatever the protocol.
 */
public final class Decimals {

    /** NUMERIC(20,6): amounts of money. */
    public static final int MONEY_SCALE = 6;
    /** NUMERIC(7,4): annual interest rates in percent. */
    public static final int RATE_SCALE = 4;

    private Decimals() {
    }

    public static BigDecimal money(BigDecimal value) {
        return withZeroScale(value, MONEY_SCALE);
    }

    public static BigDecimal rate(BigDecimal value) {
        return withZeroScale(value, RATE_SCALE);
    }

    private static BigDecimal withZeroScale(BigDecimal value, int scale) {
        return value != null && value.signum() == 0 && value.scale() < scale ? value.setScale(scale) : value;
    }
}
