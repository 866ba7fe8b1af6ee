package org.kap.dsl.conformance;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.ResultValidator;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.kap.core.course.CourseCommand;
import org.kap.core.course.CourseEvent;
import org.kap.core.rule.Finding;
import org.kap.core.course.CourseStateConflict;
import org.kap.core.course.InvalidCommandException;
import org.kap.core.course.TreatmentCourse;
import org.kap.core.protocol.Protocol;
import org.kap.core.testing.CourseFixture;
import org.kap.core.testing.CourseMatchers;
import org.kap.dsl.CompileResult;
import org.kap.dsl.ProtocolCompiler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The conformance suite, in the style of the HL7 CQL tests: small files of (protocol snippet,
 * course facts, command, expected decision with rule ids), one file per construct, every construct
 * on both sides. The protocol is compiled from text by the DSL and the course runs on the real
 * aggregate, so a case pins the language and the engine together. See conformance/README.md.
 */
public class ConformanceSuiteTest {

    static final Path SUITE = Path.of("src/test/resources/conformance");

    private static final String HEADER = """
            protocol "conformance" version 1
            status active
            indications: depression, treatment_resistant_depression, ptsd, anxiety, ocd
            """;
    private static final String DEFAULT_DOSING = """
            dosing route IM:
              rule CONF-IM-MAX: max 2 mg/kg per session message "conformance default" cite "conformance suite"
            """;

    @TestFactory
    Stream<DynamicContainer> every_case_of_every_file() throws IOException {
        return files().map(file -> {
            ConformanceFile suite = read(file);
            Protocol protocol = compile(suite);
            return DynamicContainer.dynamicContainer(suite.name(), suite.cases().stream()
                    .map(c -> DynamicTest.dynamicTest(c.toString(), () -> run(protocol, c))));
        });
    }

    @Test
    void the_suite_covers_both_sides_of_every_construct() throws IOException {
        List<ConformanceCase> cases = files().map(ConformanceSuiteTest::read).flatMap(f -> f.cases().stream()).toList();
        assertThat(files().count()).as("conformance files").isGreaterThanOrEqualTo(12);
        assertThat(cases).as("cases that allow").anyMatch(c -> c.expectation().startsWith("allowed"));
        files().map(ConformanceSuiteTest::read).forEach(f -> assertThat(f.cases())
                .as(f.name() + " has a case that passes and one that fires")
                .anyMatch(c -> c.expectation().startsWith("allowed"))
                .anyMatch(c -> c.expectation().startsWith("refused") || c.expectation().startsWith("warned")));
    }

    public static Stream<Path> files() throws IOException {
        return Files.list(SUITE).filter(p -> p.toString().endsWith(".conf")).sorted();
    }

    public static ConformanceFile read(Path file) {
        try {
            return ConformanceFile.parse(file.getFileName().toString(), Files.readString(file));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Protocol compile(ConformanceFile suite) {
        String text = HEADER + suite.protocol() + (suite.protocol().contains("dosing route") ? "" : DEFAULT_DOSING);
        CompileResult result = ProtocolCompiler.compile(suite.name(), text);
        assertThat(result.errors()).as("the protocol snippet of " + suite.name() + " compiles").isEmpty();
        return result.protocol();
    }

    private static boolean screeningAsExpected(List<Finding> findings, String outcome, Set<String> rules) {
        Set<String> refusals = findings.stream().filter(Finding::refuses).map(f -> f.ruleId().value()).collect(Collectors.toSet());
        Set<String> warnings = findings.stream().filter(f -> !f.refuses()).map(f -> f.ruleId().value()).collect(Collectors.toSet());
        return switch (outcome) {
            case "allowed" -> findings.isEmpty();
            case "refused" -> refusals.equals(rules);
            case "warned" -> refusals.isEmpty() && warnings.equals(rules);
            default -> throw new IllegalArgumentException("a screening case expects allowed, warned or refused");
        };
    }

    private static void run(Protocol protocol, ConformanceCase c) {
        Steps steps = new Steps(protocol.ref());
        List<Object> given = new ArrayList<>();
        for (String step : c.given()) {
            steps.read(step).ifPresent(given::add);
        }
        String[] expectation = c.expectation().split("\\s+");
        String outcome = expectation[0];
        String[] rules = Arrays.copyOfRange(expectation, 1, expectation.length);
        if (outcome.equals("invalid")) {
            // malformed as written (a grade of 7), or as the protocol reads it (a word it does not know): nothing recorded
            java.util.Optional<CourseCommand> command;
            try {
                command = steps.read(c.when()).map(CourseCommand.class::cast);
            } catch (InvalidCommandException malformed) {
                return;
            }
            AggregateTestFixture<TreatmentCourse> fixture = CourseFixture.with(protocol);
            (given.isEmpty() ? fixture.givenNoPriorActivity() : fixture.givenCommands(given))
                    .when(command.orElseThrow(() -> new IllegalArgumentException(c + ": 'when' must be a command")))
                    .expectException(InvalidCommandException.class).expectNoEvents();
            return;
        }
        CourseCommand when = steps.read(c.when()).orElseThrow(() -> new IllegalArgumentException(c + ": 'when' must be a command"));
        AggregateTestFixture<TreatmentCourse> fixture = CourseFixture.with(protocol);
        TestExecutor<TreatmentCourse> executor = given.isEmpty() ? fixture.givenNoPriorActivity() : fixture.givenCommands(given);
        ResultValidator<TreatmentCourse> result = executor.when(when);
        if (when instanceof CourseCommand.ScreenClient) {
            // screening creates the course (its result is the course id); the decision is in the recorded findings
            result.expectEventsMatching(CourseMatchers.onlyEvent(CourseEvent.ClientScreened.class, c.expectation(),
                    screened -> screeningAsExpected(screened.findings(), outcome, Set.of(rules))));
            return;
        }
        switch (outcome) {
            case "allowed" -> result.expectResultMessagePayloadMatching(CourseMatchers.allowed());
            case "warned" -> result.expectResultMessagePayloadMatching(CourseMatchers.warned(rules));
            case "refused" -> result.expectResultMessagePayloadMatching(CourseMatchers.refused(rules));
            case "conflict" -> result.expectException(CourseStateConflict.class).expectNoEvents();
            default -> throw new IllegalArgumentException(c + ": unknown expectation '" + c.expectation() + "'");
        }
    }
}
