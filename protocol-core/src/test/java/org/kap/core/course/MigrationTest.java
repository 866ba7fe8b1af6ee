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

    // ---- what an override or a warning carries over -----------------------------------------------------------

    /** A small protocol in two versions: v1 overrides hypertension and warns on lamotrigine; v2 makes both absolute. */
    private static Protocol mini(int version, boolean strict) {
        return mini(version, strict, org.kap.core.rule.Role.PRESCRIBER);
    }

    /** As above, the relative hypertension rule overridden by {@code overriddenBy}. */
    private static Protocol mini(int version, boolean strict, org.kap.core.rule.Role overriddenBy) {
        var builder = protocol("kap-mini", version).active().title("Two versions").indications(org.kap.core.protocol.Indication.DEPRESSION);
        var htn = vital(org.kap.core.vitals.VitalSign.SYSTOLIC, org.kap.core.rule.Comparison.AT_LEAST, mmHg(160));
        if (strict) {
            builder.exclude(rule("CI-HTN", "Hypertension", "test"), htn)
                    .exclude(rule("LAMOTRIGINE", "Lamotrigine", "test"), medication("lamotrigine"));
        } else {
            builder.exclude(relative("CI-HTN", overriddenBy, "Hypertension", "test"), htn)
                    .warn(warning("LAMOTRIGINE", "Lamotrigine", "test"), medication("lamotrigine"));
        }
        return builder.route(Route.IM, r -> r.maxPerSession(rule("DOSE-MAX", "max", "test"), mgPerKg("1"))).build();
    }

    private static org.kap.core.screening.ClientProfile client(int systolic, String... medications) {
        return new org.kap.core.screening.ClientProfile(35, kg(70), java.util.Set.of("major_depressive_disorder"), java.util.Set.of(),
                java.util.Set.of(), java.util.Set.of(medications), List.of(), false, false,
                org.kap.core.vitals.VitalSigns.at(Journey.START.minusSeconds(3600)).bp(systolic, 85).heartRate(70).spo2(98).build(),
                java.util.Map.of());
    }

    @Test
    void an_override_of_a_rule_the_new_version_makes_absolute_does_not_carry_and_the_move_is_refused() {
        Journey mini = new Journey(new ProtocolRef("kap-mini", 1));
        CourseFixture.with(mini(1, false), mini(2, true))
                .givenCommands(mini.screen(client(165)), mini.override("CI-HTN"), mini.consent())
                .when(mini.migrate(2))
                .expectResultMessagePayloadMatching(refused("CI-HTN"))
                .expectEventsMatching(refusal(MigrationRefused.class, "CI-HTN"));
    }

    @Test
    void an_override_carries_where_the_new_version_enforces_the_rule_as_the_old_one_did_and_not_where_another_role_overrides_it() {
        Journey mini = new Journey(new ProtocolRef("kap-mini", 1));
        var given = List.<Object>of(mini.screen(client(165)), mini.override("CI-HTN"), mini.consent());
        CourseFixture.with(mini(1, false), mini(3, false))
                .givenCommands(given)
                .when(mini.migrate(3))
                .expectResultMessagePayloadMatching(decision(org.kap.core.rule.Decision.Outcome.ALLOWED_WITH_WARNINGS, "CI-HTN"));
        CourseFixture.with(mini(1, false), mini(3, false, org.kap.core.rule.Role.ADMIN))
                .givenCommands(given)
                .when(mini.migrate(3))
                .expectResultMessagePayloadMatching(refused("CI-HTN"))
                .expectEventsMatching(refusal(MigrationRefused.class, "CI-HTN"));
    }

    @Test
    void a_warning_shown_under_the_old_version_does_not_settle_the_new_versions_exclusion() {
        Journey mini = new Journey(new ProtocolRef("kap-mini", 1));
        CourseFixture.with(mini(1, false), mini(2, true))
                .givenCommands(mini.screen(client(120, "lamotrigine")), mini.consent())
                .when(mini.migrate(2))
                .expectResultMessagePayloadMatching(refused("LAMOTRIGINE"))
                .expectEventsMatching(refusal(MigrationRefused.class, "LAMOTRIGINE"));
    }

    @Test
    void a_halted_course_is_reviewed_before_it_moves() {
        List<Object> halted = consented();
        halted.add(journey.adverseEvent(org.kap.core.adverse.AdverseEventType.HYPERTENSION, 3)); // between sessions: AE-SEVERE halts
        fixture.givenCommands(halted).when(journey.migrate(2))
                .expectException(CourseStateConflict.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("halted by AE-SEVERE"))
                .expectNoEvents();
    }

    @Test
    void an_override_given_and_not_yet_used_lapses_with_the_move() {
        List<Object> given = consented();
        given.add(journey.override("PREDOSE-SBP"));
        fixture.givenCommands(given)
                .when(journey.migrate(2))
                .expectResultMessagePayloadMatching(allowed())
                .expectState(course -> assertThat(course.state().pendingOverrides()).isEmpty());
    }

    /** Version 6: a lower IM maximum beside version 1's. */
    private static final Protocol V6_LOW_IM = TestProtocol.builder(6)
            .route(Route.IM, r -> r.maxPerSession(rule("DOSE-IM-MAX-LOW", "A lower IM maximum", "test fixture"), mgPerKg("0.4")))
            .build();

    @Test
    void a_correction_after_the_move_judges_a_session_held_before_it_by_the_version_it_was_held_under() {
        AggregateTestFixture<TreatmentCourse> withLowIm = CourseFixture.with(TestProtocol.v1(), V6_LOW_IM);
        List<Object> given = consented();
        given.add(journey.approve(mgPerKg("0.5"))); // 35 mg at 70 kg
        given.add(journey.start());
        journey.after(minutes(38));
        given.add(journey.vitals(128, 84, 97));
        journey.after(minutes(90));
        given.add(journey.discharge());
        given.add(journey.migrate(6));
        // at 60 kg the 35 mg were 0.58 mg/kg: within version 1's 1.5 mg/kg, over version 6's 0.4 mg/kg
        withLowIm.givenCommands(given)
                .when(new CourseCommand.CorrectEntry(Journey.COURSE, 1, "the client weighed 60 kg", "scale not zeroed",
                        new CorrectedValues(null, org.kap.core.units.Kilograms.of(60), null, null, null), Journey.CLINICIAN,
                        journey.after(minutes(10)).now()))
                .expectEventsMatching(onlyEvent(CourseEvent.EntryCorrected.class, "and no past decision flagged", e -> true));
    }

    @Test
    void a_word_of_the_record_the_new_version_cannot_read_refuses_the_move() {
        // version 8 declares its vocabulary in value sets; 'insomnia', a word version 1 took as written, is not in it
        var treated = new org.kap.core.terminology.ValueSet("treated_conditions", 1, java.util.Set.of("major_depressive_disorder"),
                List.of(), "test");
        Protocol coded = TestProtocol.builder(8).valueSet(treated).build();
        var client = Journey.profile(35, kg(70), java.util.Set.of("major_depressive_disorder", "insomnia"), java.util.Set.of(),
                java.util.Set.of(), List.of(), false, java.util.Map.of());
        CourseFixture.with(TestProtocol.v1(), coded)
                .givenCommands(journey.screen(client), journey.consent())
                .when(journey.migrate(8))
                .expectResultMessagePayloadMatching(refused("ENGINE-MIGRATION-UNREADABLE"))
                .expectEventsMatching(onlyEvent(MigrationRefused.class, "naming the word", e -> e.findings().stream()
                        .anyMatch(f -> f.ruleId().value().equals("ENGINE-MIGRATION-UNREADABLE") && f.observed().contains("insomnia"))));
    }
}
