package org.kap.scenarios;

import io.cucumber.spring.CucumberContextConfiguration;
import org.kap.api.KapApplication;
import org.kap.api.TestDatabase;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The engine the journeys run against: the real application, started once for the whole suite on a
 * random port, over a fresh embedded H2 database in {@code target/engine-data} (or, with
 * {@code -Ppostgres}, a fresh schema in the PostgreSQL test database, as the API tests). It publishes the
 * repository's example protocols on start, as {@code ./kap serve} does. Only its clock is the
 * suite's (see {@link ScenarioClock}); the overdue-obligation scheduler is left idle so that no
 * background act interleaves with a journey, and the journeys read overdue obligations themselves.
 */
@CucumberContextConfiguration
@SpringBootTest(classes = {KapApplication.class, RunningEngine.SuiteTime.class, Journey.class, Engine.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"kap.obligations.first-check=24h", "kap.obligations.check-interval=24h", "logging.level.root=WARN"})
public class RunningEngine {

    /** Journeys start on Monday 5 January 2026; each next journey starts on a Monday after the last one ended. */
    static final Instant FIRST_MONDAY = Instant.parse("2026-01-05T00:00:00Z");

    @DynamicPropertySource
    static void freshDatabase(DynamicPropertyRegistry registry) {
        if (TestDatabase.postgres()) {
            TestDatabase.configure(registry);
            return;
        }
        try {
            Path dir = Files.createDirectories(Path.of("target", "engine-data").toAbsolutePath());
            Path data = Files.createTempDirectory(dir, "run-");
            registry.add("kap.data-dir", data::toString);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @TestConfiguration
    static class SuiteTime {
        @Bean
        @Primary
        ScenarioClock scenarioClock() {
            return new ScenarioClock(FIRST_MONDAY);
        }
    }
}
