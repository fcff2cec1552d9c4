package io.lendx.graphql;

import io.lendx.support.DatabaseTest;
import io.lendx.support.GraphQLClient;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GraphiQL's docs pane is the API reference, so every type, field, argument and value is described. */
@MicronautTest(transactional = false)
class SchemaDocumentationTest extends DatabaseTest {

    private static final Set<String> BUILT_IN = Set.of("String", "Int", "Float", "Boolean", "ID");
    private static final String INTROSPECTION = """
            { __schema { types { name kind description
                fields { name description args { name description } }
                inputFields { name description }
                enumValues { name description } } } }
            """;

    @Inject
    GraphQLClient graphql;

    @Test
    void everythingIsDescribed() {
        List<Map<String, Object>> types = graphql.document(INTROSPECTION, Map.of()).data("__schema.types");
        List<String> undocumented = new ArrayList<>();
        for (Map<String, Object> type : types) {
            String name = (String) type.get("name");
            if (name.startsWith("__") || BUILT_IN.contains(name)) {
                continue;
            }
            check(undocumented, name, type);
            for (String members : List.of("fields", "inputFields", "enumValues")) {
                for (Map<String, Object> member : list(type.get(members))) {
                    String memberName = name + "." + member.get("name");
                    check(undocumented, memberName, member);
                    for (Map<String, Object> argument : list(member.get("args"))) {
                        check(undocumented, memberName + "(" + argument.get("name") + ")", argument);
                    }
                }
            }
        }
        assertEquals(List.of(), undocumented);
        assertTrue(types.size() > 30, "the whole contract was introspected");
    }

    @Test
    void theContractNamesAreThere() {
        List<Map<String, Object>> types = graphql.document(INTROSPECTION, Map.of()).data("__schema.types");
        Set<String> names = Set.copyOf(types.stream().map(type -> (String) type.get("name")).toList());
        assertTrue(names.containsAll(Set.of("User", "Pool", "LoanApplication", "Loan", "MptBalance", "Decimal",
                "DateTime", "ApplicationState", "LoanState", "PageInfo", "UserConnection", "PoolConnection",
                "LoanApplicationConnection", "LoanConnection", "UserFilter", "PoolFilter", "ApplicationFilter",
                "LoanFilter")), names::toString);
        Map<String, Object> query = types.stream().filter(type -> "Query".equals(type.get("name"))).findFirst().orElseThrow();
        Set<String> roots = Set.copyOf(list(query.get("fields")).stream().map(f -> (String) f.get("name")).toList());
        assertEquals(Set.of("user", "users", "pool", "pools", "application", "applications", "loan", "loans",
                "viewer", "auditEvents", "marketplaceStats"), roots);
        Map<String, Object> mutation = types.stream().filter(type -> "Mutation".equals(type.get("name")))
                .findFirst().orElseThrow();
        assertEquals(Set.of("requestSignInChallenge", "registerUser", "signIn", "createApiKey", "revokeApiKey",
                        "eraseUser",
                        "createPool", "submitApplication",
                        "approveApplication", "rejectApplication", "repayLoan", "markLoanDefaulted", "updateMptBalance"),
                Set.copyOf(list(mutation.get("fields")).stream().map(f -> (String) f.get("name")).toList()));
    }

    private static void check(List<String> undocumented, String name, Map<String, Object> element) {
        Object description = element.get("description");
        if (description == null || description.toString().isBlank()) {
            undocumented.add(name);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }
}
