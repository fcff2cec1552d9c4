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
        try {
            ApplicationContext context = Micronaut.build(args).mainClass(Application.class)
                    .properties(database.properties())
                    .start();
            Runtime.getRuntime().addShutdownHook(
                    new Thread(() -> database.closeAfter(context), "embedded-postgres-shutdown"));
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }
}
