package io.lendx.graphql;

import graphql.GraphQL;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
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
                    DocumentCache documents) {
        SchemaParser parser = new SchemaParser();
        TypeDefinitionRegistry types = parse(parser, resources, "schema.graphqls");
        RuntimeWiring.Builder wiring = RuntimeWiring.newRuntimeWiring()
                .scalar(DecimalScalar.INSTANCE)
                .scalar(DateTimeScalar.INSTANCE);
        for (FeatureWiring feature : features) {
            types.merge(parse(parser, resources, feature.schemaFile()));
            feature.wire(wiring);
        }
        GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(types, wiring.build());
        List<Instrumentation> chain = new ArrayList<>(instrumentations);
        // Last in the chain wraps the fetchers outermost.
        chain.add(new RequestExecutorInstrumentation());
        return GraphQL.newGraphQL(schema)
                .defaultDataFetcherExceptionHandler(exceptionHandler)
                .instrumentation(new ChainedInstrumentation(chain))
                // RequestExecutor dispatches instead; see there why.
                .doNotAutomaticallyDispatchDataLoader()
                .preparsedDocumentProvider(documents)
                .build();
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
