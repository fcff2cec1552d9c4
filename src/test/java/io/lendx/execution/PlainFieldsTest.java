package io.lendx.execution;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.execution.AsyncExecutionStrategy;
import graphql.execution.SimpleDataFetcherExceptionHandler;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Fields read by {@link PlainFields} answer exactly what graphql-java's own strategy answers:
 * each document runs through both, and the results (data, order of keys, errors with their
 * paths) must be equal.
 */
class PlainFieldsTest {

    private static final String SDL = """
            type Query { items: [Item!]! item(id: Int!): Item things: [Thing] }
            enum State { OPEN CLOSED }
            type Item { id: Int! name: String note: String state: State! open: Boolean!
                        count: Int! label: String! owner: Owner! tags: [String!]! }
            type Owner { id: Int! name: String! }
            type Thing { id: Int! title: String }
            """;

    /** Not public, as the records of a feature package are not. */
    record Item(int id, String name, String note, String state, boolean open, Object count, String label,
                int ownerId, List<String> tags) {
    }

    record Owner(int id, String name) {
    }

    /** A bean with getters, read as PropertyDataFetcher reads one. */
    public static final class Thing {
        private final int id;

        Thing(int id) {
            this.id = id;
        }

        public int getId() {
            return id;
        }

        public String getTitle() {
            return "thing " + id;
        }
    }

    private final AtomicInteger ownerCalls = new AtomicInteger();
    private final List<Item> items = new ArrayList<>(List.of(
            new Item(1, "one", null, "OPEN", true, 3, "a", 10, List.of("x")),
            new Item(2, "two", "n", "CLOSED", false, 4, "b", 11, List.of())));

    private GraphQL engine(boolean ours) {
        DataFetcher<Owner> owner = env -> {
            ownerCalls.incrementAndGet();
            Item item = env.getSource();
            return new Owner(item.ownerId(), "owner " + item.ownerId());
        };
        RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
                .type("Query", type -> type
                        .dataFetcher("items", env -> items)
                        .dataFetcher("item", env -> items.get(env.<Integer>getArgument("id") - 1))
                        .dataFetcher("things", env -> List.of(new Thing(7), Map.of("id", 8, "title", "map"))))
                .type("Item", type -> type.dataFetcher("owner", owner))
                .type("Thing", type -> type)
                .build();
        GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(SDL), wiring);
        SimpleDataFetcherExceptionHandler errors = new SimpleDataFetcherExceptionHandler();
        return GraphQL.newGraphQL(schema)
                .queryExecutionStrategy(ours ? new ObjectFieldsStrategies.Query(errors) : new AsyncExecutionStrategy(errors))
                .build();
    }

    private Map<String, Object> run(boolean ours, String document) {
        ExecutionResult result = engine(ours).execute(ExecutionInput.newExecutionInput(document).build());
        return result.toSpecification();
    }

    private void assertSameAsEngine(String document) {
        Map<String, Object> theirs = run(false, document);
        Map<String, Object> ours = run(true, document);
        assertEquals(theirs, ours);
        // Map equality ignores order; a client reads keys in the document's order.
        assertEquals(String.valueOf(theirs), String.valueOf(ours));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{ items { id name note state open count label tags } }",
            "{ items { label: name name: label __typename id } }",
            "{ items { id owner { name id __typename } name } }",
            "{ items { ...Parts state ... on Item { open } } } fragment Parts on Item { name id }",
            "{ items { id name @skip(if: true) note @include(if: true) } }",
            "{ a: item(id: 1) { id name } b: item(id: 2) { name state } }",
            "{ things { id title __typename } }",
            "{ __typename items { __typename } }",
    })
    void answersAsTheEngineDoes(String document) {
        assertSameAsEngine(document);
    }

    @Test
    void aNullInANonNullFieldIsTheEngine_sErrorAtItsPath() {
        items.set(1, new Item(2, "two", null, "OPEN", true, 4, null, 11, List.of()));
        assertSameAsEngine("{ items { id label } }");
        assertSameAsEngine("{ item(id: 2) { id label } }");
        assertFalse(((List<?>) run(true, "{ item(id: 2) { label } }").get("errors")).isEmpty());
    }

    @Test
    void aValueItsTypeRefusesIsTheEngine_sError() {
        items.set(0, new Item(1, "one", null, "HALF", true, "many", "a", 10, List.of()));
        assertSameAsEngine("{ items { id count } }");
        assertSameAsEngine("{ items { id state } }");
        assertNull(run(true, "{ items { count } }").get("data"));
    }

    @Test
    void aFieldWithAFetcherOfItsOwnIsStillFetched() {
        run(true, "{ items { id owner { id } } }");
        assertEquals(items.size(), ownerCalls.get());
    }
}
