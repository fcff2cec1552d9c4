package io.lendx;

import io.lendx.config.DatabaseSettings;
import io.lendx.config.EmbeddedDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;

import java.util.Map;

public class Application {

    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        if (DatabaseSettings.isExternalDatabaseConfigured(env)) {
            Micronaut.build(args).mainClass(Application.class)
                    .properties(DatabaseSettings.fromEnvironment(env))
                    .start();
            return;
        }
        EmbeddedDatabase database = EmbeddedDatabase.start();
        ApplicationContext context = Micronaut.build(args).mainClass(Application.class)
                .properties(database.properties())
                .start();
        // One hook, so the database outlives the connection pool that uses it.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            context.close();
            database.close();
        }, "embedded-postgres-shutdown"));
    }
}
