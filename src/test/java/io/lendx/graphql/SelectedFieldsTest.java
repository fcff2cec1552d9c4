package io.lendx.graphql;

import graphql.execution.MergedField;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import io.lendx.graphql.SelectedFields.Shape;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** What a loader is told its values are asked for, from parsed documents, without a schema or a request. */
class SelectedFieldsTest {

    @Test
    void anObjectsFieldsAreReadThroughFragments() {
        Document document = Parser.parse("""
                { loan(address: "a") { address ...Money ... on Loan { state pool { address } } } }
                fragment Money on Loan { principal interest }
                """);
        SelectedFields fields = new SelectedFields(Shape.OBJECT);
        fields.add(field(document, "loan"), fragments(document));
        assertEquals(Set.of("address", "principal", "interest", "state", "pool"), fields.names());
    }

    @Test
    void aConnectionsNodesAreReadUnderNodesAndEdges() {
        Document document = Parser.parse("""
                { loans(first: 2) { totalCount nodes { address } edges { cursor node { principal } } } }
                """);
        SelectedFields fields = new SelectedFields(Shape.CONNECTION);
        fields.add(field(document, "loans"), fragments(document));
        assertEquals(Set.of("address", "principal"), fields.names());
    }

    @Test
    void aPlaceOfADocumentIsWorkedOutOnceForEveryRequest() {
        Document document = Parser.parse("{ loan(address: \"a\") { address state } }");
        SelectedFields first = new SelectedFields(Shape.OBJECT);
        SelectedFields second = new SelectedFields(Shape.OBJECT);
        first.add(field(document, "loan"), fragments(document));
        second.add(field(document, "loan"), fragments(document));
        assertSame(first.names(), second.names());
    }

    @Test
    void theNamesOfSeveralPlacesOnlyGrow() {
        Document document = Parser.parse("""
                { a: loan(address: "a") { address state } b: loan(address: "b") { address } c: loan(address: "c") { principal } }
                """);
        SelectedFields fields = new SelectedFields(Shape.OBJECT);
        fields.add(field(document, "a"), fragments(document));
        Set<String> afterFirst = fields.names();
        fields.add(field(document, "b"), fragments(document));
        assertSame(afterFirst, fields.names(), "a place asking nothing new leaves the names as they were");
        fields.add(field(document, "c"), fragments(document));
        assertEquals(Set.of("address", "state", "principal"), fields.names());
        assertEquals(Set.of("address", "state"), afterFirst, "the names handed out earlier do not change");
    }

    /** The root field with this response key. */
    private static MergedField field(Document document, String responseKey) {
        OperationDefinition operation = document.getDefinitionsOfType(OperationDefinition.class).get(0);
        Field field = operation.getSelectionSet().getSelectionsOfType(Field.class).stream()
                .filter(candidate -> candidate.getResultKey().equals(responseKey))
                .findFirst().orElseThrow();
        return MergedField.newMergedField(field).build();
    }

    private static Map<String, FragmentDefinition> fragments(Document document) {
        return document.getDefinitionsOfType(FragmentDefinition.class).stream()
                .collect(Collectors.toMap(FragmentDefinition::getName, fragment -> fragment));
    }
}
