package org.kap.core.protocol;

import org.kap.core.adverse.AdverseEventRule;
import org.kap.core.adverse.AdverseEventType;
import org.kap.core.adverse.TriggeredAction;
import org.kap.core.dosing.DoseRule;
import org.kap.core.dosing.Route;
import org.kap.core.dosing.RouteDosing;
import org.kap.core.obligation.ObligationKind;
import org.kap.core.obligation.ObligationRule;
import org.kap.core.observation.Anchor;
import org.kap.core.observation.DischargeCriterion;
import org.kap.core.observation.ObservationRule;
import org.kap.core.outcome.Instrument;
import org.kap.core.outcome.OutcomeRule;
import org.kap.core.rule.Comparison;
import org.kap.core.rule.Enforcement;
import org.kap.core.rule.ProtocolRef;
import org.kap.core.rule.Role;
import org.kap.core.rule.RuleId;
import org.kap.core.rule.RuleInfo;
import org.kap.core.screening.ClientCondition;
import org.kap.core.screening.CodeCategory;
import org.kap.core.screening.ScreeningRule;
import org.kap.core.sequencing.SequencingRule;
import org.kap.core.session.SessionStartRule;
import org.kap.core.session.SettingFeature;
import org.kap.core.spacing.SpacingRule;
import org.kap.core.spacing.Window;
import org.kap.core.units.Dose;
import org.kap.core.units.MilligramsPerKilogramPerHour;
import org.kap.core.units.Percent;
import org.kap.core.units.Quantity;
import org.kap.core.vitals.VitalBound;
import org.kap.core.vitals.VitalCondition;
import org.kap.core.vitals.VitalSign;
import org.kap.core.vitals.VitalTrigger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A fluent way to write a protocol in Java, for tests and examples. It reads close to the protocol
 * text: {@code .route(IM, r -> r.maxPerSession(rule("DOSE-IM-MAX", ...), mgPerKg("1.5")))}.
 */
public final class ProtocolBuilder {

    private final ProtocolRef ref;
    private ProtocolStatus status = ProtocolStatus.DRAFT;
    private String title = "";
    private final Set<Indication> indications = EnumSet.noneOf(Indication.class);
    private String sourceSha256 = "";
    private final List<ScreeningRule> screening = new ArrayList<>();
    private final Map<Route, List<DoseRule>> dosing = new EnumMap<>(Route.class);
    private final List<SpacingRule> spacing = new ArrayList<>();
    private final List<SequencingRule> sequencing = new ArrayList<>();
    private final List<SessionStartRule> sessionStart = new ArrayList<>();
    private final List<VitalTrigger> triggers = new ArrayList<>();
    private final List<ObservationRule> observation = new ArrayList<>();
    private final List<DischargeCriterion> discharge = new ArrayList<>();
    private final List<AdverseEventRule> adverseEvents = new ArrayList<>();
    private final List<ObligationRule> obligations = new ArrayList<>();
    private final List<OutcomeRule> outcomes = new ArrayList<>();
    private final List<org.kap.core.terminology.ValueSet> valueSets = new ArrayList<>();

    private ProtocolBuilder(ProtocolRef ref) {
        this.ref = ref;
    }

    public static ProtocolBuilder protocol(String id, int version) {
        return new ProtocolBuilder(new ProtocolRef(id, version));
    }

    // ---- rule identity -------------------------------------------------------------------------

    /** An absolute rule: it refuses, and nobody may override it. */
    public static RuleInfo rule(String id, String message, String citation) {
        return new RuleInfo(RuleId.of(id), message, citation, Enforcement.ABSOLUTE);
    }

    /** A relative rule: it refuses unless {@code role} has overridden it with a justification. */
    public static RuleInfo relative(String id, Role role, String message, String citation) {
        return new RuleInfo(RuleId.of(id), message, citation, Enforcement.overridableBy(role));
    }

    /** A warning: the act is allowed, with the message attached. */
    public static RuleInfo warning(String id, String message, String citation) {
        return new RuleInfo(RuleId.of(id), message, citation, Enforcement.WARNING);
    }

    // ---- conditions over the screening profile -------------------------------------------------

    public static ClientCondition diagnosis(String... codes) {
        return new ClientCondition.CodeIn(CodeCategory.DIAGNOSIS, Set.of(codes));
    }

    public static ClientCondition history(String... codes) {
        return new ClientCondition.CodeIn(CodeCategory.HISTORY, Set.of(codes));
    }

    public static ClientCondition familyHistory(String... codes) {
        return new ClientCondition.CodeIn(CodeCategory.FAMILY_HISTORY, Set.of(codes));
    }

    public static ClientCondition medication(String... codes) {
        return new ClientCondition.CodeIn(CodeCategory.MEDICATION, Set.of(codes));
    }

    public static ClientCondition substanceUseWithin(Duration abstinence, String... substances) {
        return new ClientCondition.SubstanceUseWithin(Set.of(substances), abstinence);
    }

    /** {@code medication in [...] taken within 24 h before dose} */
    public static ClientCondition medicationTakenWithin(Duration window, String... drugs) {
        return new ClientCondition.MedicationTakenWithin(Set.of(drugs), window);
    }

    /** {@code require age, pregnancy, systolic}: facts that must be recorded; missing, the rule fires "not known". */
    public static ClientCondition recorded(String... facts) {
        return new ClientCondition.Recorded(Set.of(facts));
    }

    /** {@code alt > 120 U/L} */
    public static ClientCondition lab(org.kap.core.facts.LabTest test, Comparison comparison, org.kap.core.units.UnitsPerLitre limit) {
        return new ClientCondition.Lab(test, comparison, limit);
    }

    public static ClientCondition pregnant() {
        return new ClientCondition.Pregnant();
    }

    public static ClientCondition breastfeeding() {
        return new ClientCondition.Breastfeeding();
    }

    public static ClientCondition age(Comparison comparison, int years) {
        return new ClientCondition.Age(comparison, years);
    }

    public static ClientCondition vital(VitalSign sign, Comparison comparison, Quantity limit) {
        return new ClientCondition.Vital(new VitalBound(sign, comparison, limit));
    }

    public static ClientCondition score(Instrument instrument, Comparison comparison, int value) {
        return new ClientCondition.Score(instrument, comparison, value);
    }

    public static ClientCondition anyOf(ClientCondition... parts) {
        return new ClientCondition.AnyOf(List.of(parts));
    }

    public static ClientCondition allOf(ClientCondition... parts) {
        return new ClientCondition.AllOf(List.of(parts));
    }

    public static VitalBound bound(VitalSign sign, Comparison comparison, Quantity limit) {
        return new VitalBound(sign, comparison, limit);
    }

    // ---- identity ------------------------------------------------------------------------------

    public ProtocolBuilder status(ProtocolStatus value) {
        this.status = value;
        return this;
    }

    public ProtocolBuilder active() {
        return status(ProtocolStatus.ACTIVE);
    }

    public ProtocolBuilder title(String value) {
        this.title = value;
        return this;
    }

    public ProtocolBuilder indications(Indication... values) {
        indications.addAll(Arrays.asList(values));
        return this;
    }

    public ProtocolBuilder sourceSha256(String value) {
        this.sourceSha256 = value;
        return this;
    }

    // ---- screening -----------------------------------------------------------------------------

    /** An exclusion; absolute or relative as the rule says. */
    public ProtocolBuilder exclude(RuleInfo info, ClientCondition when) {
        if (info.enforcement() instanceof Enforcement.Warning) {
            throw new IllegalArgumentException(info.id() + ": an exclusion is absolute or relative; use warn(...) for a warning");
        }
        screening.add(new ScreeningRule(info, when));
        return this;
    }

    /** An exclusion with what the course does when it newly excludes the client during the course. */
    public ProtocolBuilder exclude(RuleInfo info, ClientCondition when, TriggeredAction... ifFoundLater) {
        exclude(info, when);
        screening.set(screening.size() - 1, new ScreeningRule(info, when, List.of(ifFoundLater)));
        return this;
    }

    public ProtocolBuilder warn(RuleInfo info, ClientCondition when) {
        screening.add(new ScreeningRule(info.withEnforcement(Enforcement.WARNING), when));
        return this;
    }

    // ---- dosing --------------------------------------------------------------------------------

    public ProtocolBuilder route(Route route, Consumer<RouteBuilder> limits) {
        RouteBuilder r = new RouteBuilder();
        limits.accept(r);
        dosing.computeIfAbsent(route, k -> new ArrayList<>()).addAll(r.rules);
        return this;
    }

    /** The limits of one route. */
    public static final class RouteBuilder {
        private final List<DoseRule> rules = new ArrayList<>();

        public RouteBuilder allowedDoses(RuleInfo info, Dose... doses) {
            rules.add(new DoseRule.AllowedDoses(info, Set.of(doses)));
            return this;
        }

        public RouteBuilder firstDose(RuleInfo info, Dose dose) {
            rules.add(new DoseRule.FirstDose(info, dose));
            return this;
        }

        public RouteBuilder startAtMost(RuleInfo info, Dose dose) {
            rules.add(new DoseRule.StartDose(info, dose));
            return this;
        }

        public RouteBuilder maxPerSession(RuleInfo info, Dose dose) {
            rules.add(new DoseRule.SessionMaximum(info, dose));
            return this;
        }

        public RouteBuilder titrationStep(RuleInfo info, Dose step) {
            rules.add(new DoseRule.TitrationStep(info, step));
            return this;
        }

        public RouteBuilder infusionAtLeast(RuleInfo info, Duration minimum) {
            rules.add(new DoseRule.InfusionDuration(info, minimum));
            return this;
        }

        public RouteBuilder infusionRateAtMost(RuleInfo info, MilligramsPerKilogramPerHour rate) {
            rules.add(new DoseRule.InfusionRate(info, rate));
            return this;
        }

        public RouteBuilder weightMeasuredWithin(RuleInfo info, Duration maximumAge) {
            rules.add(new DoseRule.WeightRecency(info, maximumAge));
            return this;
        }

        public RouteBuilder cumulative(RuleInfo info, Dose maximum, Duration period) {
            rules.add(new DoseRule.CumulativeLimit(info, maximum, period));
            return this;
        }
    }

    // ---- spacing -------------------------------------------------------------------------------

    public ProtocolBuilder minimumInterval(RuleInfo info, Duration minimum) {
        spacing.add(new SpacingRule.MinimumInterval(info, minimum));
        return this;
    }

    public ProtocolBuilder atMost(RuleInfo info, int sessions, Window window) {
        spacing.add(new SpacingRule.SessionFrequency(info, sessions, window));
        return this;
    }

    /** Phase by weeks since the first dose; {@code toWeek} null means open-ended. */
    public ProtocolBuilder phase(RuleInfo info, int fromWeek, Integer toWeek, int sessions, Window window) {
        spacing.add(new SpacingRule.PhaseFrequency(info, fromWeek, toWeek, sessions, window));
        return this;
    }

    public static Window rolling(Duration length) {
        return new Window.Rolling(length);
    }

    public static Window calendarWeek() {
        return new Window.CalendarWeek();
    }

    // ---- sequencing ----------------------------------------------------------------------------

    public ProtocolBuilder preparation(RuleInfo info, int sessions) {
        sequencing.add(new SequencingRule.PreparationRequired(info, sessions));
        return this;
    }

    /** An integration window; no routes means every route. */
    public ProtocolBuilder integrationWithin(RuleInfo info, Duration earliest, Duration latest, Route... routes) {
        sequencing.add(new SequencingRule.IntegrationWindow(info, Set.of(routes), earliest, latest));
        return this;
    }

    public ProtocolBuilder integrationBeforeNextDose(RuleInfo info) {
        sequencing.add(new SequencingRule.IntegrationBeforeNextDose(info));
        return this;
    }

    // ---- session start -------------------------------------------------------------------------

    public ProtocolBuilder requireSetting(RuleInfo info, SettingFeature feature) {
        sessionStart.add(new SessionStartRule.SettingRequirement(info, feature));
        return this;
    }

    public ProtocolBuilder preDose(RuleInfo info, org.kap.core.vitals.VitalRequirement required) {
        sessionStart.add(new SessionStartRule.PreDoseVital(info, required));
        return this;
    }

    public ProtocolBuilder preDoseVitalsWithin(RuleInfo info, Duration maximumAge) {
        sessionStart.add(new SessionStartRule.PreDoseRecency(info, maximumAge));
        return this;
    }

    public ProtocolBuilder approvalValidFor(RuleInfo info, Duration validity) {
        sessionStart.add(new SessionStartRule.ApprovalExpiry(info, validity));
        return this;
    }

    // ---- in-session vitals ---------------------------------------------------------------------

    public ProtocolBuilder trigger(RuleInfo info, VitalCondition when, int readings, Duration apart, TriggeredAction... actions) {
        triggers.add(new VitalTrigger(info, when, readings, apart, List.of(actions)));
        return this;
    }

    public static VitalCondition above(VitalBound bound) {
        return new VitalCondition.Absolute(bound);
    }

    public static VitalCondition riseOverBaseline(VitalSign sign, Quantity rise) {
        return new VitalCondition.RiseOverBaseline(sign, rise);
    }

    public static VitalCondition risePercentOverBaseline(VitalSign sign, Percent rise) {
        return new VitalCondition.RisePercentOverBaseline(sign, rise);
    }

    // ---- observation and discharge -------------------------------------------------------------

    public ProtocolBuilder observeAtLeast(RuleInfo info, Anchor anchor, Duration minimum) {
        observation.add(new ObservationRule.ObservationMinimum(info, anchor, minimum));
        return this;
    }

    public ProtocolBuilder scheduledCheck(RuleInfo info, Anchor anchor, Duration offset, Duration tolerance, VitalSign... signs) {
        observation.add(new ObservationRule.ScheduledCheck(info, Set.of(signs), anchor, offset, tolerance));
        return this;
    }

    public ProtocolBuilder extendObservation(RuleInfo info, ClientCondition when, Duration extra) {
        observation.add(new ObservationRule.ObservationExtension(info, when, extra));
        return this;
    }

    /** What the course does when a session ends in one of these dispositions instead of a discharge. */
    public ProtocolBuilder whenSessionEnds(RuleInfo info, java.util.Set<org.kap.core.observation.Disposition> dispositions,
                                           TriggeredAction... actions) {
        observation.add(new ObservationRule.EndedOtherwise(info, dispositions, List.of(actions)));
        return this;
    }

    public ProtocolBuilder dischargeWhen(RuleInfo info, VitalBound required) {
        discharge.add(new DischargeCriterion.DischargeVital(info, required));
        return this;
    }

    public ProtocolBuilder dischargeNearBaseline(RuleInfo info, VitalSign sign, Percent within) {
        discharge.add(new DischargeCriterion.DischargeNearBaseline(info, sign, within));
        return this;
    }

    public ProtocolBuilder dischargeScore(RuleInfo info, Instrument instrument, Comparison comparison, int value) {
        discharge.add(new DischargeCriterion.DischargeScore(info, instrument, comparison, value));
        return this;
    }

    public ProtocolBuilder dischargeWithEscort(RuleInfo info) {
        discharge.add(new DischargeCriterion.EscortRequired(info));
        return this;
    }

    public ProtocolBuilder dischargeWithoutDriving(RuleInfo info) {
        discharge.add(new DischargeCriterion.NoSelfDriving(info));
        return this;
    }

    // ---- adverse events, obligations, outcomes -------------------------------------------------

    /** Any listed type (none: any type) at or above the grade. */
    public ProtocolBuilder onAdverseEvent(RuleInfo info, int minimumGrade, boolean orSerious, Set<AdverseEventType> types,
                                          TriggeredAction... actions) {
        adverseEvents.add(new AdverseEventRule(info, types, minimumGrade,
                orSerious ? AdverseEventRule.SeriousnessClause.OR_SERIOUS : AdverseEventRule.SeriousnessClause.IGNORED, List.of(actions)));
        return this;
    }

    public ProtocolBuilder onSeriousAdverseEvent(RuleInfo info, TriggeredAction... actions) {
        adverseEvents.add(new AdverseEventRule(info, Set.of(), 1, AdverseEventRule.SeriousnessClause.ONLY, List.of(actions)));
        return this;
    }

    public static TriggeredAction extendObservationBy(Duration extra) {
        return new TriggeredAction.ExtendObservation(extra);
    }

    public static TriggeredAction stopSession() {
        return new TriggeredAction.StopSession();
    }

    public static TriggeredAction haltCourse() {
        return new TriggeredAction.HaltCourse();
    }

    public static TriggeredAction createObligation(ObligationKind kind, Duration dueWithin, boolean blocksDosing) {
        return new TriggeredAction.CreateObligation(kind, dueWithin, blocksDosing);
    }

    public static TriggeredAction raiseAdverseEvent(AdverseEventType type, int grade) {
        return new TriggeredAction.RaiseAdverseEvent(type, grade, Set.of());
    }

    public ProtocolBuilder afterEachSession(RuleInfo info, ObligationKind kind, Duration dueWithin, boolean blocksDosing) {
        obligations.add(new ObligationRule(info, kind, dueWithin, blocksDosing));
        return this;
    }

    public ProtocolBuilder measure(RuleInfo info, Instrument instrument) {
        outcomes.add(new OutcomeRule.OutcomeMeasure(info, instrument));
        return this;
    }

    public ProtocolBuilder reviewAfter(RuleInfo info, int sessions, Instrument instrument, Percent improvement) {
        outcomes.add(new OutcomeRule.ReviewPoint(info, sessions, instrument, improvement));
        return this;
    }

    /** Declares a value set its rules may look in. */
    public ProtocolBuilder valueSet(org.kap.core.terminology.ValueSet set) {
        valueSets.add(set);
        return this;
    }

    public Protocol build() {
        Map<Route, RouteDosing> routes = new EnumMap<>(Route.class);
        dosing.forEach((route, rules) -> routes.put(route, new RouteDosing(route, rules)));
        return new Protocol(ref, status, title, indications, sourceSha256, screening, routes, spacing, sequencing,
                sessionStart, triggers, observation, discharge, adverseEvents, obligations, outcomes, valueSets);
    }
}
