package io.lendx.execution;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ErrorMessagesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Validation error (WrongType@[pools]) : argument 'first' with value 'StringValue{value='ten'}' is not a valid 'Int' - Expected an AST type of 'IntValue' but it was a 'StringValue'"
                    + "|Validation error (WrongType@[pools]) : argument 'first' with value 'ten' is not a valid 'Int' - Expected a value of type 'Int' but it was a 'String'",
            "Validation error (WrongType@[loans]) : argument 'filter.state' with value 'EnumValue{name='LOST'}' is not a valid 'LoanState' - Literal value not in allowable values for enum 'LoanState' - 'EnumValue{name='LOST'}'"
                    + "|Validation error (WrongType@[loans]) : argument 'filter.state' with value 'LOST' is not a valid 'LoanState' - Literal value not in allowable values for enum 'LoanState' - 'LOST'",
            "Validation error (WrongType@[x]) : argument 'input' with value 'ObjectValue{objectFields=[ObjectField{name='a', value=IntValue{value=1}}]}' is bad"
                    + "|Validation error (WrongType@[x]) : an argument has an invalid value",
            "Field 'nope' in type 'UserConnection' is undefined|Field 'nope' in type 'UserConnection' is undefined",
    })
    void syntaxTreeDumpsAreRewrittenAsThePlainValue(String message, String expected) {
        assertEquals(expected, ErrorCodeInstrumentation.withoutSyntaxTree(message));
    }
}
