package org.kap.dsl;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kap.dsl.Diagnostic.Severity;
import org.kap.dsl.cli.KapCommand;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every error and warning the checker gives: on a small protocol with one problem, the diagnostic's
 * line, column, severity and words. Each assertion also checks that the column points at the word
 * the message is about (the {@code at} argument), so a number here can be read against the text.
 * Unless a case says otherwise, the problem is the only error: a mistake gives one message, not a
 * cascade of follow-on errors.
 */
class CheckerErrorsTest {

    /** A clean draft protocol of six lines (no error, no warning); cases add their lines from line 7. */
    private static final String BASE = """
            protocol "t" version 1
            status draft
            dosing route IM:
              rule DOSE-IM-MAX: max 1 mg/kg per session message "m" cite "c"
            observation:
              rule OBS-MIN: at least 120 min after dose_start message "m" cite "c"
            """;

    // ---- helpers -------------------------------------------------------------------------------

    private static CompileResult compile(String text) {
        return ProtocolCompiler.compile("t.kap", text);
    }

    /** The only error of the text: at line:column, where the text shows {@code at}, with {@code words} in its message. */
    private static Diagnostic onlyError(String text, int line, int column, String at, String words) {
        CompileResult result = compile(text);
        assertThat(result.protocol()).as("a protocol with an error is not compiled").isNull();
        assertThat(result.errors()).as(result.diagnostics().toString()).hasSize(1);
        Diagnostic d = result.errors().get(0);
        assertAt(text, d, Severity.ERROR, line, column, at, words);
        return d;
    }

    /** One of several errors of the text; the others are asserted by the caller or are beside the point. */
    private static Diagnostic someError(String text, int line, int column, String at, String words) {
        CompileResult result = compile(text);
        assertThat(result.protocol()).isNull();
        Diagnostic d = result.errors().stream().filter(e -> e.message().contains(words)).findFirst()
                .orElseThrow(() -> new AssertionError("no error containing <" + words + "> in " + result.diagnostics()));
        assertAt(text, d, Severity.ERROR, line, column, at, words);
        return d;
    }

    /** A warning of the text; a warning never stops compilation. */
    private static Diagnostic warning(CompileResult result, String text, int line, int column, String at, String words) {
        Diagnostic d = result.warnings().stream().filter(w -> w.message().contains(words)).findFirst()
                .orElseThrow(() -> new AssertionError("no warning containing <" + words + "> in " + result.diagnostics()));
        assertAt(text, d, Severity.WARNING, line, column, at, words);
        return d;
    }

    private static void assertAt(String text, Diagnostic d, Severity severity, int line, int column, String at, String words) {
        assertThat(d.file()).isEqualTo("t.kap");
        assertThat(d.severity()).as(d.toString()).isEqualTo(severity);
        assertThat(d.message()).contains(words);
        assertThat(List.of(d.line(), d.column())).as(d.toString()).containsExactly(line, column);
        String source = text.split("\n", -1)[line - 1];
        assertThat(source.substring(column - 1)).as("the text at " + line + ":" + column).startsWith(at);
    }

    // ---- syntax --------------------------------------------------------------------------------

    @Nested
    class Syntax {

        @Test
        void a_misspelt_word_is_a_plain_unexpected_expected_message() {
            Diagnostic d = onlyError(BASE + """
                    spacing:
                      rule S-1: interval at leest 7 days message "m"
                    """, 8, 25, "leest", "unexpected 'leest'; expected 'least'");
            assertThat(d.message()).doesNotContain("mismatched").doesNotContain("expecting").doesNotContain("{");
        }

        @Test
        void adverse_event_types_are_not_joined_by_and_nor_a_grade_parenthesised_alone() {
            // one event has one type: 'and' joins a type list to seriousness only
            someError(BASE + """
                    adverse events:
                      rule A-1: on hypertension and tachycardia: halt course message "m"
                    """, 8, 33, "tachycardia", "unexpected 'tachycardia'; expected 'serious'");
            // parentheses group a grade with seriousness; around a grade alone they say nothing
            someError(BASE + """
                    adverse events:
                      rule A-1: on any (grade >= 3): halt course message "m"
                    """, 8, 31, ")", "unexpected ')'; expected one of: 'and', 'or'");
        }

        @Test
        void an_unknown_keyword_lists_what_may_be_written_there() {
            onlyError(BASE + """
                    spacing:
                      rule S-1: maximum 4 sessions per 28 days message "m"
                    """, 8, 13, "maximum", "unexpected 'maximum'; expected one of: 'at', 'interval', 'weeks'");
        }

        @Test
        void an_unknown_section_keyword_lists_the_sections() {
            onlyError(BASE + """
                    screenings:
                      rule CI-1: exclude when pregnant message "m"
                    """, 7, 1, "screenings", "unexpected 'screenings'; a section starts with one of: screening, dosing route ..., spacing");
        }

        @Test
        void a_missing_number_names_what_was_expected() {
            onlyError(BASE + """
                    session:
                      rule S-1: approval valid for for 24 h message "m"
                    """, 8, 32, "for", "unexpected 'for'; expected a number");
        }

        @Test
        void a_stray_character_is_named() {
            onlyError(BASE + """
                    session:
                      rule S-1: approval valid for 24 h ; message "m"
                    """, 8, 37, ";", "unexpected character ';'");
        }

        @Test
        void an_unclosed_quote_says_so() {
            onlyError(BASE + """
                    session:
                      rule S-1: approval valid for 24 h message "the approval
                    """, 8, 45, "\"", "unexpected '\"' with no closing '\"' on its line");
        }

        @Test
        void a_file_that_stops_early_says_end_of_file() {
            onlyError(BASE + "session:\n  rule S-1: approval valid for", 8, 31, "", "unexpected end of file; expected a number");
        }

        @Test
        void a_missing_comparator_is_one_error_not_two() {
            // recovery makes the comparator up; the rule is left out instead of being checked with an empty comparator
            onlyError(BASE + """
                    session:
                      rule S-1: pre-dose systolic 140 mmHg message "m"
                    """, 8, 31, "140", "unexpected number 140; expected one of: '!=', '<', '<=', '=', '>', '>='");
        }

        @Test
        void a_broken_list_is_one_error_not_two() {
            onlyError(BASE + """
                    screening:
                      rule CI-1: exclude when diagnosis in [schizophrenia mania] message "m"
                    """, 8, 55, "mania", "unexpected 'mania'; expected one of: ',', ']'");
        }

        @Test
        void the_expected_word_is_the_one_that_belongs_at_the_offending_token() {
            // ANTLR's own expected set here is {'/', 'per'}: where "mg/kg" could still have continued
            onlyError(BASE.replace("max 1 mg/kg per session", "max 1 mg/kg per sessoin"), 4, 37, "sessoin",
                    "unexpected 'sessoin'; expected 'session'");
        }

        @Test
        void a_rule_with_a_syntax_error_still_has_its_id_checked() {
            String text = BASE + """
                    dosing route IV:
                      rule DOSE-IV-MAX: max 1 mg/kg per session message "m"
                      rule DOSE-IV-MAX: max 2 mg/kg per sessoin message "m"
                      rule dose_iv_step: step at mostt 0.25 mg/kg message "m"
                    """;
            CompileResult result = compile(text);
            assertThat(result.errors()).hasSize(4);
            someError(text, 9, 8, "DOSE-IV-MAX", "duplicate rule id DOSE-IV-MAX (first used at line 8)");
            someError(text, 9, 37, "sessoin", "unexpected 'sessoin'; expected 'session'");
            someError(text, 10, 8, "dose_iv_step", "rule id 'dose_iv_step' must be upper-case words joined by '-'");
            someError(text, 10, 30, "mostt", "unexpected 'mostt'; expected 'most'");
        }

        @Test
        void a_maximum_with_a_syntax_error_is_not_reported_missing_too() {
            String text = BASE.replace("max 1 mg/kg per session", "max 1 mg/kg per sessoin");
            assertThat(compile(text).warnings()).as("no 'route IM has no maximum' warning").isEmpty();
            String minimum = BASE.replace("at least 120 min after", "at least 120 min afterr");
            // ANTLR takes 'afterr' for the anchor after a made-up 'after', so 'dose_start' is a follow-on error
            someError(minimum, 6, 34, "afterr", "unexpected 'afterr'; expected 'after'");
            assertThat(compile(minimum).warnings()).as("no 'no minimum observation' warning").isEmpty();
        }

        @Test
        void after_a_misspelt_message_keyword_the_following_rules_are_still_checked() {
            String text = BASE.replace("dosing route IM:\n", """
                    dosing route IM:
                      rule DOSE-IM-START: start at most 0.5 mg/kg mesage "m"
                      rule DOSE-IM-MG: max 100 mmHg per session message "m"
                    """);
            CompileResult result = compile(text);
            assertThat(result.errors()).as(result.errors().toString()).hasSize(2);
            someError(text, 4, 47, "mesage", "unexpected 'mesage'; expected one of: message \"...\", cite \"...\", 'rule', a section");
            // "per session" holds a section keyword: recovery used to resume there and skip the rule
            someError(text, 5, 28, "mmHg", "the per-session maximum is in mg or mg/kg, not mmHg");
        }

        @Test
        void a_rule_without_the_word_rule_is_one_error_and_the_next_rules_are_checked() {
            String text = BASE + """
                    session:
                      PREDOSE-RECENT: pre-dose vitals within 30 min message "m"
                      rule APPROVAL-VALID: approval valid for 24 mg message "m"
                    vitals:
                      rule V-1: when spo2 < 90 %: stop session message "m"
                    """;
            CompileResult result = compile(text);
            assertThat(result.errors()).as("no 'vitals section appears twice': 'vitals' in the rule is not a section")
                    .hasSize(2);
            someError(text, 8, 3, "PREDOSE-RECENT", "unexpected 'PREDOSE-RECENT'; expected one of: 'rule', a section");
            someError(text, 9, 46, "mg", "the approval's validity is in min, h, days or weeks, not mg");
        }

        @Test
        void a_misspelt_section_head_is_one_error_and_its_rules_are_skipped() {
            String text = BASE + """
                    discharg:
                      rule D-1: when moaas >= 5 message "m"
                      rule D-2: escort required message "m"
                    outcomes:
                      rule M-1: measure phq8 message "m"
                    """;
            CompileResult result = compile(text);
            assertThat(result.errors()).as(result.errors().toString()).hasSize(2);
            someError(text, 7, 1, "discharg", "unexpected 'discharg'; a section starts with one of: screening, dosing route ...");
            someError(text, 11, 21, "phq8", "unknown instrument 'phq8'");
        }

        @Test
        void a_misspelt_word_in_a_section_head_is_named() {
            onlyError(BASE + """
                    adverse evnts:
                      rule A-1: on any grade >= 3: stop session, halt course message "m"
                    """, 7, 9, "evnts", "unexpected 'evnts'; expected 'events'");
        }

        @Test
        void an_unclosed_quote_in_a_message_does_not_also_claim_the_message_is_missing() {
            onlyError(BASE + """
                    screening:
                      rule CI-1: exclude when pregnant message "Pregnancy
                      rule CI-2: exclude when breastfeeding message "m"
                    """, 8, 44, "\"", "unexpected '\"' with no closing '\"' on its line");
        }
    }

    // ---- words: routes, vitals, instruments, units, roles ... ---------------------------------------

    @Nested
    class Vocabulary {

        @Test
        void unknown_route() {
            onlyError(BASE + """
                    dosing route nasal:
                      rule DOSE-N-MAX: max 1 mg per session message "m"
                    """, 7, 14, "nasal", "unknown route 'nasal'; write one of: iv, im, sublingual, intranasal, oral");
        }

        @Test
        void unknown_vital_sign_before_the_dose() {
            onlyError(BASE + """
                    session:
                      rule S-1: pre-dose systolc < 140 mmHg message "m"
                    """, 8, 22, "systolc", "unknown vital sign 'systolc' (did you mean 'systolic'?)");
        }

        @Test
        void unknown_vital_sign_in_a_trigger() {
            onlyError(BASE + """
                    vitals:
                      rule V-1: when heartrate > 120 bpm: stop session message "m"
                    """, 8, 18, "heartrate", "unknown vital sign 'heartrate' (did you mean 'heart_rate'?)");
        }

        @Test
        void unknown_measure_in_screening() {
            onlyError(BASE + """
                    screening:
                      rule CI-1: exclude when diastolc >= 100 mmHg message "m"
                    """, 8, 27, "diastolc", "unknown measure 'diastolc' (did you mean 'diastolic'?)");
        }

        @Test
        void unknown_vital_sign_or_score_at_discharge() {
            onlyError(BASE + """
                    discharge:
                      rule D-1: when padds >= 9 message "m"
                    """, 8, 18, "padds", "unknown vital sign or score 'padds' (did you mean 'padss'?)");
        }

        @Test
        void unknown_instrument() {
            onlyError(BASE + """
                    outcomes:
                      rule M-1: measure phq8 message "m"
                    """, 8, 21, "phq8", "unknown instrument 'phq8' (did you mean 'phq9'?)");
        }

        @Test
        void unknown_unit_suggests_the_nearest() {
            onlyError(BASE + """
                    spacing:
                      rule S-1: interval at least 7 dais message "m"
                    """, 8, 33, "dais", "unknown unit 'dais' (did you mean 'days'?); write one of: mg, mg/kg");
        }

        @Test
        void unknown_dose_unit_suggests_mg() {
            onlyError(BASE + """
                    dosing route IV:
                      rule DOSE-IV-MAX: max 50 mgs per session message "m"
                    """, 8, 28, "mgs", "unknown unit 'mgs' (did you mean 'mg'?)");
        }

        @Test
        void unknown_role() {
            onlyError(BASE + """
                    screening:
                      rule CI-1 relative override by doctor: exclude when pregnant message "m"
                    """, 8, 34, "doctor", "unknown role 'doctor'; write one of: clinician, prescriber");
        }

        @Test
        void unknown_anchor() {
            onlyError(BASE.replace("after dose_start", "after dose_begin"), 6, 40, "dose_begin",
                    "unknown anchor 'dose_begin'; write one of: dose_start, last_device, infusion_end");
        }

        @Test
        void unknown_setting_requirement() {
            onlyError(BASE + """
                    session:
                      rule S-1: require oxymeter message "m"
                    """, 8, 21, "oxymeter", "unknown setting requirement 'oxymeter'");
        }

        @Test
        void unknown_obligation_and_adverse_event_type() {
            onlyError(BASE + """
                    obligations:
                      rule OBL-1: after each session: monitoring_report due within 1 day message "m"
                    """, 8, 35, "monitoring_report", "unknown obligation 'monitoring_report'");
            onlyError(BASE + """
                    adverse events:
                      rule A-1: on sedaton grade >= 3: stop session message "m"
                    """, 8, 16, "sedaton", "unknown adverse event type 'sedaton' (did you mean 'sedation'?)");
        }

        @Test
        void unknown_list_field_and_condition() {
            onlyError(BASE + """
                    screening:
                      rule CI-1: exclude when diagnoses in [a] message "m"
                    """, 8, 27, "diagnoses", "unknown list field 'diagnoses' (did you mean 'diagnosis'?)");
            onlyError(BASE + """
                    screening:
                      rule CI-1: exclude when pregnnt message "m"
                    """, 8, 27, "pregnnt", "unknown condition 'pregnnt' (did you mean 'pregnant'?)");
        }

        @Test
        void unknown_indication_and_status() {
            onlyError(BASE.replace("status draft", "status published"), 2, 8, "published",
                    "unknown status 'published'; write one of: draft, active, retired");
            onlyError(BASE.replace("status draft", "status draft\nindications: depresion"), 3, 14, "depresion",
                    "unknown indication 'depresion' (did you mean 'depression'?)");
        }
    }

    // ---- units ---------------------------------------------------------------------------------

    /** The constructs for facts over time: required facts, doses taken before the dose, what a later exclusion does. */
    @Nested
    class FactsOverTime {

        @Test
        void a_fact_that_cannot_be_missing_is_not_required() {
            onlyError(BASE + """
                    screening:
                      rule FACTS: require age, diagnoses message "m" cite "c"
                    """, 8, 28, "diagnoses", "unknown fact 'diagnoses'");
        }

        @Test
        void a_fact_required_twice_is_an_error_at_the_second() {
            onlyError(BASE + """
                    screening:
                      rule FACTS: require age, pregnancy, age message "m" cite "c"
                    """, 8, 39, "age message", "'age' is required twice");
        }

        @Test
        void taken_before_dose_belongs_to_medication_only() {
            onlyError(BASE + """
                    screening:
                      rule CI-1: exclude when diagnosis in [x] taken within 24 h before dose message "m" cite "c"
                    """, 8, 27, "diagnosis", "belongs to medication");
        }

        @Test
        void the_window_before_the_dose_is_a_duration() {
            onlyError(BASE + """
                    screening:
                      rule CI-1: exclude when medication in [x] taken within 24 mmHg before dose message "m" cite "c"
                    """, 8, 61, "mmHg", "not mmHg");
        }

        @Test
        void a_later_exclusion_may_halt_the_course_or_create_an_obligation_nothing_else() {
            onlyError(BASE + """
                    screening:
                      rule CI-1: exclude when pregnant, if found later: stop session message "m" cite "c"
                    """, 8, 3, "rule CI-1", "if found later, a course can be halted");
        }

        @Test
        void a_warning_has_nothing_to_do_if_found_later() {
            onlyError(BASE + """
                    screening:
                      rule W-1: warn when pregnant, if found later: halt course message "m" cite "c"
                    """, 8, 3, "rule W-1", "a warning excludes nothing");
        }

        @Test
        void the_weight_recency_is_a_duration() {
            onlyError(BASE.replace("cite \"c\"\nobservation", "cite \"c\"\n  rule W: weight measured within 30 kg message \"m\" cite \"c\"\nobservation"),
                    5, 37, "kg", "not kg");
        }
    }

    @Nested
    class Units {

        @Test
        void mg_per_kg_where_mmHg_belongs() {
            onlyError(BASE + """
                    session:
                      rule S-1: pre-dose systolic < 1.5 mg/kg message "m"
                    """, 8, 37, "mg/kg", "systolic is in mmHg, not mg/kg");
        }

        @Test
        void mmHg_where_a_dose_belongs() {
            onlyError(BASE.replace("max 1 mg/kg per session", "max 1 mmHg per session"), 4, 27, "mmHg",
                    "the per-session maximum is in mg or mg/kg, not mmHg");
        }

        @Test
        void a_dose_unit_where_a_time_belongs() {
            onlyError(BASE + """
                    spacing:
                      rule S-1: interval at least 7 mg message "m"
                    """, 8, 33, "mg", "the minimum interval is in min, h, days or weeks, not mg");
        }

        @Test
        void a_missing_unit() {
            onlyError(BASE.replace("max 1 mg/kg per session", "max 1 per session"), 4, 25, "1",
                    "the per-session maximum needs a unit after 1: mg or mg/kg");
            onlyError(BASE.replace("at least 120 min", "at least 120"), 6, 26, "120",
                    "the minimum observation needs a unit after 120: min, h, days or weeks");
        }

        @Test
        void age_is_in_years() {
            onlyError(BASE + """
                    screening:
                      rule CI-1: exclude when age < 18 message "m"
                    """, 8, 33, "18", "age is in years: write 18 years");
            onlyError(BASE + """
                    screening:
                      rule CI-1: exclude when age < 18 yearz message "m"
                    """, 8, 33, "18", "age is in years: write 18 years");
        }

        @Test
        void a_score_takes_no_unit() {
            onlyError(BASE + """
                    discharge:
                      rule D-1: when moaas >= 5 points message "m"
                    """, 8, 29, "points", "MOAA/S is a score and takes no unit; write 5");
        }
    }

    // ---- impossible values and ranges ----------------------------------------------------------------

    @Nested
    class Ranges {

        @Test
        void start_dose_above_the_session_maximum() {
            onlyError(BASE.replace("dosing route IM:\n", """
                    dosing route IM:
                      rule DOSE-IM-START: start at most 2 mg/kg message "m"
                    """), 4, 3, "rule DOSE-IM-START",
                    "DOSE-IM-START: 2 mg/kg is above the per-session maximum 1 mg/kg (DOSE-IM-MAX)");
        }

        @Test
        void first_dose_not_among_the_allowed_doses() {
            onlyError(BASE + """
                    dosing route intranasal:
                      rule DOSE-IN-SET: doses 56 mg or 84 mg message "m"
                      rule DOSE-IN-FIRST: first dose 28 mg message "m"
                      rule DOSE-IN-MAX: max 84 mg per session message "m"
                    """, 9, 3, "rule DOSE-IN-FIRST", "DOSE-IN-FIRST: the first dose 28 mg is not among the allowed doses of DOSE-IN-SET");
        }

        @Test
        void first_dose_above_the_session_maximum() {
            onlyError(BASE + """
                    dosing route intranasal:
                      rule DOSE-IN-FIRST: first dose 112 mg message "m"
                      rule DOSE-IN-MAX: max 84 mg per session message "m"
                    """, 8, 3, "rule DOSE-IN-FIRST", "DOSE-IN-FIRST: 112 mg is above the per-session maximum 84 mg (DOSE-IN-MAX)");
        }

        @Test
        void integration_window_ending_before_it_starts() {
            onlyError(BASE + """
                    sequencing:
                      rule I-1: integration within 3 days to 1 day after discharge message "m"
                    """, 8, 42, "1 day", "the integration window ends (1 day) before it starts (3 days)");
        }

        @Test
        void phase_ending_before_it_starts() {
            onlyError(BASE + """
                    spacing:
                      rule P-1: weeks 5-2: at most 1 sessions per calendar week message "m"
                    """, 8, 21, "2", "the phase ends in week 2, before it starts in week 5");
        }

        @Test
        void percentage_over_100() {
            onlyError(BASE + """
                    vitals:
                      rule V-1: when spo2 < 120 %: stop session message "m"
                    """, 8, 25, "120", "spo2 is 120 %, but a percentage cannot exceed 100 %");
            onlyError(BASE + """
                    outcomes:
                      rule R-1: review after 6 sessions unless phq9 improved by 150 % message "m"
                    """, 8, 61, "150", "the required improvement is 150 %, but a percentage cannot exceed 100 %");
        }

        @Test
        void score_outside_the_instrument_range() {
            onlyError(BASE + """
                    discharge:
                      rule D-1: when moaas >= 6 message "m"
                    """, 8, 27, "6", "MOAA/S scores range 0-5; 6 is outside it");
            onlyError(BASE + """
                    screening:
                      rule CI-1: exclude when phq9 >= 30 message "m"
                    """, 8, 35, "30", "PHQ-9 scores range 0-27; 30 is outside it");
        }

        @Test
        void ctcae_grade_6() {
            onlyError(BASE + """
                    adverse events:
                      rule A-1: on any grade >= 6: halt course message "m"
                    """, 8, 29, "6", "a CTCAE grade is 1 to 5; got 6");
            onlyError(BASE + """
                    vitals:
                      rule V-1: when spo2 < 90 %: record adverse event respiratory_depression grade 6 message "m"
                    """, 8, 81, "6", "a CTCAE grade is 1 to 5; got 6");
        }

        @Test
        void zero_and_fractions_where_they_cannot_be() {
            onlyError(BASE.replace("max 1 mg/kg", "max 0 mg/kg"), 4, 25, "0", "the per-session maximum must be above zero");
            onlyError(BASE.replace("at least 120 min", "at least 0 min"), 6, 26, "0", "the minimum observation must be longer than zero");
            onlyError(BASE + """
                    spacing:
                      rule S-1: at most 2.5 sessions per 7 days message "m"
                    """, 8, 21, "2.5", "the number of sessions must be a whole number of at least 1; got 2.5");
        }

        @Test
        void a_check_whose_tolerance_is_longer_than_its_time() {
            String text = BASE.replace("  rule OBS-MIN", "  rule O-2: check systolic at 10 min +/- 20 min after dose_start message \"m\"\n  rule OBS-MIN");
            onlyError(text, 6, 42, "20 min", "the tolerance 20 min is longer than the time of the check 10 min");
        }

        @Test
        void a_time_longer_than_a_hundred_years() {
            onlyError(BASE + """
                    spacing:
                      rule S-1: interval at least 99999999999999999999 days message "m"
                    """, 8, 31, "99999999999999999999", "the minimum interval 99999999999999999999 days is longer than 100 years");
        }

        @Test
        void a_number_of_thousands_of_digits_is_refused_at_once() {
            onlyError(BASE + "spacing:\n  rule S-1: interval at least " + "9".repeat(5_000) + " days message \"m\"\n",
                    8, 31, "999", "a number of 5000 characters; a number in a protocol has at most 20");
        }

        @Test
        void within_belongs_to_substance_use_and_substance_use_needs_it() {
            onlyError(BASE + """
                    screening:
                      rule CI-1: exclude when substance in [alcohol] message "m"
                    """, 8, 27, "substance", "say the abstinence window: substance in [...] within 7 days");
            onlyError(BASE + """
                    screening:
                      rule CI-1: exclude when diagnosis in [mania] within 7 days message "m"
                    """, 8, 55, "7 days", "'within' belongs to substance use only; remove it from diagnosis");
        }
    }

    // ---- rule identity and enforcement -----------------------------------------------------------

    @Nested
    class Rules {

        @Test
        void duplicate_rule_ids() {
            onlyError(BASE + """
                    screening:
                      rule CI-1: exclude when pregnant message "m"
                      rule CI-1: exclude when breastfeeding message "m"
                    """, 9, 8, "CI-1", "duplicate rule id CI-1 (first used at line 8); rule ids must be unique");
        }

        @Test
        void duplicate_rule_ids_across_sections() {
            onlyError(BASE + """
                    screening:
                      rule OBS-MIN: exclude when pregnant message "m"
                    """, 8, 8, "OBS-MIN", "duplicate rule id OBS-MIN (first used at line 6)");
        }

        @Test
        void relative_without_override_by() {
            onlyError(BASE + """
                    screening:
                      rule CI-1 relative: exclude when pregnant message "m"
                    """, 8, 13, "relative", "a relative rule says who may override it: relative override by prescriber");
        }

        @Test
        void relative_with_a_role_that_does_not_exist() {
            onlyError(BASE + """
                    session:
                      rule S-1 relative override by nurse: pre-dose systolic < 160 mmHg message "m"
                    """, 8, 33, "nurse", "unknown role 'nurse'");
        }

        @Test
        void warn_with_absolute_or_relative_enforcement() {
            onlyError(BASE + """
                    screening:
                      rule W-1 absolute: warn when pregnant message "m"
                    """, 8, 12, "absolute", "a 'warn' rule only warns; remove 'absolute' or write 'exclude'");
            onlyError(BASE + """
                    screening:
                      rule W-1 relative override by prescriber: warn when pregnant message "m"
                    """, 8, 12, "relative", "a 'warn' rule only warns; remove 'relative' or write 'exclude'");
        }

        @Test
        void exclude_with_warning_enforcement() {
            onlyError(BASE + """
                    screening:
                      rule CI-1 warning: exclude when pregnant message "m"
                    """, 8, 13, "warning", "an exclusion is absolute or relative; to warn, write: warn when ...");
        }

        @Test
        void reserved_engine_prefix() {
            onlyError(BASE + """
                    screening:
                      rule ENGINE-PREGNANCY: exclude when pregnant message "m"
                    """, 8, 8, "ENGINE-PREGNANCY", "rule ids starting with ENGINE- are reserved for the engine's own safety rules");
        }

        @Test
        void bad_rule_id_form() {
            onlyError(BASE + """
                    screening:
                      rule ci_pregnancy: exclude when pregnant message "m"
                    """, 8, 8, "ci_pregnancy", "rule id 'ci_pregnancy' must be upper-case words joined by '-', e.g. CI-PREGNANCY");
        }

        @Test
        void missing_message() {
            onlyError(BASE + """
                    screening:
                      rule CI-1: exclude when pregnant cite "c"
                    """, 8, 3, "rule CI-1", "rule CI-1 has no message; add: message \"what the clinician reads when it fires\"");
        }

        @Test
        void an_adverse_event_rule_that_records_another_adverse_event() {
            onlyError(BASE + """
                    adverse events:
                      rule A-1: on any grade >= 3: record adverse event sedation grade 3 message "m"
                    """, 8, 53, "sedation", "an adverse-event rule cannot record another adverse event (it would cascade)");
        }
    }

    // ---- the protocol as a whole ------------------------------------------------------------------

    @Nested
    class Structure {

        @Test
        void a_title_or_id_longer_than_the_catalog_keeps_is_an_error_at_the_header() {
            String longTitle = BASE.replace("status draft", "title \"" + "x".repeat(501) + "\"\nstatus draft");
            onlyError(longTitle, 1, 1, "protocol", "a title is at most 500 characters; this one has 501");
            String longId = BASE.replace("protocol \"t\"", "protocol \"" + "t".repeat(101) + "\"");
            onlyError(longId, 1, 1, "protocol", "a protocol id is at most 100 characters; this one has 101");
        }

        @Test
        void missing_identity() {
            String noHeader = BASE.substring(BASE.indexOf("status"));
            CompileResult result = compile(noHeader);
            assertThat(result.protocol()).isNull();
            someError(noHeader, 1, 1, "status", "unexpected 'status'; expected one of: 'library', 'protocol'");
            someError(noHeader, 1, 1, "status", "a protocol starts with its identity: protocol \"kap-im\" version 1");
            assertThat(result.errors()).as("no message about a \"null\" protocol").noneMatch(d -> d.message().contains("null"));
        }

        @Test
        void missing_version() {
            String text = BASE.replace("protocol \"t\" version 1", "protocol \"t\"");
            someError(text, 2, 1, "status", "unexpected 'status'; expected 'version'");
            someError(text, 1, 1, "protocol", "a protocol has a version: protocol \"t\" version 1");
        }

        @Test
        void bad_identity() {
            someError(BASE.replace("\"t\" version 1", "\"Bad Id\" version 1"), 1, 1, "protocol",
                    "protocol id 'Bad Id' must be lower-case letters, digits and '-', e.g. \"kap-im\"");
            onlyError(BASE.replace("version 1", "version 0"), 1, 22, "0", "the version must be a whole number of at least 1; got 0");
        }

        @Test
        void missing_status() {
            onlyError(BASE.replace("status draft\n", ""), 1, 1, "protocol",
                    "say the protocol's status: status draft, status active or status retired");
        }

        @Test
        void missing_dosing_section() {
            String text = BASE.replace("dosing route IM:\n  rule DOSE-IM-MAX: max 1 mg/kg per session message \"m\" cite \"c\"\n", "");
            onlyError(text, 1, 1, "protocol", "the protocol has no dosing section; add one per route, e.g. dosing route IM:");
        }

        @Test
        void duplicate_section() {
            onlyError(BASE + """
                    screening:
                      rule CI-1: exclude when pregnant message "m"
                    screening:
                      rule CI-2: exclude when breastfeeding message "m"
                    """, 9, 1, "screening", "the screening section appears twice (first at line 7); put its rules together");
        }

        @Test
        void two_dosing_sections_for_one_route() {
            onlyError(BASE + """
                    dosing route im:
                      rule DOSE-IM-START: start at most 0.5 mg/kg message "m"
                    """, 7, 1, "dosing", "route im has two dosing sections; put its rules together");
        }

        @Test
        void an_empty_file() {
            onlyError("", 1, 1, "", "the file is empty");
            onlyError("  \n\n# only a comment\n", 1, 1, "", "the file has only comments; a protocol starts with: protocol \"kap-im\" version 1");
        }

        @Test
        void parentheses_nested_too_deep() {
            onlyError(BASE + "screening:\n  rule CI-1: exclude when " + "(".repeat(60) + "pregnant" + ")".repeat(60) + " message \"m\"\n",
                    8, 77, "(", "conditions are nested more than 50 parentheses deep; simplify them");
        }
    }

    // ---- warnings --------------------------------------------------------------------------------

    @Nested
    class Warnings {

        @Test
        void a_route_with_no_maximum() {
            String text = BASE + """
                    dosing route IV:
                      rule DOSE-IV-START: start at most 0.5 mg/kg message "m" cite "c"
                    """;
            CompileResult result = compile(text);
            assertThat(result.errors()).isEmpty();
            assertThat(result.protocol()).as("a warning does not stop compilation").isNotNull();
            assertThat(result.warnings()).hasSize(1);
            warning(result, text, 7, 1, "dosing route IV", "route IV has no maximum; add: rule DOSE-IV-MAX: max ... per session");
        }

        @Test
        void no_observation_minimum_at_the_observation_section() {
            String text = BASE.replace("at least 120 min after dose_start", "check systolic at 40 min after dose_start");
            CompileResult result = compile(text);
            assertThat(result.errors()).isEmpty();
            assertThat(result.warnings()).hasSize(1);
            warning(result, text, 5, 1, "observation", "no minimum observation: a dosed client could be discharged at once");
        }

        @Test
        void no_observation_minimum_and_no_observation_section() {
            String text = BASE.substring(0, BASE.indexOf("observation:"));
            CompileResult result = compile(text);
            assertThat(result.protocol()).isNotNull();
            warning(result, text, 1, 1, "protocol", "no minimum observation");
        }

        @Test
        void an_active_protocol_rule_without_citation() {
            String text = BASE.replace("status draft", "status active") + """
                    screening:
                      rule CI-1: exclude when pregnant message "m"
                    """;
            CompileResult result = compile(text);
            assertThat(result.errors()).isEmpty();
            assertThat(result.protocol()).isNotNull();
            assertThat(result.warnings()).hasSize(1);
            warning(result, text, 8, 3, "rule CI-1", "rule CI-1 has no citation, in an active protocol; add: cite \"source\"");
        }

        @Test
        void no_citation_warning_for_a_draft() {
            CompileResult result = compile(BASE + """
                    screening:
                      rule CI-1: exclude when pregnant message "m"
                    """);
            assertThat(result.diagnostics()).isEmpty();
            assertThat(result.protocol()).isNotNull();
        }

        @Test
        void the_base_protocol_is_clean() {
            CompileResult result = compile(BASE);
            assertThat(result.diagnostics()).isEmpty();
            assertThat(result.protocol().rules()).hasSize(2);
        }
    }

    // ---- the acceptance case -------------------------------------------------------------------

    /** The same three errors with the syntax error first: recovery from it must not skip the rules after it. */
    @Test
    void the_three_errors_are_all_reported_whatever_their_order() {
        String text = """
                protocol "three-errors" version 1
                status draft
                dosing route IM:
                  rule DOSE-IM-MAX: max 1.0 mg/kg per session message "m" cite "c";
                  rule DOSE-IM-MAX-MG: max 100 mmHg per session message "m" cite "c"
                  rule DOSE-IM-MAX: step at most 0.25 mg/kg message "m" cite "c"
                observation:
                  rule OBS-MIN: at least 120 min after dose_start message "m" cite "c"
                """;
        CompileResult result = compile(text);
        assertThat(result.diagnostics()).as("three errors and nothing else").hasSize(3);
        assertAt(text, result.diagnostics().get(0), Severity.ERROR, 4, 67, ";", "unexpected character ';'; expected one of: 'rule'");
        assertAt(text, result.diagnostics().get(1), Severity.ERROR, 5, 32, "mmHg", "the per-session maximum is in mg or mg/kg, not mmHg");
        assertAt(text, result.diagnostics().get(2), Severity.ERROR, 6, 8, "DOSE-IM-MAX",
                "duplicate rule id DOSE-IM-MAX (first used at line 4); rule ids must be unique");
    }

    /** One file with a unit mismatch, a duplicate rule id and a syntax error: all three are reported, and the exit code is 1. */
    @Test
    void a_unit_mismatch_a_duplicate_id_and_a_syntax_error_are_all_reported(@TempDir Path dir) throws IOException {
        String text = """
                protocol "three-errors" version 1
                status draft
                dosing route IM:
                  rule DOSE-IM-MAX: max 1.0 mg/kg per session message "m" cite "c"
                session:
                  rule PREDOSE-SBP: pre-dose systolic < 1.5 mg/kg message "m" cite "c"
                  rule DOSE-IM-MAX: pre-dose vitals within 30 min message "m" cite "c"
                  rule APPROVAL-VALID: approval valid for for 24 h message "m" cite "c"
                observation:
                  rule OBS-MIN: at least 120 min after dose_start message "m" cite "c"
                """;
        CompileResult result = compile(text);
        assertThat(result.protocol()).isNull();
        assertThat(result.diagnostics()).as("three errors and nothing else").hasSize(3);
        assertAt(text, result.diagnostics().get(0), Severity.ERROR, 6, 45, "mg/kg", "systolic is in mmHg, not mg/kg");
        assertAt(text, result.diagnostics().get(1), Severity.ERROR, 7, 8, "DOSE-IM-MAX",
                "duplicate rule id DOSE-IM-MAX (first used at line 4); rule ids must be unique");
        assertAt(text, result.diagnostics().get(2), Severity.ERROR, 8, 43, "for", "unexpected 'for'; expected a number");

        Path file = Files.writeString(dir.resolve("three.kap"), text);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new KapCommand(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run("check", file.toString());
        assertThat(exit).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8).lines().toList()).containsExactly(
                file + ":6:45: error: systolic is in mmHg, not mg/kg",
                file + ":7:8: error: duplicate rule id DOSE-IM-MAX (first used at line 4); rule ids must be unique",
                file + ":8:43: error: unexpected 'for'; expected a number");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Nested
    class ValueSets {

        /** A screening rule on line 8 looking in the set declared from line 10. */
        private static String withSet(String set) {
            return BASE + """
                    screening:
                      rule CI-1: exclude when diagnosis in psychotic message "m" cite "c"
                    value sets:
                    """ + set;
        }

        @Test
        void a_rule_naming_an_undeclared_set() {
            onlyError(BASE + """
                    screening:
                      rule CI-1: exclude when diagnosis in psychotc message "m" cite "c"
                    value sets:
                      set psychotic:
                        icd-10-cm F20-F29
                    """, 8, 40, "psychotc", "unknown value set 'psychotc' (did you mean 'psychotic'?)");
        }

        @Test
        void an_empty_set() {
            onlyError(withSet("""
                      set psychotic:
                        cite "nothing yet"
                    """), 10, 7, "psychotic", "value set 'psychotic' is empty: give it words, codes or both");
        }

        @Test
        void a_code_malformed_for_its_system() {
            onlyError(withSet("""
                      set psychotic:
                        icd-10-cm F20-F29, F20.12345
                    """), 11, 24, "F20.12345", "'F20.12345' is not a ICD-10-CM code: ICD-10-CM codes are a letter, a digit");
        }

        @Test
        void a_lower_case_code_says_how_it_is_spelt() {
            onlyError(withSet("""
                      set psychotic:
                        icd-10-cm f20.9
                    """), 11, 15, "f20.9", "(codes are upper case: F20.9)");
        }

        @Test
        void a_snomed_ct_id_whose_check_digit_is_wrong() {
            onlyError(withSet("""
                      set psychotic:
                        snomed-ct 58214005
                    """), 11, 15, "58214005", "partition 00 or 10 before a valid Verhoeff check digit");
        }

        @Test
        void an_unknown_code_system() {
            onlyError(withSet("""
                      set psychotic:
                        icd10 F20
                    """), 11, 5, "icd10", "unknown code system 'icd10'; write one of: icd-10-cm, atc, snomed-ct, rxnorm");
        }

        @Test
        void a_range_over_a_system_without_order() {
            onlyError(withSet("""
                      set psychotic:
                        snomed-ct 58214004-58214004
                    """), 11, 15, "58214004", "SNOMED CT codes have no order");
        }

        @Test
        void a_range_running_downwards() {
            onlyError(withSet("""
                      set psychotic:
                        icd-10-cm F29-F20
                    """), 11, 15, "F29-F20", "a range runs from a lower to a higher code of the same length: F29-F20");
        }

        @Test
        void a_code_partly_inside_a_range_of_another_set_is_a_warning() {
            String text = BASE + """
                    screening:
                      rule CI-1: exclude when diagnosis in [moods, depressive] message "m" cite "c"
                    value sets:
                      set moods:
                        icd-10-cm F31.9-F33.1
                      set depressive:
                        icd-10-cm F32
                    """;
            CompileResult result = compile(text);
            assertThat(result.errors()).isEmpty();
            warning(result, text, 13, 15, "F32", "F32 in depressive overlaps F31.9-F33.1 in moods");
        }

        @Test
        void ranges_of_different_lengths_that_share_codes_are_a_warning() {
            String text = BASE + """
                    screening:
                      rule CI-1: exclude when diagnosis in [psychotic, late] message "m" cite "c"
                    value sets:
                      set psychotic:
                        icd-10-cm F20-F29
                      set late:
                        icd-10-cm F25.0-F31.9
                    """;
            CompileResult result = compile(text);
            assertThat(result.errors()).isEmpty();
            warning(result, text, 13, 15, "F25.0-F31.9", "F25.0-F31.9 in late overlaps F20-F29 in psychotic");
        }

        @Test
        void a_version_beyond_reason_is_an_error_not_a_crash() {
            onlyError(withSet("""
                      set psychotic version 3000000000:
                        icd-10-cm F20-F29
                    """), 10, 25, "3000000000", "a value set's version is a whole number from 1 to 1000000");
        }

        @Test
        void a_second_value_sets_section() {
            onlyError(withSet("""
                      set psychotic:
                        icd-10-cm F20-F29
                    value sets:
                      set other:
                        atc N05BA
                    """), 12, 1, "value sets:", "the value sets section appears twice (first at line 9); put its sets together");
        }

        @Test
        void a_set_declared_twice() {
            onlyError(withSet("""
                      set psychotic:
                        icd-10-cm F20
                      set psychotic:
                        icd-10-cm F25
                    """), 12, 7, "psychotic", "value set 'psychotic' is declared twice (first at line 10)");
        }

        @Test
        void a_code_a_set_already_holds_is_a_warning() {
            String text = withSet("""
                      set psychotic:
                        icd-10-cm F20-F29, F20.9
                    """);
            CompileResult result = compile(text);
            assertThat(result.errors()).isEmpty();
            warning(result, text, 11, 24, "F20.9", "F20.9 is already in psychotic through F20-F29");
        }

        @Test
        void two_sets_sharing_codes_is_a_warning() {
            String text = BASE + """
                    screening:
                      rule CI-1: exclude when diagnosis in [psychotic, mania] message "m" cite "c"
                    value sets:
                      set psychotic:
                        icd-10-cm F20-F29, F31.2
                      set mania:
                        icd-10-cm F31
                    """;
            CompileResult result = compile(text);
            assertThat(result.errors()).isEmpty();
            warning(result, text, 13, 15, "F31", "F31 in mania overlaps F31.2 in psychotic: a client with such a code matches both");
        }

        @Test
        void a_set_no_rule_names_declares_known_codes_without_a_warning() {
            String text = withSet("""
                      set psychotic:
                        icd-10-cm F20-F29
                      set treated_conditions:
                        words major_depressive_disorder
                        icd-10-cm F32, F33
                    """);
            CompileResult result = compile(text);
            assertThat(result.diagnostics()).isEmpty();
            assertThat(result.protocol().valueSets()).extracting(org.kap.core.terminology.ValueSet::name)
                    .containsExactly("psychotic", "treated_conditions");
            assertThat(result.protocol().vocabulary()).contains("major_depressive_disorder");
        }

        @Test
        void substance_use_is_not_coded() {
            onlyError(BASE + """
                    screening:
                      rule CI-1: exclude when substance in alcohol_codes within 7 days message "m" cite "c"
                    value sets:
                      set alcohol_codes:
                        icd-10-cm F10
                    """, 8, 40, "alcohol_codes", "substance use is recorded in the protocol's words, not codes");
        }
    }

    @Nested
    class LimitsForSomeClients {

        @Test
        void a_first_dose_outside_the_dose_set_of_its_own_group_of_clients() {
            onlyError(BASE + """
                    dosing route intranasal:
                      rule IN-MAX: max 84 mg per session message "m" cite "c"
                      rule IN-SET: doses 56 mg or 84 mg when age < 65 years message "m" cite "c"
                      rule IN-FIRST: first dose 28 mg when age < 65 years message "m" cite "c"
                    """, 10, 3, "rule IN-FIRST", "IN-FIRST: the first dose 28 mg is not among the allowed doses of IN-SET");
        }

        @Test
        void a_first_dose_is_not_weighed_against_another_groups_dose_set() {
            CompileResult result = compile(BASE + """
                    dosing route intranasal:
                      rule IN-MAX: max 84 mg per session message "m" cite "c"
                      rule IN-SET: doses 56 mg or 84 mg when age < 65 years message "m" cite "c"
                      rule IN-SET-65: doses 28 mg, 56 mg or 84 mg when age >= 65 years message "m" cite "c"
                      rule IN-FIRST-65: first dose 28 mg when age >= 65 years message "m" cite "c"
                    """);
            assertThat(result.errors()).isEmpty();
            assertThat(result.protocol().dosingFor(org.kap.core.dosing.Route.INTRANASAL).orElseThrow().rules()).hasSize(4);
        }

        @Test
        void a_stricter_maximum_for_a_group_binds_its_first_dose() {
            onlyError(BASE + """
                    dosing route intranasal:
                      rule IN-MAX: max 84 mg per session message "m" cite "c"
                      rule IN-MAX-65: max 56 mg per session when age >= 65 years message "m" cite "c"
                      rule IN-FIRST-65: first dose 84 mg when age >= 65 years message "m" cite "c"
                    """, 10, 3, "rule IN-FIRST-65", "IN-FIRST-65: 84 mg is above the per-session maximum 56 mg (IN-MAX-65)");
        }

        @Test
        void a_group_of_clients_is_never_a_dose_taken_before_the_act() {
            someError(BASE + """
                    dosing route intranasal:
                      rule IN-MAX: max 84 mg per session message "m" cite "c"
                      rule IN-SET: doses 56 mg when medication in [adhd_stimulant] taken within 24 h before dose message "m" cite "c"
                    """, 9, 33, "medication", "a limit for some clients reads what is known of the client, not doses taken");
        }
    }
}
