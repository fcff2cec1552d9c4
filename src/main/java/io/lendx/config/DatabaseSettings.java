package io.lendx.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the process environment into the R2DBC and Flyway properties of the default data
 * source. Flyway needs a JDBC URL while the application talks R2DBC, so one
 * {@code DATABASE_URL} must configure both.
 */
public final class DatabaseSettings {

    static final String DATABASE_URL = "DATABASE_URL";
    static final String R2DBC_URL = "R2DBC_DATASOURCES_DEFAULT_URL";
    static final String R2DBC_USERNAME = "R2DBC_DATASOURCES_DEFAULT_USERNAME";
    static final String R2DBC_PASSWORD = "R2DBC_DATASOURCES_DEFAULT_PASSWORD";
    static final String FLYWAY_URL = "FLYWAY_DATASOURCES_DEFAULT_URL";
    static final String SSL_MODE_OPTION = "r2dbc.datasources.default.options.sslMode";

    private DatabaseSettings() {
    }

    /** Whether the environment names a database server, in which case none may be embedded. */
    public static boolean isExternalDatabaseConfigured(Map<String, String> env) {
        return isSet(env, DATABASE_URL) || isSet(env, R2DBC_URL);
    }

    /**
     * The data source properties the environment implies: parsed from {@code DATABASE_URL}, or
     * a Flyway URL derived from the standard R2DBC variables when only those are given.
     */
    public static Map<String, Object> fromEnvironment(Map<String, String> env) {
        if (isSet(env, DATABASE_URL)) {
            return fromDatabaseUrl(env.get(DATABASE_URL));
        }
        if (isSet(env, R2DBC_URL) && !isSet(env, FLYWAY_URL)) {
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("flyway.datasources.default.url",
                    env.get(R2DBC_URL).replaceFirst("^r2dbc:(pool:)?postgres(ql)?:", "jdbc:postgresql:"));
            // An operator-given R2DBC URL keeps its own pooling choice.
            copyIfSet(env, R2DBC_USERNAME, "flyway.datasources.default.user", properties);
            copyIfSet(env, R2DBC_PASSWORD, "flyway.datasources.default.password", properties);
            return properties;
        }
        return Map.of();
    }

    /** Properties for {@code postgres://user:pass@host:port/db?sslmode=...}. */
    public static Map<String, Object> fromDatabaseUrl(String databaseUrl) {
        return fromDatabaseUrl(databaseUrl, DATABASE_URL);
    }

    /** The same, for a URL of that form held by another {@code variable} (a replica's), which errors name. */
    public static Map<String, Object> fromDatabaseUrl(String databaseUrl, String variable) {
        URI uri = parse(databaseUrl, variable);
        String database = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        if (uri.getHost() == null || database.isEmpty()) {
            throw invalid(variable, "it must name a host and a database");
        }
        String hostAndPort = uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        String location = "//" + hostAndPort + "/" + database;

        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("r2dbc.datasources.default.url", "r2dbc:pool:postgresql:" + location);
        // JDBC takes the URL's parameters as they are; R2DBC spells the one that matters, sslmode, sslMode.
        properties.put("flyway.datasources.default.url", "jdbc:postgresql:" + location
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
        sslMode(uri.getRawQuery()).ifPresent(mode -> properties.put(SSL_MODE_OPTION, mode));
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            String user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            properties.put("r2dbc.datasources.default.username", user);
            properties.put("flyway.datasources.default.user", user);
            if (colon >= 0) {
                String password = decode(userInfo.substring(colon + 1));
                properties.put("r2dbc.datasources.default.password", password);
                properties.put("flyway.datasources.default.password", password);
            }
        }
        return properties;
    }

    private static Optional<String> sslMode(String query) {
        if (query == null) {
            return Optional.empty();
        }
        for (String parameter : query.split("&")) {
            String[] nameAndValue = parameter.split("=", 2);
            if (nameAndValue.length == 2 && nameAndValue[0].equalsIgnoreCase("sslmode")) {
                return Optional.of(decode(nameAndValue[1]));
            }
        }
        return Optional.empty();
    }

    private static URI parse(String databaseUrl, String variable) {
        try {
            URI uri = new URI(databaseUrl.trim());
            if (!"postgres".equals(uri.getScheme()) && !"postgresql".equals(uri.getScheme())) {
                throw invalid(variable, "it must start with postgres:// or postgresql://");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw invalid(variable, "it is not a valid URL");
        }
    }

    private static InvalidSettingException invalid(String variable, String why) {
        // The value is not echoed: it usually carries a password.
        return new InvalidSettingException(variable + " is invalid: " + why
                + " (expected postgres://user:password@host:port/database)");
    }

    private static String decode(String part) {
        return URLDecoder.decode(part, StandardCharsets.UTF_8);
    }

    private static boolean isSet(Map<String, String> env, String name) {
        String value = env.get(name);
        return value != null && !value.isBlank();
    }

    private static void copyIfSet(Map<String, String> env, String name, String property,
                                  Map<String, Object> properties) {
        if (isSet(env, name)) {
            properties.put(property, env.get(name));
        }
    }
}
