package io.lendx.cache;

import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import io.lendx.graphql.DateTimeScalar;
import io.lendx.graphql.DecimalScalar;
import io.lendx.graphql.Documents;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Apollo's @cacheControl rules and the tables a document reads, worked out from the SDL alone. */
class DocumentPoliciesTest {

    private static final GraphQLSchema SCHEMA = schema();
    private final DocumentPolicies policies = new DocumentPolicies(SCHEMA, new Documents());

    @Test
    void theFrontPageIsPublicForAnHourAndReadsFourTables() throws IOException {
        CachePolicy policy = policies.of(Files.readString(Path.of(
                "graphql/operations/marketplace/MarketplaceOverview.graphql")), null);

        assertNotNull(policy);
        assertEquals(3600, policy.maxAgeSeconds());
        assertFalse(policy.isPrivate());
        assertEquals(tables("users", "pools", "applications", "loans"), policy.tables());
    }

    @Test
    void viewerIsPrivate() {
        CachePolicy policy = policies.of("{ viewer { address pools(first: 1) { totalCount } } }", null);

        assertNotNull(policy);
        assertTrue(policy.isPrivate());
        assertEquals(tables("users", "pools"), policy.tables());
    }

    @Test
    void aCountAloneReadsItsTable() {
        assertEquals(tables("loans"), policies.of("{ loans { totalCount } }", null).tables());
    }

    @Test
    void edgesAndPageInfoInheritTheirConnectionsAge() {
        CachePolicy policy = policies.of("{ pools { edges { cursor node { address } } pageInfo { endCursor } } }", null);

        assertEquals(3600, policy.maxAgeSeconds());
        assertEquals(tables("pools"), policy.tables());
    }

    @Test
    void fragmentsCountLikeTheFieldsTheySpread() {
        CachePolicy policy = policies.of("query { pool(address: \"p\") { ...Parts } }"
                + " fragment Parts on Pool { issuer { ... on User { did mptBalances { balance } } } }", null);

        assertEquals(tables("pools", "users", "user_mpt_balances"), policy.tables());
    }

    @Test
    void statisticsReadTheTablesTheyAggregate() {
        assertEquals(tables("users", "pools", "loans", "applications"),
                policies.of("{ marketplaceStats { users loans { paid } } }", null).tables());
        assertEquals(tables("pools", "loans", "applications"),
                policies.of("{ pool(address: \"p\") { stats { utilization } } }", null).tables());
    }

    @Test
    void adminReadsIntrospectionMutationsAndBrokenDocumentsAreNotCacheable() {
        assertNull(policies.of("{ auditEvents { totalCount } }", null), "maxAge 0");
        assertNull(policies.of("{ __schema { types { name } } }", null));
        assertNull(policies.of("mutation { revokeApiKey(input: {keyId: \"k\"}) { revoked } }", null));
        assertNull(policies.of("{ pools { nope } }", null));
        assertNull(policies.of("{ pools ", null));
        assertNull(policies.of("query A { pools { totalCount } } query B { users { totalCount } }", null),
                "two operations and no name");
    }

    @Test
    void theNamedOperationIsTheOneThatCounts() {
        String document = "query A { pools { totalCount } } query B { auditEvents { totalCount } }";

        assertNotNull(policies.of(document, "A"));
        assertNull(policies.of(document, "B"));
    }

    @Test
    void everyObjectTypeAQueryCanReachIsKnownOrUncacheable() {
        Set<String> reachable = new HashSet<>();
        Deque<GraphQLObjectType> todo = new ArrayDeque<>(List.of(SCHEMA.getQueryType()));
        List<String> unknown = new ArrayList<>();
        while (!todo.isEmpty()) {
            GraphQLObjectType type = todo.pop();
            type.getFieldDefinitions().forEach(field -> {
                if (GraphQLTypeUtil.unwrapAll(field.getType()) instanceof GraphQLObjectType object
                        && reachable.add(object.getName())) {
                    todo.push(object);
                    if (GraphTables.ofType(object.getName()) == null && !object.getName().startsWith("AuditEvent")) {
                        unknown.add(object.getName());
                    }
                }
            });
        }
        assertEquals(List.of(), unknown, "types the cache would refuse: say which tables they read in GraphTables");
    }

    private static long tables(String... names) {
        long mask = 0;
        for (String name : names) {
            mask |= GraphTables.bit(name);
        }
        return mask;
    }

    private static GraphQLSchema schema() {
        SchemaParser parser = new SchemaParser();
        TypeDefinitionRegistry types = new TypeDefinitionRegistry();
        try (Stream<Path> files = Files.list(Path.of("graphql/schema"))) {
            for (Path file : files.sorted().toList()) {
                types.merge(parser.parse(Files.readString(file)));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new SchemaGenerator().makeExecutableSchema(types, RuntimeWiring.newRuntimeWiring()
                .scalar(DecimalScalar.INSTANCE).scalar(DateTimeScalar.INSTANCE).build());
    }
}
