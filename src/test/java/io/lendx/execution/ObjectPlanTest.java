package io.lendx.execution;

import io.lendx.replica.Route;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLContext;
import graphql.execution.AsyncExecutionStrategy;
import graphql.execution.MergedField;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.execution.SimpleDataFetcherExceptionHandler;
import graphql.execution.instrumentation.FieldFetchingInstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import io.lendx.graphql.RelationFetcher;
import io.lendx.graphql.SelectionTracking;
import io.lendx.graphql.SourceField;
import org.dataloader.DataLoaderFactory;
import org.dataloader.DataLoaderRegistry;
import org.dataloader.MappedBatchLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Objects completed by {@link ObjectPlan} answer exactly what graphql-java's own strategy
 * answers: each document runs through both, on the same DataLoaders dispatched by a
 * {@link RequestWorkQueue} as in the service, and the results (data, order of keys, errors
 * with their paths) must be equal. And the engine really is skipped: it fetches only the
 * fields that need it.
 */
class ObjectPlanTest {

    private static final String SDL = """
            type Query { items: [Item!]! item(id: Int!): Item things: [Thing] pages: [Page!]! }
            enum State { OPEN CLOSED }
            type Item { id: Int! name: String note: String state: State! open: Boolean!
                        count: Int! label: String! owner: Owner! tags: [String!]!
                        maker: Person! reviewer: Person broken: Person doubled: Int! }
            type Owner { id: Int! name: String! }
            type Person { id: String! name: String! boss: Person }
            type Thing { id: Int! title: String later: Int! }
            type Page { cursor: String! node: Item }
            """;

    /** Not public, as the records of a feature package are not. */
    record Item(int id, String name, String note, String state, boolean open, Object count, String label,
                int ownerId, List<String> tags, String makerId, String reviewerId) {
    }

    record Owner(int id, String name) {
    }

    record Person(String id, String name, String bossId) {
    }

    record Page(String cursor, Item node) {
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

        /** A property that is a future, as a connection's count is. */
        public CompletableFuture<Integer> getLater() {
            return CompletableFuture.supplyAsync(() -> id * 10);
        }
    }

    private final AtomicInteger ownerCalls = new AtomicInteger();
    private final AtomicInteger batches = new AtomicInteger();
    private final Map<String, Person> people = new HashMap<>(Map.of(
            "p1", new Person("p1", "Ada", "p3"),
            "p2", new Person("p2", "Bo", null),
            "p3", new Person("p3", "Cy", null)));
    private final List<Item> items = new ArrayList<>(List.of(
            new Item(1, "one", null, "OPEN", true, 3, "a", 10, List.of("x"), "p1", "p2"),
            new Item(2, "two", "n", "CLOSED", false, 4, "b", 11, List.of(), "p2", null)));

    private GraphQL engine(boolean ours, AtomicInteger fetches) {
        return engine(ours, fetches, null);
    }

    private GraphQL engine(boolean ours, AtomicInteger fetches, PreparsedDocumentProvider documents) {
        DataFetcher<Owner> owner = env -> {
            ownerCalls.incrementAndGet();
            Item item = env.getSource();
            return new Owner(item.ownerId(), "owner " + item.ownerId());
        };
        RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
                .type("Query", type -> type
                        .dataFetcher("items", env -> items)
                        .dataFetcher("item", env -> items.get(env.<Integer>getArgument("id") - 1))
                        .dataFetcher("things", env -> List.of(new Thing(7), Map.of("id", 8, "title", "map")))
                        .dataFetcher("pages", env -> List.of(new Page("c1", items.get(0)), new Page("c2", null))))
                .type("Item", type -> type
                        .dataFetcher("owner", owner)
                        .dataFetcher("maker", new RelationFetcher<>("people", Item::makerId))
                        .dataFetcher("reviewer", new RelationFetcher<>("people", Item::reviewerId))
                        .dataFetcher("broken", new RelationFetcher<>("broken", Item::makerId))
                        .dataFetcher("doubled", SourceField.<Item>of(ObjectPlanTest::doubled)))
                .type("Person", type -> type.dataFetcher("boss", new RelationFetcher<>("people", Person::bossId)))
                .type("Thing", type -> type)
                .build();
        GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(SDL), wiring);
        SimpleDataFetcherExceptionHandler errors = new SimpleDataFetcherExceptionHandler();
        GraphQL.Builder builder = GraphQL.newGraphQL(schema);
        if (documents != null) {
            builder.preparsedDocumentProvider(documents);
        }
        return builder
                .queryExecutionStrategy(ours ? new ObjectFieldsStrategies.Query(errors, new ObjectFields.Kept())
                        : new AsyncExecutionStrategy(errors))
                .instrumentation(new SimplePerformantInstrumentation() {
                    @Override
                    public FieldFetchingInstrumentationContext beginFieldFetching(
                            InstrumentationFieldFetchParameters parameters, InstrumentationState state) {
                        fetches.incrementAndGet();
                        return null;
                    }
                })
                .doNotAutomaticallyDispatchDataLoader()
                .build();
    }

    private static Object doubled(Item item, GraphQLContext request) {
        return item.id() * request.<Integer>getOrDefault("factor", 2);
    }

    /** The loaders answer through the work queue, as the service's batches do. */
    private void register(DataLoaderRegistry registry, RequestWorkQueue work) {
        MappedBatchLoader<String, Person> found = keys -> {
            batches.incrementAndGet();
            Map<String, Person> values = new HashMap<>();
            keys.forEach(key -> values.put(key, people.get(key)));
            return work.batch(Mono.just(values));
        };
        MappedBatchLoader<String, Person> broken = (Set<String> keys) ->
                work.batch(Mono.error(new IllegalStateException("the database is away")));
        registry.register("people", DataLoaderFactory.newMappedDataLoader(found));
        registry.register("broken", DataLoaderFactory.newMappedDataLoader(broken));
    }

    private Map<String, Object> run(boolean ours, String document) {
        return run(ours, document, new AtomicInteger());
    }

    private Map<String, Object> run(boolean ours, String document, AtomicInteger fetches) {
        DataLoaderRegistry loaders = new DataLoaderRegistry();
        RequestWorkQueue work = new RequestWorkQueue(loaders, Runnable::run, Route.PRIMARY, null);
        register(loaders, work);
        GraphQL graphQL = engine(ours, fetches);
        ExecutionResult result = work.start(() -> graphQL.executeAsync(ExecutionInput.newExecutionInput(document)
                .dataLoaderRegistry(loaders).build())).orTimeout(10, TimeUnit.SECONDS).join();
        return result.toSpecification();
    }

    /** A loader registry that notes what each relation tells its loader it selects, as the service's does. */
    private static final class Tracking extends DataLoaderRegistry implements SelectionTracking {
        final List<String> selections = new ArrayList<>();

        @Override
        public void selectedBy(String loader, MergedField field, Map<String, FragmentDefinition> fragments) {
            for (Field node : field.getFields()) {
                selections.add(loader + " <- " + field.getResultKey() + "@" + System.identityHashCode(node));
            }
        }
    }

    /** One run of {@code document} on {@code graphQL}: its answer, with the selections its loaders were told. */
    private Map<String, Object> run(GraphQL graphQL, String document, Map<String, Object> variables,
                                    List<String> selections) {
        Tracking loaders = new Tracking();
        RequestWorkQueue work = new RequestWorkQueue(loaders, Runnable::run, Route.PRIMARY, null);
        register(loaders, work);
        ExecutionResult result = work.start(() -> graphQL.executeAsync(ExecutionInput.newExecutionInput(document)
                .variables(variables).dataLoaderRegistry(loaders).build())).orTimeout(10, TimeUnit.SECONDS).join();
        selections.addAll(loaders.selections);
        return result.toSpecification();
    }

    /** The engine of the service: one instance, each document parsed once (as DocumentCache does). */
    private GraphQL keepingDocuments() {
        Map<String, PreparsedDocumentEntry> parsed = new HashMap<>();
        return engine(true, new AtomicInteger(), (input, parse) -> CompletableFuture.completedFuture(
                parsed.computeIfAbsent(input.getQuery(), query -> parse.apply(input))));
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
            "{ things { id later } }",
            "{ __typename items { __typename } }",
            "{ items { id maker { id name boss { name boss { name } } } reviewer { name } doubled } }",
            "{ item(id: 1) { maker { name } reviewer { id } owner { id } } }",
            "{ pages { cursor node { id maker { name } } } }",
    })
    void answersAsTheEngineDoes(String document) {
        assertSameAsEngine(document);
    }

    @Test
    void aNullInANonNullFieldIsTheEngine_sErrorAtItsPath() {
        items.set(1, new Item(2, "two", null, "OPEN", true, 4, null, 11, List.of(), "p2", null));
        assertSameAsEngine("{ items { id label } }");
        assertSameAsEngine("{ item(id: 2) { id label } }");
        assertFalse(((List<?>) run(true, "{ item(id: 2) { label } }").get("errors")).isEmpty());
    }

    @Test
    void aValueItsTypeRefusesIsTheEngine_sError() {
        items.set(0, new Item(1, "one", null, "HALF", true, "many", "a", 10, List.of(), "p1", null));
        assertSameAsEngine("{ items { id count } }");
        assertSameAsEngine("{ items { id state } }");
        assertNull(run(true, "{ items { count } }").get("data"));
    }

    @Test
    void aMissingRelatedObjectInANonNullFieldIsTheEngine_sErrorAtItsPath() {
        items.set(1, new Item(2, "two", null, "OPEN", true, 4, "b", 11, List.of(), "nobody", null));
        assertSameAsEngine("{ items { id maker { name } } }");
        assertSameAsEngine("{ item(id: 2) { id maker { name } } }");
        assertSameAsEngine("{ things { id } items { maker { boss { name } } } }");
    }

    @Test
    void aFailedLoadIsTheEngine_sErrorAtItsPath() {
        assertSameAsEngine("{ items { id broken { name } } }");
        assertFalse(((List<?>) run(true, "{ items { broken { name } } }").get("errors")).isEmpty());
    }

    @Test
    void relationsAreStillLoadedInOneBatchPerLevel() {
        run(true, "{ items { maker { name boss { name } } reviewer { name } } }");
        assertEquals(2, batches.get());
    }

    @Test
    void theEngineFetchesOnlyTheFieldsThatNeedIt() {
        String document = "{ items { id name state maker { name boss { name } } doubled owner { id } } }";
        AtomicInteger theirs = new AtomicInteger();
        AtomicInteger ours = new AtomicInteger();
        run(false, document, theirs);
        run(true, document, ours);
        // Theirs: items, and per item id, name, state, maker, maker.name, maker.boss, boss.name
        // (p1's boss only), doubled, owner, owner.id. Ours: items and each item's owner.
        assertEquals(1 + 2 * 9 + 1, theirs.get());
        assertEquals(1 + items.size(), ours.get());
    }

    @Test
    void aDocumentRunAgainAnswersTheSameAndTellsItsLoadersTheSame() {
        String document = "{ items { id maker { name boss { name boss { name } } } reviewer { name } }"
                + " pages { node { maker { id } } } }";
        GraphQL graphQL = keepingDocuments();
        List<String> first = new ArrayList<>();
        List<String> again = new ArrayList<>();

        Map<String, Object> firstAnswer = run(graphQL, document, Map.of(), first);
        Map<String, Object> secondAnswer = run(graphQL, document, Map.of(), again);

        assertEquals(String.valueOf(run(false, document)), String.valueOf(secondAnswer));
        assertEquals(String.valueOf(firstAnswer), String.valueOf(secondAnswer));
        // maker, reviewer, the bosses below the maker, and the page's node's maker.
        assertEquals(5, first.size(), first::toString);
        assertEquals(Set.copyOf(first), Set.copyOf(again));
    }

    @Test
    void aDocumentWhoseFieldsDependOnItsVariablesIsCollectedForEachRun() {
        String document = "query ($withMaker: Boolean!) { items { id maker @include(if: $withMaker) { name } } }";
        GraphQL graphQL = keepingDocuments();
        List<String> selections = new ArrayList<>();

        Map<String, Object> without = run(graphQL, document, Map.of("withMaker", false), selections);
        Map<String, Object> with = run(graphQL, document, Map.of("withMaker", true), selections);

        assertEquals("{data={items=[{id=1}, {id=2}]}}", String.valueOf(without));
        assertEquals("{data={items=[{id=1, maker={name=Ada}}, {id=2, maker={name=Bo}}]}}", String.valueOf(with));
    }

    @Test
    void aFieldWithAFetcherOfItsOwnIsStillFetched() {
        run(true, "{ items { id owner { id } } }");
        assertEquals(items.size(), ownerCalls.get());
    }
}
