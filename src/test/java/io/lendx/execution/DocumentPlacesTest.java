package io.lendx.execution;

import graphql.language.Document;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import graphql.schema.GraphQLObjectType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static graphql.Scalars.GraphQLString;
import static graphql.schema.GraphQLFieldDefinition.newFieldDefinition;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which documents {@link DocumentPlaces} keeps collections for, and what makes two places the same. */
class DocumentPlacesTest {

    private static final GraphQLObjectType ITEM = GraphQLObjectType.newObject().name("Item")
            .field(newFieldDefinition().name("name").type(GraphQLString)).build();

    @ParameterizedTest
    @ValueSource(strings = {
            "{ items @include(if: true) { id } }",
            "query ($v: Boolean!) { items { id name @skip(if: $v) } }",
            "{ items { ... on Item @include(if: false) { id } } }",
            "{ items { ... on Item { owner { name @skip(if: true) } } } }",
            "{ items { ...Parts @skip(if: true) } } fragment Parts on Item { id }",
            "{ items { ...Parts } } fragment Parts on Item { id owner { id @include(if: false) } }",
    })
    void aSelectionIncludedOrSkippedByADirectiveMakesADocumentConditional(String text) {
        assertTrue(DocumentPlaces.conditional(Parser.parse(text)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{ items { id owner { name } } }",
            "{ items { ...Parts ... on Item { owner { id } } } } fragment Parts on Item { id }",
            "query Named($first: Int) @custom { items(first: $first) @custom { id } }",
    })
    void otherDocumentsAreNot(String text) {
        assertFalse(DocumentPlaces.conditional(Parser.parse(text)));
    }

    @Test
    void aPlaceIsTheSameSyntaxNodesAndType() {
        List<Field> fields = itemsFields("{ items { id } }");
        List<Field> parsedAgain = itemsFields("{ items { id } }");

        assertEquals(new DocumentPlaces.Place(fields, ITEM), new DocumentPlaces.Place(List.copyOf(fields), ITEM));
        assertEquals(new DocumentPlaces.Place(fields, ITEM).hashCode(),
                new DocumentPlaces.Place(List.copyOf(fields), ITEM).hashCode());
        assertNotEquals(new DocumentPlaces.Place(fields, ITEM), new DocumentPlaces.Place(parsedAgain, ITEM),
                "equal text parsed twice is two documents");
        assertNotEquals(new DocumentPlaces.Place(fields, ITEM),
                new DocumentPlaces.Place(fields, GraphQLObjectType.newObject(ITEM).name("Other").build()));
    }

    private static List<Field> itemsFields(String text) {
        Document document = Parser.parse(text);
        return document.getDefinitionsOfType(OperationDefinition.class).get(0).getSelectionSet()
                .getSelectionsOfType(Field.class);
    }
}
