package org.kap.scenarios;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every journey file owes its reader (README): the protocol file it runs under, which exists in
 * protocols/ and is the one its background loads, and the clinical source it follows (a label, a
 * clinic's published criteria, a paper, or the project's docs/ for an engine rule). The suite holds at
 * least twenty journeys.
 */
class JourneyConventionsTest {

    private static final Path JOURNEYS = Path.of("src/test/resources/journeys");
    private static final Pattern PROTOCOL = Pattern.compile("(?m)^# Protocol: (protocols/[a-z0-9-]+\\.kap) \\(");
    /** A public source (a label, a clinic's published criteria, a paper) or the project's own docs/ for an engine rule. */
    private static final Pattern SOURCE = Pattern.compile("(?m)^# Source: \\S.{10,}");
    private static final Pattern LOADED = Pattern.compile("Given the protocol \"[a-z0-9-]+\" version \\d+ from \"(protocols/[^\"]+)\"");

    @Test
    void each_journey_names_its_protocol_file_and_cites_its_clinical_source() throws IOException {
        List<Path> files = features();
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            Matcher protocol = PROTOCOL.matcher(text);
            assertThat(protocol.find()).as("%s starts with '# Protocol: protocols/<file>.kap (...)'", file).isTrue();
            assertThat(Path.of("..").resolve(protocol.group(1))).as("%s names an existing protocol file", file).exists();
            assertThat(SOURCE.matcher(text).find()).as("%s cites '# Source: <the clinical source it follows>'", file).isTrue();
            Matcher loaded = LOADED.matcher(text);
            assertThat(loaded.find()).as("%s loads its protocol in its background", file).isTrue();
            assertThat(loaded.group(1)).as("%s runs under the file it names", file).isEqualTo(protocol.group(1));
        }
    }

    @Test
    void the_suite_holds_at_least_twenty_journeys() throws IOException {
        long scenarios = 0;
        for (Path file : features()) {
            scenarios += Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> l.strip().startsWith("Scenario:")).count();
        }
        assertThat(scenarios).isGreaterThanOrEqualTo(20);
    }

    private static List<Path> features() throws IOException {
        try (Stream<Path> files = Files.list(JOURNEYS)) {
            return files.filter(f -> f.toString().endsWith(".feature")).sorted().toList();
        }
    }
}
