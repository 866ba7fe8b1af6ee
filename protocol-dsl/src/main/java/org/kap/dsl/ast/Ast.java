package org.kap.dsl.ast;

import org.kap.core.adverse.AdverseEventRule.SeriousnessClause;

import java.math.BigDecimal;
import java.util.List;

/**
 * The protocol as written: every name, number and unit still as text, each with its position, so
 * that the checker can say exactly where a problem is. Built from the parse tree by {@link AstBuilder}.
 */
public final class Ast {

    private Ast() {
    }

    /** A line (from 1) and column (from 1) in the source. */
    public record Pos(int line, int column) {
    }

    public record Word(String text, Pos pos) {
    }

    public record Num(BigDecimal value, Pos pos) {
    }

    /** {@code 0.5 mg/kg}; the unit is null when none was written. */
    public record Quantity(Num number, Word unit) {
        public Pos pos() {
            return number.pos();
        }

        @Override
        public String toString() {
            return number.value().toPlainString() + (unit == null ? "" : " " + unit.text());
        }
    }

    /** {@code library}: the file is a library of value sets ({@code library "kap-terms" version 1}), not a protocol. */
    public record ProtocolFile(Pos pos, boolean library, String id, Num version, String title, Word status, List<Word> indications,
                               List<Import> imports, List<Section> sections, List<ValueSetDecl> valueSets,
                               List<Pos> valueSetSections) {
    }

    /** {@code import psychotic_disorders, manic_episodes from "kap-terms" version 1}. */
    public record Import(List<Word> sets, String library, Num version, Pos pos) {
    }

    /** {@code set psychotic_disorders version 1: words ... icd-10-cm F20-F29 cite "..."}; version null when not written. */
    public record ValueSetDecl(Word name, Num version, List<Word> words, List<CodeGroup> groups, String cite, Pos pos) {
    }

    /** {@code icd-10-cm F20-F29, F31.2}: codes of one system. */
    public record CodeGroup(Word system, List<CodeItem> items) {
    }

    /** A code ({@code to} null) or a range; a range written {@code F20-F29} is one word, split by the checker. */
    public record CodeItem(Word from, Word to) {
    }

    public enum SectionKind {
        SCREENING, DOSING, SPACING, SEQUENCING, SESSION, VITALS, OBSERVATION, DISCHARGE, ADVERSE_EVENTS, OBLIGATIONS, OUTCOMES;

        public String title() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
    }

    /** A section; {@code route} is set for dosing sections only. */
    public record Section(SectionKind kind, Pos pos, Word route, List<RuleDecl> rules) {
    }

    public enum EnforcementKind { ABSOLUTE, RELATIVE, WARNING }

    /** {@code relative override by prescriber}; role is null when none was written. */
    public record Enforcement(EnforcementKind kind, Word role, Pos pos) {
    }

    /**
     * {@code rule ID enforcement: clause message "..." cite "..."}; enforcement, message and cite may be absent. The
     * clause is null when the rule holds a syntax error after its head: then only the head (id, enforcement) is checked.
     */
    public record RuleDecl(Pos pos, Word id, Enforcement enforcement, Clause clause, String message, String cite) {
    }

    // ---- clauses ---------------------------------------------------------------------------------

    public sealed interface Clause {
    }

    /** {@code exclude when ...}; {@code ifFoundLater} holds the actions after {@code , if found later:} (empty when absent). */
    public record Exclusion(boolean warn, Condition condition, List<Action> ifFoundLater) implements Clause {
    }

    /** {@code on transferred_to_emergency_care, admitted: halt course, ...}: a session ended otherwise than by discharge. */
    public record EndedOtherwise(List<Word> dispositions, List<Action> actions) implements Clause {
    }

    /** {@code require age, pregnancy, systolic}: facts a screening must record. */
    public record RequiredFacts(List<Word> facts) implements Clause {
    }

    /** {@code weight measured within 30 days}: mg/kg doses on a recent weight. */
    public record WeightRecency(Quantity maximumAge) implements Clause {
    }

    public record AllowedDoses(List<Quantity> doses) implements Clause {
    }

    public record FirstDose(Quantity dose) implements Clause {
    }

    public record StartDose(Quantity dose) implements Clause {
    }

    public record SessionMaximum(Quantity dose) implements Clause {
    }

    public record TitrationStep(Quantity step) implements Clause {
    }

    public record InfusionDuration(Quantity minimum) implements Clause {
    }

    public record InfusionRate(Quantity maximum) implements Clause {
    }

    public record Cumulative(Quantity maximum, Quantity period) implements Clause {
    }

    public record MinimumInterval(Quantity minimum) implements Clause {
    }

    public record Frequency(Num count, Window window) implements Clause {
    }

    /** {@code to} is null for an open-ended phase ({@code weeks 9+: at most 1 sessions per 14 days}). */
    public record Phase(Num from, Num to, Num count, Window window) implements Clause {
    }

    public record Preparation(Num sessions) implements Clause {
    }

    public record IntegrationWindow(List<Word> routes, Quantity earliest, Quantity latest) implements Clause {
    }

    public record IntegrationBeforeNextDose() implements Clause {
    }

    public record SettingRequirement(Word feature) implements Clause {
    }

    /** {@code first dose 28 mg when age >= 65 years}: a clause for the clients the condition holds for. */
    public record ForClients(Clause clause, Condition when) implements Clause {
    }

    /** {@code pre-dose systolic <= 140 mmHg and diastolic <= 90 mmHg}. */
    public record PreDoseVital(VitalExpression required) implements Clause {
    }

    /** Bounds on a reading, combined with and / or. */
    public sealed interface VitalExpression {
        Pos pos();
    }

    /** {@code systolic <= 140 mmHg}. */
    public record VitalBoundExpression(Word field, Word comparator, Quantity limit) implements VitalExpression {
        public Pos pos() {
            return field.pos();
        }
    }

    public record VitalAll(List<VitalExpression> parts, Pos pos) implements VitalExpression {
    }

    public record VitalAny(List<VitalExpression> parts, Pos pos) implements VitalExpression {
    }

    public record PreDoseRecency(Quantity maximumAge) implements Clause {
    }

    public record ApprovalValidity(Quantity validFor) implements Clause {
    }

    /** {@code readings} and {@code apart} are null when the trigger needs one reading. */
    public record Trigger(TriggerCondition condition, Num readings, Quantity apart, List<Action> actions) implements Clause {
    }

    public record ObservationMinimum(Quantity minimum, Word anchor) implements Clause {
    }

    public record ScheduledCheck(List<Word> signs, Quantity offset, Quantity tolerance, Word anchor) implements Clause {
    }

    public record ObservationExtension(Quantity extra, Condition when) implements Clause {
    }

    public record DischargeBound(Word field, Word comparator, Quantity limit) implements Clause {
    }

    public record DischargeNearBaseline(Word field, Quantity within) implements Clause {
    }

    /** {@code when moaas >= 5 and padss >= 9}: every part holds at discharge. */
    public record DischargeAll(List<Clause> parts, Pos pos) implements Clause {
    }

    /** {@code when padss >= 9 or aldrete >= 9}: some part holds at discharge. */
    public record DischargeAny(List<Clause> parts, Pos pos) implements Clause {
    }

    public record EscortRequired() implements Clause {
    }

    public record NoDriving() implements Clause {
    }

    /**
     * {@code types} empty means any type; {@code grade} null means any grade; {@code alternatives}, the further kinds of
     * event the rule acts on ({@code ... or arrhythmia grade >= 2}), each without actions of its own.
     */
    /** {@code grade} is null when the alternative names none (every grade); types empty for any event. */
    public record AdverseEventMatch(List<Word> types, Num grade, SeriousnessClause seriousness,
                                    List<Action> actions, List<AdverseEventMatch> alternatives) implements Clause {
    }

    public record AfterEachSession(Word kind, Quantity due, boolean blocking) implements Clause {
    }

    public record Measure(Word instrument) implements Clause {
    }

    /** {@code instrument} and {@code improvement} are null for an unconditional review. */
    public record ReviewPoint(Num sessions, Word instrument, Quantity improvement) implements Clause {
    }

    // ---- conditions, windows, actions --------------------------------------------------------------

    public sealed interface Condition {
        Pos pos();
    }

    public record AnyOf(List<Condition> parts, Pos pos) implements Condition {
    }

    public record AllOf(List<Condition> parts, Pos pos) implements Condition {
    }

    /**
     * {@code diagnosis in [a, b]}, {@code substance in [alcohol] within 7 days}, {@code diagnosis in psychotic_disorders}
     * ({@code valueSet} true: the one value names a value set).
     */
    public record Membership(Word field, List<Word> values, Quantity within, boolean valueSet) implements Condition {
        public Pos pos() {
            return field.pos();
        }
    }

    /** {@code medication in [adhd_stimulant] taken within 24 h before dose}. */
    public record MedicationTaken(Word field, List<Word> values, Quantity within, boolean valueSet) implements Condition {
        public Pos pos() {
            return field.pos();
        }
    }

    /** {@code systolic >= 160 mmHg}, {@code age < 18 years}, {@code phq9 >= 20}. */
    public record Comparison(Word field, Word comparator, Quantity value) implements Condition {
        public Pos pos() {
            return field.pos();
        }
    }

    /** {@code pregnant}, {@code breastfeeding}. */
    public record Flag(Word field) implements Condition {
        public Pos pos() {
            return field.pos();
        }
    }

    public sealed interface Window {
    }

    public record RollingWindow(Quantity length) implements Window {
    }

    public record CalendarWeek(Pos pos) implements Window {
    }

    /** What a trigger watches: one condition on a reading, or conditions combined with and / or. */
    public sealed interface TriggerCondition {
    }

    public record TriggerAll(List<TriggerCondition> parts, Pos pos) implements TriggerCondition {
    }

    public record TriggerAny(List<TriggerCondition> parts, Pos pos) implements TriggerCondition {
    }

    public sealed interface VitalCondition extends TriggerCondition {
        Word field();
    }

    public record AbsoluteVital(Word field, Word comparator, Quantity limit) implements VitalCondition {
    }

    public record RiseOverBaseline(Word field, Quantity rise) implements VitalCondition {
    }

    public sealed interface Action {
    }

    public record ExtendObservation(Quantity extra) implements Action {
    }

    public record RaiseAdverseEvent(Word type, Num grade, List<Word> seriousness) implements Action {
    }

    public record StopSession() implements Action {
    }

    public record HaltCourse() implements Action {
    }

    public record CreateObligation(Word kind, Quantity due, boolean blocking) implements Action {
    }
}
