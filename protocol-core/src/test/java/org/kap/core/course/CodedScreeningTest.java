package org.kap.core.course;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;
import org.kap.core.course.CourseEvent.ClientScreened;
import org.kap.core.facts.MedicationChange;
import org.kap.core.protocol.Protocol;
import org.kap.core.rule.Finding;
import org.kap.core.screening.ClientCondition;
import org.kap.core.screening.ClientProfile;
import org.kap.core.screening.CodeCategory;
import org.kap.core.terminology.CodeSystem;
import org.kap.core.terminology.Coding;
import org.kap.core.terminology.Terms;
import org.kap.core.terminology.ValueSet;
import org.kap.core.testing.CourseFixture;
import org.kap.core.testing.Journey;
import org.kap.core.testing.TestProtocol;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kap.core.protocol.ProtocolBuilder.rule;
import static org.kap.core.protocol.ProtocolBuilder.warning;
import static org.kap.core.testing.CourseMatchers.onlyEvent;
import static org.kap.core.units.Units.kg;

/**
 * Screening on coded data: a code in a rule's value set fires the rule and the finding names the code and the set;
 * a code in no value set is a warning, never silence; a word the protocol does not know is refused.
 */
class CodedScreeningTest {

    private static final ValueSet PSYCHOTIC = new ValueSet("psychotic_disorders", 1, Set.of("schizophrenia", "psychotic_disorder"),
            List.of(new ValueSet.Member.Range(CodeSystem.ICD_10_CM, "F20", "F29")), "ICD-10-CM FY2025, block F20-F29");
    private static final ValueSet BENZODIAZEPINES = new ValueSet("benzodiazepines", 1, Set.of("benzodiazepine"),
            List.of(new ValueSet.Member.Code(new Coding(CodeSystem.ATC, "N05BA"))), "WHO ATC index: N05BA");
    private static final ValueSet TREATED = new ValueSet("treated_conditions", 1, Set.of("major_depressive_disorder"),
            List.of(new ValueSet.Member.Code(new Coding(CodeSystem.ICD_10_CM, "F33"))), "ICD-10-CM FY2025");

    /** The test protocol, its words bound to codes. */
    private static Protocol coded() {
        return TestProtocol.builder(7)
                .valueSet(PSYCHOTIC).valueSet(BENZODIAZEPINES).valueSet(TREATED)
                .exclude(rule("CI-PSYCHOSIS-CODED", "Psychotic disorder", "test"),
                        new ClientCondition.CodeIn(CodeCategory.DIAGNOSIS, new Terms(Set.of(), List.of(PSYCHOTIC))))
                .warn(warning("WARN-BENZO", "Benzodiazepines blunt the response", "test"),
                        new ClientCondition.CodeIn(CodeCategory.MEDICATION, new Terms(Set.of(), List.of(BENZODIAZEPINES))))
                .build();
    }

    private static String icd(String code) {
        return new Coding(CodeSystem.ICD_10_CM, code).token();
    }

    private static ClientProfile with(Set<String> diagnoses, Set<String> medications) {
        return Journey.profile(35, kg(70), diagnoses, Set.of(), medications, List.of(), false, Map.of());
    }

    private static List<Finding> screen(ClientProfile profile) {
        return ScreeningDecision.findings(coded(), org.kap.core.protocol.Indication.DEPRESSION, profile, Journey.START);
    }

    @Test
    void a_psychosis_code_is_refused_naming_the_code_and_the_value_set_it_matched() {
        List<Finding> findings = screen(with(Set.of(icd("F20.9")), Set.of()));
        Finding psychosis = findings.stream().filter(f -> f.ruleId().value().equals("CI-PSYCHOSIS-CODED")).findFirst().orElseThrow();
        assertThat(psychosis.refuses()).isTrue();
        assertThat(psychosis.toString()).isEqualTo("CI-PSYCHOSIS-CODED: diagnosis F20.9 (ICD-10-CM) in psychotic_disorders v1");
        assertThat(findings).as("the code is in a value set: no warning about it").extracting(f -> f.ruleId().value())
                .doesNotContain("ENGINE-UNKNOWN-CODE");
    }

    @Test
    void the_protocols_own_word_still_matches_through_the_value_set() {
        assertThat(screen(with(Set.of("schizophrenia"), Set.of()))).extracting(Finding::observed)
                .contains("diagnosis schizophrenia");
    }

    @Test
    void in_a_list_of_words_and_sets_the_finding_says_which_set_a_code_matched_through() {
        ClientCondition mania = new ClientCondition.CodeIn(CodeCategory.DIAGNOSIS, new Terms(Set.of("bipolar_mania"), List.of(PSYCHOTIC)));
        var match = mania.evaluate(with(Set.of(icd("F25.0"), "bipolar_mania"), Set.of()), Journey.START);
        assertThat(((org.kap.core.screening.Match.Holds) match).evidence()).hasToString(
                "diagnosis F25.0 (ICD-10-CM) in psychotic_disorders v1, bipolar_mania in [bipolar_mania, psychotic_disorders v1]");
    }

    @Test
    void an_atc_code_under_a_listed_class_fires_the_warning() {
        List<Finding> findings = screen(with(Set.of("major_depressive_disorder"), Set.of(new Coding(CodeSystem.ATC, "N05BA12").token())));
        assertThat(findings).extracting(f -> f.ruleId().value()).containsExactly("WARN-BENZO");
        assertThat(findings.get(0).toString()).isEqualTo("WARN-BENZO: medication N05BA12 (ATC) in benzodiazepines v1");
    }

    @Test
    void a_code_in_no_value_set_is_a_warning_naming_it_never_silence() {
        List<Finding> findings = screen(with(Set.of(icd("F99"), icd("F33.1")), Set.of()));
        assertThat(findings).hasSize(1);
        Finding unknown = findings.get(0);
        assertThat(unknown.ruleId().value()).isEqualTo("ENGINE-UNKNOWN-CODE");
        assertThat(unknown.severity()).isEqualTo(Finding.Severity.WARNING);
        assertThat(unknown.toString()).isEqualTo("ENGINE-UNKNOWN-CODE: diagnosis F99 (ICD-10-CM) is in no value set of kap-test v7");
        assertThat(unknown.message()).startsWith("Not checked against any rule");
    }

    @Test
    void under_a_protocol_without_value_sets_every_code_is_unchecked_and_says_so() {
        List<Finding> findings = ScreeningDecision.findings(TestProtocol.v1(), org.kap.core.protocol.Indication.DEPRESSION,
                with(Set.of(icd("F20.9"), "major_depressive_disorder"), Set.of()), Journey.START);
        assertThat(findings).extracting(Finding::toString)
                .containsExactly("ENGINE-UNKNOWN-CODE: diagnosis F20.9 (ICD-10-CM) is in no value set of kap-test v1");
    }

    @Test
    void a_word_the_protocol_does_not_know_is_refused_and_nothing_is_recorded() {
        AggregateTestFixture<TreatmentCourse> fixture = CourseFixture.with(coded());
        Journey journey = new Journey(coded().ref());
        fixture.givenNoPriorActivity()
                .when(journey.screen(with(Set.of("schizofrenia"), Set.of())))
                .expectNoEvents()
                .expectExceptionMessage("profile.diagnoses: 'schizofrenia' is not a word of kap-test v7 (did you mean "
                        + "'schizophrenia'?): send a code with its system, or one of the protocol's words");
    }

    @Test
    void a_known_word_and_a_code_screen_the_client_and_the_event_keeps_the_code() {
        AggregateTestFixture<TreatmentCourse> fixture = CourseFixture.with(coded());
        Journey journey = new Journey(coded().ref());
        fixture.givenNoPriorActivity()
                .when(journey.screen(with(Set.of("major_depressive_disorder", icd("F33.1")), Set.of())))
                .expectEventsMatching(onlyEvent(ClientScreened.class, "eligible, the code kept as its token",
                        e -> e.findings().isEmpty() && e.profile().diagnoses().contains(icd("F33.1"))));
    }

    @Test
    void a_medication_recorded_later_keeps_its_codes_spelling() {
        MedicationChange started = new MedicationChange(new Coding(CodeSystem.ATC, "N05BA12").token(),
                MedicationChange.Change.STARTED, null, null);
        assertThat(started.drug()).isEqualTo("http://www.whocc.no/atc|N05BA12");
        assertThat(VocabularyCheck.findings(coded(), started)).isEmpty();
        assertThat(VocabularyCheck.findings(coded(), new MedicationChange(new Coding(CodeSystem.ATC, "N06AX12").token(),
                MedicationChange.Change.STARTED, null, null))).extracting(Finding::observed)
                .containsExactly("medication N06AX12 (ATC)");
    }

    @Test
    void a_code_known_to_the_protocol_but_read_by_no_rule_for_its_field_is_reported_unchecked() {
        ClientProfile psychosisAsHistory = Journey.profile(35, kg(70), Set.of("major_depressive_disorder"), Set.of(icd("F20.9")),
                Set.of(), List.of(), false, Map.of());
        List<Finding> findings = screen(psychosisAsHistory);
        assertThat(findings).extracting(Finding::toString).containsExactly(
                "ENGINE-UNCHECKED: history F20.9 (ICD-10-CM) is read by no rule of kap-test v7 for history");
    }

    @Test
    void a_set_no_rule_names_makes_its_codes_known_in_every_field() {
        ClientProfile treatedAsHistory = Journey.profile(35, kg(70), Set.of("major_depressive_disorder"), Set.of(icd("F33.1")),
                Set.of(), List.of(), false, Map.of());
        assertThat(screen(treatedAsHistory)).isEmpty();
    }

    @Test
    void substance_use_in_a_code_is_malformed_input() {
        ClientProfile coded = Journey.profile(35, kg(70), Set.of("major_depressive_disorder"), Set.of(), Set.of(),
                List.of(new ClientProfile.SubstanceUse(icd("F10.20"), Journey.START.minusSeconds(86_400))), false, Map.of());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> screen(coded))
                .isInstanceOf(InvalidCommandException.class)
                .hasMessageContaining("profile.substanceUse: substance use is recorded in the protocol's words");
    }

    @Test
    void a_re_derivation_reports_what_a_command_would_refuse() {
        List<Finding> findings = ScreeningDecision.rederive(coded(), org.kap.core.protocol.Indication.DEPRESSION,
                with(Set.of("schizofrenia"), Set.of()), Journey.START);
        assertThat(findings).extracting(Finding::toString)
                .containsExactly("ENGINE-UNCHECKED: diagnosis schizofrenia is read by no rule of kap-test v7 for diagnosis");
    }

    @Test
    void a_correction_to_a_finding_is_read_like_a_finding_recorded_anew() {
        AggregateTestFixture<TreatmentCourse> fixture = CourseFixture.with(coded());
        Journey journey = new Journey(coded().ref());
        var ruledOut = org.kap.core.facts.ClinicalFinding.coded(org.kap.core.facts.ClinicalFinding.Type.DIAGNOSIS, "schizophrenia", false);
        var misspelt = org.kap.core.facts.ClinicalFinding.coded(org.kap.core.facts.ClinicalFinding.Type.DIAGNOSIS, "schizofrenia", false);
        fixture.givenCommands(journey.screen(with(Set.of("major_depressive_disorder"), Set.of())), journey.consent(),
                        new CourseCommand.RecordClientFact(Journey.COURSE, ruledOut, Journey.CLINICIAN, journey.now()))
                .when(new CourseCommand.CorrectEntry(Journey.COURSE, 3, "the diagnosis ruled out", "typed from the referral",
                        new CorrectedValues(null, null, null, misspelt, null), Journey.CLINICIAN, journey.now()))
                .expectNoEvents()
                .expectException(InvalidCommandException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("code: 'schizofrenia' is not a word of kap-test v7"));
    }
}
