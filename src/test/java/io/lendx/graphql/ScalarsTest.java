package io.lendx.graphql;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.StringValue;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ScalarsTest {

    private static final GraphQLContext CONTEXT = GraphQLContext.getDefault();
    @SuppressWarnings("unchecked")
    private static final Coercing<BigDecimal, String> DECIMAL =
            (Coercing<BigDecimal, String>) DecimalScalar.INSTANCE.getCoercing();
    @SuppressWarnings("unchecked")
    private static final Coercing<Instant, String> DATE_TIME =
            (Coercing<Instant, String>) DateTimeScalar.INSTANCE.getCoercing();

    @ParameterizedTest
    @CsvSource({"1500.25, 1500.250000", "0, 0.000000", "7.5000, 7.500000", "-3.000001, -3.000001",
            "99999999999999.999999, 99999999999999.999999"})
    void decimalsSerializeAsStringsWithSixDecimals(String value, String expected) {
        assertEquals(expected, DECIMAL.serialize(new BigDecimal(value), CONTEXT, Locale.ROOT));
    }

    @ParameterizedTest
    @CsvSource({"1500.25, 1500.250000", "42, 42.000000", "0.000001, 0.000001", "-1, -1.000000"})
    void decimalStringsParseExactly(String input, String expected) {
        assertEquals(new BigDecimal(expected), DECIMAL.parseValue(input, CONTEXT, Locale.ROOT));
        assertEquals(new BigDecimal(expected),
                DECIMAL.parseLiteral(StringValue.of(input), CoercedVariables.emptyVariables(), CONTEXT, Locale.ROOT));
    }

    @Test
    void integersAreAcceptedAsDecimals() {
        assertEquals(new BigDecimal("7.000000"), DECIMAL.parseValue(7, CONTEXT, Locale.ROOT));
        assertEquals(new BigDecimal("7000000000.000000"), DECIMAL.parseValue(7_000_000_000L, CONTEXT, Locale.ROOT));
        assertEquals(new BigDecimal("12.000000"), DECIMAL.parseLiteral(IntValue.of(12),
                CoercedVariables.emptyVariables(), CONTEXT, Locale.ROOT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0000001", "NaN", "Infinity", "-Infinity", "1e3", "1E-2", "0x10", "", " 1", "1.",
            ".5", "+1", "1,5", "123456789012345", "1_000"})
    void oddDecimalStringsAreRefused(String input) {
        assertThrows(CoercingParseValueException.class, () -> DECIMAL.parseValue(input, CONTEXT, Locale.ROOT));
        assertThrows(CoercingParseLiteralException.class, () -> DECIMAL.parseLiteral(StringValue.of(input),
                CoercedVariables.emptyVariables(), CONTEXT, Locale.ROOT));
    }

    @Test
    void floatsAndHugeIntegersAreRefused() {
        assertThrows(CoercingParseValueException.class, () -> DECIMAL.parseValue(1.5d, CONTEXT, Locale.ROOT));
        assertThrows(CoercingParseValueException.class,
                () -> DECIMAL.parseValue(new BigInteger("1000000000000000"), CONTEXT, Locale.ROOT));
        assertThrows(CoercingParseLiteralException.class, () -> DECIMAL.parseLiteral(FloatValue.of(1.5),
                CoercedVariables.emptyVariables(), CONTEXT, Locale.ROOT));
    }

    @Test
    void dateTimesAreUtcOnOutputAndAnyOffsetOnInput() {
        Instant instant = Instant.parse("2026-11-21T10:15:30.123456Z");
        assertEquals("2026-11-21T10:15:30.123456Z", DATE_TIME.serialize(instant, CONTEXT, Locale.ROOT));
        assertEquals("2026-11-21T10:15:30.123456Z", DATE_TIME.serialize(
                instant.atOffset(ZoneOffset.ofHours(2)), CONTEXT, Locale.ROOT));
        assertEquals(instant, DATE_TIME.parseValue("2026-11-21T12:15:30.123456+02:00", CONTEXT, Locale.ROOT));
        assertEquals(OffsetDateTime.parse("2026-01-01T00:00:00Z").toInstant(),
                DATE_TIME.parseValue("2026-01-01T00:00:00Z", CONTEXT, Locale.ROOT));
        assertEquals("9999-12-31T23:59:59Z", DATE_TIME.serialize(
                DATE_TIME.parseValue("9999-12-31T23:59:59Z", CONTEXT, Locale.ROOT), CONTEXT, Locale.ROOT));
        assertEquals("0001-01-01T00:00:00Z", DATE_TIME.serialize(
                DATE_TIME.parseValue("0001-01-01T00:00:00Z", CONTEXT, Locale.ROOT), CONTEXT, Locale.ROOT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-21", "2026-11-21T10:15:30", "yesterday", "2026-13-01T00:00:00Z", "",
            "+275760-09-13T00:00:00Z", "10000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z", "+2026-11-21T10:15:30Z",
            "9999-12-31T23:00:00-05:00", "0001-01-01T00:30:00+01:00", "0000-06-01T00:00:00Z", "26-11-21T10:15:30Z"})
    void incompleteOrInvalidDateTimesAreRefused(String input) {
        assertThrows(CoercingParseValueException.class, () -> DATE_TIME.parseValue(input, CONTEXT, Locale.ROOT));
    }
}
