package org.kap.core.course;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kap.core.course.CourseEvent.CourseMigrated;
import org.kap.core.course.CourseEvent.DoseApprovalRefused;
import org.kap.core.course.CourseEvent.MigrationRefused;
import org.kap.core.dosing.Route;
import org.kap.core.protocol.Protocol;
import org.kap.core.protocol.ProtocolStatus;
import org.kap.core.rule.ProtocolRef;
import org.kap.core.testing.CourseFixture;
import org.kap.core.testing.Journey;
import org.kap.core.testing.TestProtocol;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kap.core.protocol.ProtocolBuilder.*;
import static org.kap.core.testing.CourseMatchers.*;
import static org.kap.core.units.Units.*;

/**
 * A prescriber moves a running course to another version of its protocol: between sessions, into an active version of
 * the same protocol, after the client is screened again under it. The course keeps which version applied from when.
 */
class MigrationTest {

    /** Version 2: sublingual dosing, up to 300 mg a session (version 1 has no sublingual route). */
    private static final Protocol V2 = TestProtocol.builder(2)
            .route(Route.SUBLINGUAL, r -> r.maxPerSession(rule("DOSE-SL-MAX", "SL maximum", "test fixture"), mg(300)))
            .build();
    /** Version 3: no one under 40. */
    private static final Protocol V3 = TestProtocol.builder(3)
            .exclude(rule("CI-AGE-40", "Under 40", "test fixture"), age(org.kap.core.rule.Comparison.LESS, 40)).build();
    /** Version 4: a draft. */
    private static final Protocol V4_DRAFT = TestProtocol.builder(4).status(ProtocolStatus.DRAFT).build();

    private AggregateTestFixture<TreatmentCourse> fixture;
    private Journey journey;

    @BeforeEach
    void setUp() {
        fixture = CourseFixture.with(TestProtocol.v1(), V2, V3, V4_DRAFT,
                protocol("kap-other", 1).active().title("Another protocol").build());
        journey = Journey.underTestProtocol();
    }

    private List<Object> consented() {
        return new ArrayList<>(journey.readyForFirstDose());
    }

    @Test
    void a_course_moves_to_an_active_version_and_keeps_which_version_applied_from_when() {
        fixture.givenCommands(consented())
                .when(journey.migrate(2))
                .expectResultMessagePayloadMatching(allowed())
                .expectEventsMatching(onlyEvent(CourseMigrated.class, "from v1 to v2", e ->
                        e.from().equals(new ProtocolRef(TestProtocol.ID, 1)) && e.to().equals(new ProtocolRef(TestProtocol.ID, 2))))
                .expectState(course -> {
                    CourseState state = course.state();
                    assertThat(state.protocol()).isEqualTo(new ProtocolRef(TestProtocol.ID, 2));
                    assertThat(state.protocolPeriods()).extracting(p -> p.protocol().version(), CourseState.ProtocolPeriod::fromEntry)
                            .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 1L),
                                    org.assertj.core.groups.Tuple.tuple(2, state.entries()));
                    assertThat(state.protocolAt(1).version()).isEqualTo(1);
                    assertThat(state.protocolAt(state.entries()).version()).isEqualTo(2);
                });
    }

    @Test
    void after_the_move_the_new_versions_rules_decide() {
        List<Object> given = consented();
        given.add(journey.migrate(2));
        fixture.givenCommands(given)
                .when(journey.approve(Route.SUBLINGUAL, mg(400)))
                .expectResultMessagePayloadMatching(refused("DOSE-SL-MAX"))
                .expectEventsMatching(onlyEvent(DoseApprovalRefused.class, "under v2", e ->
                        e.findings().stream().allMatch(f -> f.protocol().version() == 2)));
    }

    @Test
    void before_the_move_the_old_versions_rules_decide() {
        fixture.givenCommands(consented())
                .when(journey.approve(Route.SUBLINGUAL, mg(400)))
                .expectResultMessagePayloadMatching(refused("ENGINE-ROUTE"));
    }

    @Test
    void a_client_the_new_version_excludes_is_not_moved_and_the_refusal_is_recorded() {
        fixture.givenCommands(consented())
                .when(journey.migrate(3))
                .expectResultMessagePayloadMatching(refused("CI-AGE-40"))
                .expectEventsMatching(refusal(MigrationRefused.class, "CI-AGE-40"))
                .expectState(course -> assertThat(course.state().protocol().version()).isEqualTo(1));
    }

    @Test
    void an_exclusion_overridden_on_the_same_evidence_stays_overridden_under_the_new_version() {
        var hypertensive = new org.kap.core.screening.ClientProfile(35, kg(70), java.util.Set.of("major_depressive_disorder"),
                java.util.Set.of(), java.util.Set.of(), java.util.Set.of(), List.of(), false, false,
                org.kap.core.vitals.VitalSigns.at(Journey.START.minusSeconds(3600)).bp(165, 95).heartRate(70).spo2(98).build(),
                java.util.Map.of(org.kap.core.outcome.Instrument.PHQ9, 20));
        fixture.givenCommands(journey.screen(hypertensive), journey.override("CI-HTN"), journey.consent())
                .when(journey.migrate(2))
                .expectResultMessagePayloadMatching(decision(org.kap.core.rule.Decision.Outcome.ALLOWED_WITH_WARNINGS, "CI-HTN"))
                .expectEventsMatching(onlyEvent(CourseMigrated.class, "with the override carried", e -> e.findings().stream()
                        .anyMatch(f -> f.ruleId().value().equals("CI-HTN") && f.severity() == org.kap.core.rule.Finding.Severity.OVERRIDDEN)))
                .expectState(course -> assertThat(course.state().eligible()).isTrue());
    }

    @Test
    void a_move_the_state_does_not_allow_records_nothing() {
        List<Object> inSession = consented();
        inSession.add(journey.approve(mgPerKg("0.5")));
        fixture.givenCommands(inSession).when(journey.migrate(2))
                .expectException(CourseStateConflict.class).expectNoEvents();
        inSession.add(journey.start());
        fixture.givenCommands(inSession).when(journey.migrate(2))
                .expectException(CourseStateConflict.class).expectNoEvents();
        fixture.givenCommands(consented()).when(journey.migrate(4))
                .expectException(CourseStateConflict.class).expectNoEvents();
        fixture.givenCommands(consented()).when(journey.migrate(1))
                .expectException(CourseStateConflict.class).expectNoEvents();
        fixture.givenCommands(consented())
                .when(new CourseCommand.MigrateCourse(Journey.COURSE, new ProtocolRef("kap-other", 1), "why not",
                        Journey.PRESCRIBER, null))
                .expectException(InvalidCommandException.class).expectNoEvents();
    }

    @Test
    void only_a_prescriber_moves_a_course() {
        fixture.givenCommands(consented())
                .when(new CourseCommand.MigrateCourse(Journey.COURSE, new ProtocolRef(TestProtocol.ID, 2), "tidy up",
                        Journey.CLINICIAN, null))
                .expectException(NotPermittedException.class).expectNoEvents();
    }
}
