package io.lendx.http;

import graphql.GraphQL;
import graphql.schema.idl.SchemaPrinter;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/**
 * The schema as SDL, with its descriptions, for code generators (GraphQL Code Generator,
 * Apollo's codegen). It tells what introspection tells, so it exists only where introspection
 * is on: not in {@code prod}, where the path answers 404 like any unknown one.
 */
@Controller
@Requires(property = "lendx.graphql.introspection-enabled", notEquals = "false")
public class SchemaController {

    static final String PATH = "/graphql/schema.graphql";

    private final String sdl;

    public SchemaController(GraphQL graphQL) {
        this.sdl = new SchemaPrinter(SchemaPrinter.Options.defaultOptions()
                .includeScalarTypes(true)
                .includeSchemaDefinition(false)
                .includeDirectives(false))
                .print(graphQL.getGraphQLSchema());
    }

    @Get(uri = PATH, produces = "text/plain;charset=utf-8")
    public String schema() {
        return sdl;
    }
}
