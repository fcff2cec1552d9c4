package io.lendx.graphql;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Pattern;

/** RFC 3339 instants: any offset on input, always UTC ({@code Z}) on output. */
public final class DateTimeScalar {

    public static final GraphQLScalarType INSTANCE = GraphQLScalarType.newScalar()
            .name("DateTime")
            .description("An RFC 3339 instant, serialized in UTC.")
            .coercing(new DateTimeCoercing())
            .build();

    private static final Pattern FOUR_DIGIT_YEAR = Pattern.compile("\\d{4}-");
    /** PostgreSQL has no year 0 (1 BC): the earliest instant both agree on. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    private DateTimeScalar() {
    }

    static Instant parse(String text) {
        Instant instant;
        try {
            // RFC 3339 years have four digits; java.time would also take "+275760-09-13T00:00:00Z".
            if (!FOUR_DIGIT_YEAR.matcher(text).lookingAt()) {
                throw new DateTimeParseException("not a four-digit year", text, 0);
            }
            // Stored as timestamptz, which keeps microseconds.
            instant = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant()
                    .truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Expected an RFC 3339 date-time with an offset, like "
                    + "\"2026-11-21T10:15:30Z\"");
        }
        // An offset can still carry the instant past a four-digit year in UTC, which is how it is read back.
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new IllegalArgumentException("The date-time must fall within the years 0001 to 9999 in UTC");
        }
        return instant;
    }

    private static final class DateTimeCoercing implements Coercing<Instant, String> {

        @Override
        public String serialize(Object value, GraphQLContext context, Locale locale) {
            if (value instanceof Instant instant) {
                return IsoInstants.format(instant);
            }
            if (value instanceof OffsetDateTime dateTime) {
                return IsoInstants.format(dateTime.toInstant());
            }
            throw new CoercingSerializeException("DateTime fields serialize Instant values only");
        }

        @Override
        public Instant parseValue(Object input, GraphQLContext context, Locale locale) {
            if (input instanceof String text) {
                try {
                    return parse(text);
                } catch (IllegalArgumentException e) {
                    throw new CoercingParseValueException(e.getMessage());
                }
            }
            throw new CoercingParseValueException("Expected a DateTime string");
        }

        @Override
        public Instant parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
                                    Locale locale) {
            if (input instanceof StringValue text) {
                try {
                    return parse(text.getValue());
                } catch (IllegalArgumentException e) {
                    throw new CoercingParseLiteralException(e.getMessage());
                }
            }
            throw new CoercingParseLiteralException("Expected a DateTime string");
        }

        @Override
        public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
            return StringValue.of(serialize(input, context, locale));
        }
    }
}
