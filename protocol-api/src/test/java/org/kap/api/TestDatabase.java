package org.kap.api;

import org.springframework.test.context.DynamicPropertyRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * A fresh database for each test class: an H2 file database in a new temporary directory (the
 * default), or a new schema in the PostgreSQL database {@code test} on 127.0.0.1:5432 when the
 * suite runs with {@code -Ppostgres} (system property {@code kap.test.database=postgres}).
 */
public final class TestDatabase {

    private TestDatabase() {
    }

    /** Test schemas are dropped when the test JVM ends, so repeated runs do not fill the shared database. */
    static void dropAtExit(String url, String schema) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (var connection = java.sql.DriverManager.getConnection(url,
                    System.getProperty("kap.test.postgres.user", "postgres"), System.getProperty("kap.test.postgres.password", ""));
                 var statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            } catch (java.sql.SQLException ignored) {
                // best effort: a leftover schema is harmless and named kap_test_*
            }
        }));
    }

    public static boolean postgres() {
        return "postgres".equals(System.getProperty("kap.test.database", "h2"));
    }

    /**
     * The properties of one more fresh database, for an application a test starts itself (and may start
     * again on the same database): a new H2 file database in a new temporary directory, or a new schema
     * in the PostgreSQL test database with {@code -Ppostgres} (and a new temporary data directory, which holds
     * the engine's signing keys).
     */
    public static java.util.Map<String, String> fresh() {
        java.util.Map<String, String> properties = new java.util.LinkedHashMap<>();
        if (postgres()) {
            String schema = "kap_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            String host = System.getProperty("kap.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
            properties.put("spring.datasource.url", host + "?currentSchema=" + schema);
            properties.put("spring.datasource.username", System.getProperty("kap.test.postgres.user", "postgres"));
            properties.put("spring.datasource.password", System.getProperty("kap.test.postgres.password", ""));
            properties.put("spring.flyway.schemas", schema);
            properties.put("spring.flyway.default-schema", schema);
            dropAtExit(host, schema);
            // the engine's files (its signing keys) in a directory of their own, not the working directory's data/
            try {
                Path dir = Files.createTempDirectory("kap-api-test-");
                dir.toFile().deleteOnExit();
                properties.put("kap.data-dir", dir.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            try {
                Path dir = Files.createTempDirectory("kap-api-test-");
                dir.toFile().deleteOnExit();
                properties.put("spring.datasource.url", "jdbc:h2:file:" + dir.resolve("kap") + ";AUTO_SERVER=FALSE;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
                properties.put("kap.data-dir", dir.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return properties;
    }

    public static void configure(DynamicPropertyRegistry registry) {
        fresh().forEach((name, value) -> registry.add(name, () -> value));
    }
}
