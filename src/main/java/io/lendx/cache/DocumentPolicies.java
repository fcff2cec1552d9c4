package io.lendx.cache;

import com.github.benmanes.caffeine.cache.Cache;
import graphql.GraphQL;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.schema.GraphQLAppliedDirective;
import graphql.schema.GraphQLAppliedDirectiveArgument;
import graphql.schema.GraphQLCompositeType;
import graphql.schema.GraphQLDirectiveContainer;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import io.lendx.graphql.Documents;
import io.lendx.localcache.LocalCaches;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The cache policy of a query, read from the document and the schema's {@code @cacheControl}
 * hints by Apollo's rules (see the directive's description in {@code schema.graphqls}), with the
 * tables its types read. Worked out once per document and operation, before the first execution,
 * so no field pays for it at run time. Every field the document could select counts, whichever
 * branch (fragment, {@code @include}) the execution then takes: the policy is never looser than
 * the answer's.
 */
@Singleton
public class DocumentPolicies {

    private static final long MAX_CACHED_CHARACTERS = 10_000_000;
    private static final String DIRECTIVE = "cacheControl";
    private static final String NO_OPERATION_NAME = "";
    /** Marks "not cacheable" in the memo, which cannot hold nulls. */
    private static final Optional<CachePolicy> UNCACHEABLE = Optional.empty();

    private final GraphQLSchema schema;
    private final Documents documents;
    private final Cache<String, Map<String, Optional<CachePolicy>>> policies = LocalCaches.newBuilder()
            .maximumWeight(MAX_CACHED_CHARACTERS)
            .weigher((String text, Map<String, Optional<CachePolicy>> policies) -> text.length())
            .build();

    @Inject
    public DocumentPolicies(GraphQL graphQL, Documents documents) {
        this(graphQL.getGraphQLSchema(), documents);
    }

    DocumentPolicies(GraphQLSchema schema, Documents documents) {
        this.schema = schema;
        this.documents = documents;
    }

    /** The policy of the query operation to run; null when its answer must not be reused (or it is no query). */
    @Nullable
    public CachePolicy of(String query, @Nullable String operationName) {
        return policies.get(query, text -> new ConcurrentHashMap<>())
                .computeIfAbsent(operationName == null ? NO_OPERATION_NAME : operationName,
                        name -> Optional.ofNullable(compute(query, operationName)))
                .orElse(null);
    }

    @Nullable
    CachePolicy compute(String query, @Nullable String operationName) {
        Document document = documents.parsed(query);
        OperationDefinition operation = document == null ? null : operation(document, operationName);
        if (operation == null || operation.getOperation() != OperationDefinition.Operation.QUERY) {
            return null;
        }
        Walk walk = new Walk(document.getDefinitionsOfType(FragmentDefinition.class).stream()
                .collect(Collectors.toMap(FragmentDefinition::getName, f -> f, (a, b) -> a)));
        if (!walk.selections(operation.getSelectionSet(), schema.getQueryType(), null, true, new HashSet<>())
                || walk.maxAge == null || walk.maxAge <= 0) {
            return null;
        }
        return new CachePolicy(walk.maxAge, walk.isPrivate, walk.tables);
    }

    @Nullable
    private static OperationDefinition operation(Document document, @Nullable String operationName) {
        var operations = document.getDefinitionsOfType(OperationDefinition.class);
        if (operationName == null) {
            return operations.size() == 1 ? operations.get(0) : null;
        }
        return operations.stream().filter(op -> operationName.equals(op.getName())).findFirst().orElse(null);
    }

    /** One pass over an operation: the smallest maxAge met, whether any hint says PRIVATE, the tables. */
    private final class Walk {

        private final Map<String, FragmentDefinition> fragments;
        private Integer maxAge;
        private boolean isPrivate;
        private long tables;

        private Walk(Map<String, FragmentDefinition> fragments) {
            this.fragments = fragments;
        }

        /** False when something makes the answer uncacheable (an unknown field or type, introspection). */
        private boolean selections(SelectionSet selectionSet, GraphQLFieldsContainer parent,
                                   @Nullable Integer parentMaxAge, boolean root, Set<String> spreading) {
            for (Selection<?> selection : selectionSet.getSelections()) {
                boolean cacheable;
                if (selection instanceof Field field) {
                    cacheable = field(field, parent, parentMaxAge, root, spreading);
                } else if (selection instanceof InlineFragment inline) {
                    GraphQLFieldsContainer on = inline.getTypeCondition() == null ? parent
                            : container(schema.getType(inline.getTypeCondition().getName()));
                    cacheable = on != null
                            && selections(inline.getSelectionSet(), on, parentMaxAge, root, spreading);
                } else if (selection instanceof FragmentSpread spread) {
                    FragmentDefinition fragment = fragments.get(spread.getName());
                    GraphQLFieldsContainer on = fragment == null ? null
                            : container(schema.getType(fragment.getTypeCondition().getName()));
                    cacheable = on != null && spreading.add(spread.getName())
                            && selections(fragment.getSelectionSet(), on, parentMaxAge, root, spreading);
                    spreading.remove(spread.getName());
                } else {
                    cacheable = false;
                }
                if (!cacheable) {
                    return false;
                }
            }
            return true;
        }

        private boolean field(Field field, GraphQLFieldsContainer parent, @Nullable Integer parentMaxAge,
                              boolean root, Set<String> spreading) {
            if (field.getName().equals("__typename")) {
                return true;
            }
            GraphQLFieldDefinition definition = parent.getFieldDefinition(field.getName());
            if (definition == null) {
                // Introspection (__schema, __type) or a field the schema lacks: graphql-java answers it.
                return false;
            }
            GraphQLType type = GraphQLTypeUtil.unwrapAll(definition.getType());
            boolean composite = type instanceof GraphQLCompositeType;
            Hint fieldHint = Hint.of(definition);
            Hint typeHint = composite && type instanceof GraphQLDirectiveContainer container ? Hint.of(container)
                    : Hint.NONE;
            isPrivate |= fieldHint.isPrivate || typeHint.isPrivate;
            Integer age;
            if (fieldHint.maxAge != null) {
                age = fieldHint.maxAge;
            } else if (typeHint.maxAge != null && !fieldHint.inheritMaxAge) {
                age = typeHint.maxAge;
            } else if (fieldHint.inheritMaxAge || typeHint.inheritMaxAge || !(composite || root)) {
                age = parentMaxAge;
            } else {
                age = 0;
            }
            if (age != null) {
                maxAge = maxAge == null ? age : Math.min(maxAge, age);
            }
            if (!composite) {
                return true;
            }
            Long read = GraphTables.ofType(((GraphQLCompositeType) type).getName());
            GraphQLFieldsContainer container = container(type);
            if (read == null || container == null || field.getSelectionSet() == null) {
                return false;
            }
            tables |= read;
            return selections(field.getSelectionSet(), container, age, false, spreading);
        }
    }

    @Nullable
    private static GraphQLFieldsContainer container(@Nullable GraphQLType type) {
        return type instanceof GraphQLFieldsContainer container ? container : null;
    }

    /** One {@code @cacheControl} application, or its absence. */
    private record Hint(@Nullable Integer maxAge, boolean isPrivate, boolean inheritMaxAge) {

        static final Hint NONE = new Hint(null, false, false);

        static Hint of(GraphQLDirectiveContainer container) {
            GraphQLAppliedDirective directive = container.getAppliedDirective(DIRECTIVE);
            if (directive == null) {
                return NONE;
            }
            Object maxAge = value(directive, "maxAge");
            Object scope = value(directive, "scope");
            Object inherit = value(directive, "inheritMaxAge");
            return new Hint(maxAge instanceof Number number ? number.intValue() : null,
                    "PRIVATE".equals(String.valueOf(scope)), Boolean.TRUE.equals(inherit));
        }

        @Nullable
        private static Object value(GraphQLAppliedDirective directive, String name) {
            GraphQLAppliedDirectiveArgument argument = directive.getArgument(name);
            return argument == null ? null : argument.getValue();
        }
    }
}
