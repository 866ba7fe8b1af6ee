package org.kap.core.course;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kap.core.course.CourseEvent.ClientScreened;
import org.kap.core.course.CourseEvent.ConsentRecorded;
import org.kap.core.outcome.Instrument;
import org.kap.core.protocol.Indication;
import org.kap.core.protocol.ProtocolStatus;
import org.kap.core.protocol.UnknownProtocolException;
import org.kap.core.rule.Finding;
import org.kap.core.rule.ProtocolRef;
import org.kap.core.screening.ClientProfile;
import org.kap.core.screening.ClientProfile.SubstanceUse;
import org.kap.core.testing.CourseFixture;
import org.kap.core.testing.Journey;
import org.kap.core.testing.TestProtocol;
import org.kap.core.vitals.VitalSigns;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kap.core.testing.CourseMatchers.*;
import static org.kap.core.units.Units.*;

class ScreeningAndConsentTest {

    private AggregateTestFixture<TreatmentCourse> fixture;
    private Journey journey;

    @BeforeEach
    void setUp() {
        fixture = CourseFixture.with(TestProtocol.v1());
        journey = Journey.underTestProtocol();
    }

    // ---- profiles that fire one screening rule each ------------------------------------------------

    private static ClientProfile withDiagnoses(String... diagnoses) {
        return Journey.profile(35, kg(70), Set.of(diagnoses), Set.of(), Set.of(), List.of(), false, Map.of());
    }

    private static ClientProfile withScreeningBloodPressure(long systolic, long diastolic) {
        return new ClientProfile(35, kg(70), Set.of("major_depressive_disorder"), Set.of(), Set.of(), Set.of(), List.of(),
                false, false, VitalSigns.at(Journey.START.minusSeconds(3600)).bp(systolic, diastolic).heartRate(70).spo2(98)
                .build(), Map.of(Instrument.PHQ9, 20));
    }

    private static ClientProfile aged(int years) {
        return Journey.profile(years, kg(60), Set.of("major_depressive_disorder"), Set.of(), Set.of(), List.of(), false,
                Map.of());
    }

    private static ClientProfile pregnant() {
        return Journey.profile(30, kg(65), Set.of("major_depressive_disorder"), Set.of(), Set.of(), List.of(), true,
                Map.of());
    }

    private static ClientProfile lastDrankDaysBeforeScreening(int days) {
        return Journey.profile(35, kg(70), Set.of("major_depressive_disorder"), Set.of(), Set.of(),
                List.of(new SubstanceUse("alcohol", Journey.START.minus(days(days)))), false, Map.of());
    }

    private static ClientProfile taking(String medication) {
        return Journey.profile(35, kg(70), Set.of("major_depressive_disorder"), Set.of(), Set.of(medication), List.of(),
                false, Map.of());
    }

    // ---- screening ---------------------------------------------------------------------------------

    @Test
    void screening_an_eligible_client_creates_the_course_pinned_to_the_protocol_with_no_findings() {
        fixture.givenNoPriorActivity()
                .when(journey.screen())
                .expectEventsMatching(onlyEvent(ClientScreened.class, "with no findings",
                        e -> e.findings().isEmpty() && e.protocol().equals(TestProtocol.v1().ref())
                                && e.entry().number() == 1))
                .expectState(course -> {
                    assertThat(course.state().status()).isEqualTo(CourseStatus.SCREENED);
                    assertThat(course.state().eligible()).isTrue();
                    assertThat(course.state().protocol()).isEqualTo(TestProtocol.v1().ref());
                });
    }

    @Test
    void a_psychotic_disorder_is_an_absolute_exclusion_and_the_client_is_ineligible() {
        fixture.givenNoPriorActivity()
                .when(journey.screen(withDiagnoses("major_depressive_disorder", "schizophrenia")))
                .expectEventsMatching(refusal(ClientScreened.class, "CI-PSYCHOSIS"))
                .expectEventsMatching(onlyEvent(ClientScreened.class, "naming the diagnosis",
                        e -> e.findings().get(0).toString().equals("CI-PSYCHOSIS: diagnosis schizophrenia in [psychotic_disorder, schizophrenia]")))
                .expectState(course -> {
                    assertThat(course.state().status()).isEqualTo(CourseStatus.INELIGIBLE);
                    assertThat(course.state().openExclusions()).extracting(f -> f.ruleId().value())
                            .containsExactly("CI-PSYCHOSIS");
                });
    }

    @Test
    void an_ineligible_client_cannot_consent_and_nothing_is_recorded() {
        fixture.givenCommands(journey.screen(withDiagnoses("psychotic_disorder")))
                .when(journey.consent())
                .expectException(CourseStateConflict.class)
                .expectNoEvents();
    }

    @Test
    void hypertension_at_screening_is_a_relative_exclusion() {
        fixture.givenNoPriorActivity()
                .when(journey.screen(withScreeningBloodPressure(165, 95)))
                .expectEventsMatching(refusal(ClientScreened.class, "CI-HTN"))
                .expectState(course -> assertThat(course.state().status()).isEqualTo(CourseStatus.INELIGIBLE));
    }

    @Test
    void a_diastolic_of_100_alone_fires_the_hypertension_exclusion_and_159_over_99_does_not() {
        fixture.givenNoPriorActivity()
                .when(journey.screen(withScreeningBloodPressure(130, 100)))
                .expectEventsMatching(refusal(ClientScreened.class, "CI-HTN"));
        fixture.givenNoPriorActivity()
                .when(new Journey(TestProtocol.v1().ref()).screen(withScreeningBloodPressure(159, 99)))
                .expectEventsMatching(onlyEvent(ClientScreened.class, "with no findings", e -> e.findings().isEmpty()))
                .expectState(course -> assertThat(course.state().status()).isEqualTo(CourseStatus.SCREENED));
    }

    @Test
    void a_client_under_18_is_excluded_and_an_18_year_old_is_not() {
        fixture.givenNoPriorActivity()
                .when(journey.screen(aged(17)))
                .expectEventsMatching(refusal(ClientScreened.class, "CI-AGE"))
                .expectState(course -> assertThat(course.state().status()).isEqualTo(CourseStatus.INELIGIBLE));
        fixture.givenNoPriorActivity()
                .when(new Journey(TestProtocol.v1().ref()).screen(aged(18)))
                .expectEventsMatching(onlyEvent(ClientScreened.class, "with no findings", e -> e.findings().isEmpty()));
    }

    @Test
    void pregnancy_is_an_exclusion() {
        fixture.givenNoPriorActivity()
                .when(journey.screen(pregnant()))
                .expectEventsMatching(refusal(ClientScreened.class, "CI-PREGNANCY"))
                .expectState(course -> assertThat(course.state().status()).isEqualTo(CourseStatus.INELIGIBLE));
    }

    @Test
    void alcohol_used_inside_the_7_day_abstinence_window_excludes_the_client() {
        fixture.givenNoPriorActivity()
                .when(journey.screen(lastDrankDaysBeforeScreening(3)))
                .expectEventsMatching(refusal(ClientScreened.class, "CI-ALCOHOL"))
                .expectEventsMatching(onlyEvent(ClientScreened.class, "saying when it was last used",
                        e -> e.findings().get(0).toString().equals("CI-ALCOHOL: alcohol last used "
                                + Journey.START.minus(java.time.Duration.ofDays(3)) + " within 7 days of abstinence")))
                .expectState(course -> assertThat(course.state().status()).isEqualTo(CourseStatus.INELIGIBLE));
    }

    @Test
    void alcohol_last_used_7_days_or_more_before_screening_does_not_exclude() {
        fixture.givenNoPriorActivity()
                .when(journey.screen(lastDrankDaysBeforeScreening(7)))
                .expectEventsMatching(onlyEvent(ClientScreened.class, "with no findings", e -> e.findings().isEmpty()))
                .expectState(course -> assertThat(course.state().status()).isEqualTo(CourseStatus.SCREENED));
        fixture.givenNoPriorActivity()
                .when(new Journey(TestProtocol.v1().ref()).screen(lastDrankDaysBeforeScreening(10)))
                .expectEventsMatching(onlyEvent(ClientScreened.class, "with no findings", e -> e.findings().isEmpty()));
    }

    @Test
    void lamotrigine_is_a_warning_that_leaves_the_client_eligible() {
        fixture.givenNoPriorActivity()
                .when(journey.screen(taking("lamotrigine")))
                .expectEventsMatching(onlyEvent(ClientScreened.class, "with one warning",
                        e -> e.findings().size() == 1 && e.findings().get(0).ruleId().value().equals("WARN-LAMOTRIGINE")
                                && e.findings().get(0).severity() == Finding.Severity.WARNING))
                .expectState(course -> {
                    assertThat(course.state().status()).isEqualTo(CourseStatus.SCREENED);
                    assertThat(course.state().openExclusions()).isEmpty();
                });
        Journey warned = Journey.underTestProtocol();
        fixture.givenCommands(warned.screen(taking("lamotrigine")))
                .when(warned.consent())
                .expectResultMessagePayloadMatching(allowed())
                .expectEventsMatching(recorded(ConsentRecorded.class));
    }

    @Test
    void an_indication_the_protocol_is_not_written_for_is_refused_by_the_engine_rule() {
        fixture.givenNoPriorActivity()
                .when(journey.screen(Journey.adult(), Indication.OCD))
                .expectEventsMatching(refusal(ClientScreened.class, "ENGINE-INDICATION"))
                .expectEventsMatching(onlyEvent(ClientScreened.class, "naming the indications",
                        e -> e.findings().get(0).toString().equals("ENGINE-INDICATION: ocd not in [depression, ptsd]")))
                .expectState(course -> assertThat(course.state().status()).isEqualTo(CourseStatus.INELIGIBLE));
    }

    @Test
    void every_exclusion_that_applies_is_recorded_not_only_the_first() {
        ClientProfile both = Journey.profile(16, kg(50), Set.of("schizophrenia"), Set.of(), Set.of("lamotrigine"),
                List.of(), true, Map.of());
        fixture.givenNoPriorActivity()
                .when(journey.screen(both))
                .expectEventsMatching(refusal(ClientScreened.class, "CI-PSYCHOSIS", "CI-AGE", "CI-PREGNANCY"))
                .expectEventsMatching(onlyEvent(ClientScreened.class, "with the warning too",
                        e -> e.findings().stream().anyMatch(f -> f.ruleId().value().equals("WARN-LAMOTRIGINE"))));
    }

    @Test
    void a_draft_protocol_does_not_screen_clients_and_nothing_is_recorded() {
        var draft = TestProtocol.builder(2).status(ProtocolStatus.DRAFT).build();
        fixture = CourseFixture.with(TestProtocol.v1(), draft);
        fixture.givenNoPriorActivity()
                .when(new Journey(draft.ref()).screen())
                .expectException(CourseStateConflict.class)
                .expectNoEvents();
    }

    @Test
    void an_unknown_protocol_version_cannot_screen_and_nothing_is_recorded() {
        fixture.givenNoPriorActivity()
                .when(new Journey(new ProtocolRef(TestProtocol.ID, 9)).screen())
                .expectException(UnknownProtocolException.class)
                .expectNoEvents();
    }

    // ---- consent ------------------------------------------------------------------------------------

    @Test
    void an_eligible_client_consents_and_the_course_becomes_active() {
        fixture.givenCommands(journey.screen())
                .when(journey.consent())
                .expectResultMessagePayloadMatching(allowed())
                .expectEventsMatching(recorded(ConsentRecorded.class))
                .expectState(course -> {
                    assertThat(course.state().consented()).isTrue();
                    assertThat(course.state().status()).isEqualTo(CourseStatus.ACTIVE);
                });
    }

    @Test
    void consent_recorded_twice_is_a_state_conflict_and_records_nothing() {
        fixture.givenCommands(journey.screen(), journey.consent())
                .when(journey.consent())
                .expectException(CourseStateConflict.class)
                .expectNoEvents();
    }
}
