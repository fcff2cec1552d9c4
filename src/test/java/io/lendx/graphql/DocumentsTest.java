package io.lendx.graphql;

import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.parser.Parser;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What one request document is known for, without a schema or a server. */
class DocumentsTest {

    private static final String MIXED = """
            query Pools { pools { totalCount } }
            mutation Approve { approveApplication(input: {}) { loan { address } } repayLoan(input: {}) { loan { state } } }
            """;

    private final Documents documents = new Documents();

    @Test
    void theOperationToRunDecidesWhetherADocumentIsAMutation() {
        assertTrue(documents.isMutation(MIXED, "Approve"));
        assertFalse(documents.isMutation(MIXED, "Pools"));
        assertTrue(documents.isMutation(MIXED, null), "unnamed: any mutation in the document counts");
        assertFalse(documents.isMutation("{ pools { totalCount } }", null));
        assertFalse(documents.isMutation(null, null));
        assertFalse(documents.isMutation("mutation {", null), "a syntax error is graphql-java's to report");
    }

    @Test
    void theOperationToRunNamesItsMetrics() {
        assertEquals("Approve", documents.operationName(MIXED, "Approve"));
        assertEquals("Pools", documents.operationName(MIXED, null), "unnamed: the first operation's name");
        assertEquals("anonymous", documents.operationName(MIXED, "Missing"));
        assertEquals("anonymous", documents.operationName("{ pools { totalCount } }", null));
        assertFalse(documents.isMutation(MIXED, "Missing"));
    }

    @Test
    void aMutationNamesItsRootFields() {
        assertEquals(List.of("approveApplication", "repayLoan"), documents.mutationFields(MIXED, "Approve"));
        assertEquals(List.of(), documents.mutationFields(MIXED, "Pools"));
    }

    @Test
    void aDocumentIsValidatedOnceAndRemembersItsLastCost() {
        String query = "{ pools { totalCount } }";
        AtomicInteger validations = new AtomicInteger();
        PreparsedDocumentEntry entry = new PreparsedDocumentEntry(Parser.parse(query));

        assertSame(entry, documents.validated(query, () -> {
            validations.incrementAndGet();
            return entry;
        }));
        assertSame(entry, documents.validated(query, () -> {
            validations.incrementAndGet();
            return new PreparsedDocumentEntry(Parser.parse(query));
        }));
        assertEquals(1, validations.get());

        assertEquals(-1, documents.lastCost("{ users { totalCount } }"));
        documents.recordCost(query, 7);
        assertEquals(7, documents.lastCost(query));
    }
}
