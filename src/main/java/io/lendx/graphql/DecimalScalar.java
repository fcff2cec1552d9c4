package io.lendx.graphql;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.IntValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Exact amounts as JSON strings. Input is a plain decimal string or an integer that fits
 * NUMERIC(20,6); floats, exponents, NaN and Infinity are refused so no value is ever rounded
 * silently.
 */
public final class DecimalScalar {

    static final int SCALE = 6;
    private static final int INTEGER_DIGITS = 14;
    private static final Pattern PLAIN_DECIMAL =
            Pattern.compile("-?\\d{1," + INTEGER_DIGITS + "}(\\.\\d{1," + SCALE + "})?");

    public static final GraphQLScalarType INSTANCE = GraphQLScalarType.newScalar()
            .name("Decimal")
            .description("An exact decimal amount, serialized as a string with six decimals.")
            .coercing(new DecimalCoercing())
            .build();

    private DecimalScalar() {
    }

    static BigDecimal parse(String text) {
        if (!PLAIN_DECIMAL.matcher(text).matches()) {
            throw new IllegalArgumentException("Expected a decimal string with at most " + INTEGER_DIGITS
                    + " integer digits and " + SCALE + " decimals, like \"1500.25\", but got \""
                    + abbreviate(text) + "\"");
        }
        return new BigDecimal(text).setScale(SCALE, RoundingMode.UNNECESSARY);
    }

    private static BigDecimal fromInteger(BigInteger value) {
        return parse(value.toString());
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    private static final class DecimalCoercing implements Coercing<BigDecimal, String> {

        @Override
        public String serialize(Object value, GraphQLContext context, Locale locale) {
            if (value instanceof BigDecimal decimal) {
                return decimal.setScale(Math.max(SCALE, decimal.scale()), RoundingMode.UNNECESSARY).toPlainString();
            }
            throw new CoercingSerializeException("Decimal fields serialize BigDecimal values only");
        }

        @Override
        public BigDecimal parseValue(Object input, GraphQLContext context, Locale locale) {
            try {
                if (input instanceof String text) {
                    return parse(text);
                }
                if (input instanceof Integer || input instanceof Long || input instanceof Short) {
                    return fromInteger(BigInteger.valueOf(((Number) input).longValue()));
                }
                if (input instanceof BigInteger integer) {
                    return fromInteger(integer);
                }
            } catch (IllegalArgumentException e) {
                throw new CoercingParseValueException(e.getMessage());
            }
            throw new CoercingParseValueException("Expected a Decimal as a string (like \"1500.25\") or an integer");
        }

        @Override
        public BigDecimal parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
                                       Locale locale) {
            try {
                if (input instanceof StringValue text) {
                    return parse(text.getValue());
                }
                if (input instanceof IntValue integer) {
                    return fromInteger(integer.getValue());
                }
            } catch (IllegalArgumentException e) {
                throw new CoercingParseLiteralException(e.getMessage());
            }
            throw new CoercingParseLiteralException("Expected a Decimal as a string (like \"1500.25\") or an integer");
        }

        @Override
        public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
            return StringValue.of(serialize(input, context, locale));
        }
    }
}
