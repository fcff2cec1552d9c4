package io.lendx.execution;

import io.lendx.graphql.FetcherDecorator;
import io.lendx.graphql.FeatureWiring;
import io.lendx.graphql.DateTimeScalar;
import io.lendx.graphql.DecimalScalar;
import graphql.GraphQL;
import graphql.execution.instrumentation.Instrumentation;
import graphql.introspection.Introspection;
import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import io.micronaut.context.annotation.Factory;
import io.micronaut.core.io.ResourceResolver;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Assembles the executable schema from the shared SDL and every feature's SDL and wiring. */
@Factory
public class GraphQLFactory {

    private static final String SCHEMA_DIRECTORY = "classpath:graphql/schema/";

    @Singleton
    GraphQL graphQL(ResourceResolver resources, List<FeatureWiring> features,
                    ApiExceptionHandler exceptionHandler, List<Instrumentation> instrumentations,
                    List<FetcherDecorator> decorators, DocumentCache documents) {
        SchemaParser parser = new SchemaParser();
        TypeDefinitionRegistry types = parse(parser, resources, "schema.graphqls");
        RuntimeWiring.Builder wiring = RuntimeWiring.newRuntimeWiring()
                .scalar(DecimalScalar.INSTANCE)
                .scalar(DateTimeScalar.INSTANCE);
        for (FeatureWiring feature : features) {
            types.merge(parse(parser, resources, feature.schemaFile()));
            feature.wire(wiring);
        }
        List<FetcherDecorator> outermostLast = new ArrayList<>(decorators);
        outermostLast.add(new RootFieldsOnWorkQueue());
        GraphQLSchema schema = decorated(new SchemaGenerator().makeExecutableSchema(types, wiring.build()),
                outermostLast);
        ObjectFields.Kept kept = new ObjectFields.Kept();
        return GraphQL.newGraphQL(schema)
                .defaultDataFetcherExceptionHandler(exceptionHandler)
                .executionIdProvider(new ExecutionIds())
                .queryExecutionStrategy(new ObjectFieldsStrategies.Query(exceptionHandler, kept))
                .mutationExecutionStrategy(new ObjectFieldsStrategies.Mutation(exceptionHandler, kept))
                .subscriptionExecutionStrategy(new ObjectFieldsStrategies.Subscription(exceptionHandler, kept))
                .instrumentation(new RequestInstrumentation(instrumentations))
                // RequestWorkQueue dispatches instead; see there why.
                .doNotAutomaticallyDispatchDataLoader()
                .preparsedDocumentProvider(documents)
                .build();
    }

    /** Applies the decorators, in order, to every fetcher a feature wired (not to property reads). */
    private static GraphQLSchema decorated(GraphQLSchema schema, List<FetcherDecorator> decorators) {
        GraphQLCodeRegistry fetchers = schema.getCodeRegistry();
        GraphQLCodeRegistry decorated = fetchers.transform(registry -> {
            for (GraphQLNamedType type : schema.getAllTypesAsList()) {
                if (!(type instanceof GraphQLObjectType object) || Introspection.isIntrospectionTypes(type)) {
                    continue;
                }
                for (GraphQLFieldDefinition field : object.getFieldDefinitions()) {
                    FieldCoordinates coordinates = FieldCoordinates.coordinates(object, field);
                    if (!fetchers.hasDataFetcher(coordinates)) {
                        continue;
                    }
                    DataFetcher<?> fetcher = fetchers.getDataFetcher(coordinates, field);
                    for (FetcherDecorator decorator : decorators) {
                        fetcher = decorator.decorate(coordinates, fetcher);
                    }
                    registry.dataFetcher(coordinates, fetcher);
                }
            }
        });
        return schema.transform(builder -> builder.codeRegistry(decorated));
    }

    private static TypeDefinitionRegistry parse(SchemaParser parser, ResourceResolver resources, String file) {
        InputStream sdl = resources.getResourceAsStream(SCHEMA_DIRECTORY + file)
                .orElseThrow(() -> new IllegalStateException("Schema file missing from the classpath: " + file));
        try (Reader reader = new InputStreamReader(sdl, StandardCharsets.UTF_8)) {
            return parser.parse(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
