package org.kap.dsl.check;

import org.kap.core.adverse.AdverseEventRule;
import org.kap.core.adverse.AdverseEventType;
import org.kap.core.adverse.Seriousness;
import org.kap.core.adverse.TriggeredAction;
import org.kap.core.dosing.DoseRule;
import org.kap.core.dosing.Route;
import org.kap.core.dosing.RouteDosing;
import org.kap.core.obligation.ObligationKind;
import org.kap.core.obligation.ObligationRule;
import org.kap.core.observation.Anchor;
import org.kap.core.observation.Disposition;
import org.kap.core.observation.DischargeCriterion;
import org.kap.core.observation.ObservationRule;
import org.kap.core.outcome.Instrument;
import org.kap.core.outcome.OutcomeRule;
import org.kap.core.protocol.Indication;
import org.kap.core.protocol.Protocol;
import org.kap.core.protocol.ProtocolStatus;
import org.kap.core.rule.Comparison;
import org.kap.core.rule.ProtocolRef;
import org.kap.core.rule.Role;
import org.kap.core.rule.RuleId;
import org.kap.core.rule.RuleInfo;
import org.kap.core.screening.ClientCondition;
import org.kap.core.screening.ScreeningRule;
import org.kap.core.sequencing.SequencingRule;
import org.kap.core.session.SessionStartRule;
import org.kap.core.session.SettingFeature;
import org.kap.core.spacing.SpacingRule;
import org.kap.core.spacing.Window;
import org.kap.core.units.Dose;
import org.kap.core.units.Quantity;
import org.kap.core.vitals.VitalCondition;
import org.kap.core.vitals.VitalSign;
import org.kap.core.vitals.VitalTrigger;
import org.kap.dsl.ast.Ast;
import org.kap.dsl.ast.Ast.*;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a protocol's {@link Ast} and compiles it into the core rule model in one pass, so that
 * every check sees exactly what would be compiled. Every problem is reported (never only the
 * first); the protocol is returned only when there is no error.
 */
public final class ProtocolChecker {

    private final Diagnostics diagnostics;
    private final Vocabulary vocabulary;
    private final Quantities quantities;
    private final Conditions conditions;
    private final ValueSets valueSets;

    /** Stands in for a rule whose id, message or enforcement is wrong while its clause is checked. */
    private static final RuleInfo UNNAMED = RuleInfo.absolute("UNNAMED", "", "");

    private ProtocolStatus status = ProtocolStatus.DRAFT;
    private final Map<String, Pos> ruleIds = new HashMap<>();
    private final Map<Route, List<Section>> dosingSections = new EnumMap<>(Route.class);
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

    /** The catalog's limits (protocol id, title): what checks also publishes. */
    private static final int MAX_ID = 100;
    private static final int MAX_TITLE = 500;

    private final org.kap.dsl.Libraries libraries;

    public ProtocolChecker(Diagnostics diagnostics) {
        this(diagnostics, org.kap.dsl.Libraries.NONE);
    }

    /** {@code libraries}: where the libraries the protocol imports are found. */
    public ProtocolChecker(Diagnostics diagnostics, org.kap.dsl.Libraries libraries) {
        this.libraries = libraries;
        this.diagnostics = diagnostics;
        this.vocabulary = new Vocabulary(diagnostics);
        this.quantities = new Quantities(diagnostics);
        this.valueSets = new ValueSets(diagnostics);
        this.conditions = new Conditions(diagnostics, vocabulary, quantities, valueSets);
    }

    /** The compiled protocol, or empty when any error was found (all of them are in the diagnostics). */
    public Optional<Protocol> check(ProtocolFile file, String sourceSha256) {
        Optional<ProtocolRef> ref = identity(file);
        Set<Indication> indications = EnumSet.noneOf(Indication.class);
        file.indications().forEach(w -> vocabulary.resolve(w, Indication.class, "indication").ifPresent(indications::add));

        // declared before any rule is read: a rule may name a set declared further down the file
        importSets(file.imports());
        valueSets.declare(file.valueSets());
        file.valueSetSections().stream().skip(1).forEach(again -> diagnostics.error(again, "the value sets section appears "
                + "twice (first at line " + file.valueSetSections().get(0).line() + "); put its sets together"));
        Map<SectionKind, Pos> seen = new EnumMap<>(SectionKind.class);
        for (Section section : file.sections()) {
            if (section.kind() != SectionKind.DOSING) {
                Pos first = seen.putIfAbsent(section.kind(), section.pos());
                if (first != null) {
                    diagnostics.error(section.pos(), "the " + section.kind().title() + " section appears twice (first at line "
                            + first.line() + "); put its rules together");
                }
            }
            section(section);
        }
        dosingSections.forEach(this::rangesOfRoute);
        completeness(file);
        if (diagnostics.hasErrors() || ref.isEmpty()) {
            return Optional.empty();
        }
        Map<Route, RouteDosing> routes = new EnumMap<>(Route.class);
        dosing.forEach((route, rules) -> routes.put(route, new RouteDosing(route, rules)));
        try {
            return Optional.of(new Protocol(ref.get(), status, file.title(), indications, sourceSha256, screening, routes,
                    spacing, sequencing, sessionStart, triggers, observation, discharge, adverseEvents, obligations, outcomes,
                    valueSets.all()));
        } catch (IllegalArgumentException inconsistent) {
            diagnostics.error(file.pos(), "the protocol is inconsistent: " + inconsistent.getMessage());
            return Optional.empty();
        }
    }

    /** Each imported set, from the library version the import names; a missing library or set is an error there. */
    private void importSets(List<Import> imports) {
        for (Import i : imports) {
            Optional<Integer> version = quantities.whole(i.version(), 1, "the library's version");
            if (version.isEmpty()) {
                i.sets().forEach(valueSets::unresolved);
                continue;
            }
            String named = "library \"" + i.library() + "\" version " + version.get();
            Optional<org.kap.core.terminology.ValueSetLibrary> library;
            try {
                library = libraries.find(i.library(), version.get());
            } catch (org.kap.dsl.Libraries.Unavailable unavailable) {
                diagnostics.error(i.pos(), named + " cannot be used: " + unavailable.getMessage());
                i.sets().forEach(valueSets::unresolved);
                continue;
            } catch (RuntimeException failed) {
                throw new org.kap.dsl.Libraries.Failure(failed);
            }
            if (library.isEmpty()) {
                diagnostics.error(i.pos(), named + " is not found (" + libraries.where() + ")");
                i.sets().forEach(valueSets::unresolved);
                continue;
            }
            List<String> names = library.get().sets().stream().map(org.kap.core.terminology.ValueSet::name).toList();
            for (Word set : i.sets()) {
                library.get().set(set.text()).ifPresentOrElse(found -> valueSets.imported(found, set),
                        () -> {
                            diagnostics.error(set.pos(), Vocabulary.unknown("value set of " + library.get().ref().label(),
                                    set.text(), names));
                            valueSets.unresolved(set);
                        });
            }
        }
    }

    private Optional<ProtocolRef> identity(ProtocolFile file) {
        boolean ok = true;
        if (file.id() == null || file.id().isBlank()) {
            diagnostics.error(file.pos(), "a protocol starts with its identity: protocol \"kap-im\" version 1");
            ok = false;
        } else if (!file.id().matches("[a-z0-9][a-z0-9-]*")) {
            diagnostics.error(file.pos(), "protocol id '" + file.id() + "' must be lower-case letters, digits and '-', e.g. \"kap-im\"");
            ok = false;
        } else if (file.id().length() > MAX_ID) {
            diagnostics.error(file.pos(), "a protocol id is at most " + MAX_ID + " characters; this one has " + file.id().length());
            ok = false;
        }
        if (file.title() != null && file.title().length() > MAX_TITLE) {
            // the catalog keeps what the checker lets through: a longer title would pass here and fail at publication
            diagnostics.error(file.pos(), "a title is at most " + MAX_TITLE + " characters; this one has " + file.title().length());
        }
        Optional<Integer> version = file.version() == null ? Optional.empty() : quantities.whole(file.version(), 1, "the version");
        if (file.version() == null && file.id() != null) {
            // without an id, the identity error above already shows the whole line to write
            diagnostics.error(file.pos(), "a protocol has a version: protocol \"" + file.id() + "\" version 1");
        }
        if (file.status() == null) {
            diagnostics.error(file.pos(), "say the protocol's status: status draft, status active or status retired");
        } else {
            vocabulary.resolve(file.status(), ProtocolStatus.class, "status").ifPresent(s -> status = s);
        }
        return ok && version.isPresent() ? Optional.of(new ProtocolRef(file.id(), version.get())) : Optional.empty();
    }

    private void completeness(ProtocolFile file) {
        if (file.sections().stream().noneMatch(s -> s.kind() == SectionKind.DOSING)) {
            diagnostics.error(file.pos(), "the protocol has no dosing section; add one per route, e.g. dosing route IM:");
        }
        for (Section s : file.sections()) {
            // a rule whose clause could not be read (a syntax error) may be the maximum: no warning then
            if (s.kind() == SectionKind.DOSING && s.route() != null
                    && s.rules().stream().noneMatch(r -> r.clause() instanceof Ast.SessionMaximum || r.clause() == null)) {
                diagnostics.warning(s.pos(), "route " + s.route().text() + " has no maximum; add: rule DOSE-"
                        + s.route().text().toUpperCase() + "-MAX: max ... per session");
            }
        }
        boolean hasMinimum = file.sections().stream().anyMatch(s -> s.rules().stream()
                .anyMatch(r -> r.clause() instanceof Ast.ObservationMinimum
                        || (r.clause() == null && s.kind() == SectionKind.OBSERVATION)));
        if (!hasMinimum) {
            Pos where = file.sections().stream().filter(s -> s.kind() == SectionKind.OBSERVATION).map(Section::pos)
                    .findFirst().orElse(file.pos());
            diagnostics.warning(where, "no minimum observation: a dosed client could be discharged at once; add: at least 120 min after dose_start");
        }
    }

    // ---- sections ------------------------------------------------------------------------------

    private void section(Section section) {
        Optional<Route> route = section.kind() == SectionKind.DOSING
                ? vocabulary.resolve(section.route(), Route.class, "route") : Optional.empty();
        if (section.kind() == SectionKind.DOSING) {
            if (route.isPresent() && dosing.containsKey(route.get())) {
                diagnostics.error(section.pos(), "route " + section.route().text() + " has two dosing sections; put its rules together");
            }
            route.ifPresent(r -> dosing.putIfAbsent(r, new ArrayList<>()));
        }
        for (RuleDecl decl : section.rules()) {
            Optional<RuleInfo> info = info(decl, section.kind());
            if (decl.clause() == null) {
                continue; // a syntax error (reported) after the head: only the head is checked
            }
            // the clause is checked even when the rule's identity is wrong, so that every problem is reported
            Optional<?> rule = bound(section.kind(), route, decl, info.orElse(UNNAMED));
            if (rule.isEmpty() || info.isEmpty()) {
                continue;
            }
            Object r = rule.get();
            switch (section.kind()) {
                case SCREENING -> screening.add((ScreeningRule) r);
                case DOSING -> route.ifPresent(rt -> dosing.get(rt).add((DoseRule) r));
                case SPACING -> spacing.add((SpacingRule) r);
                case SEQUENCING -> sequencing.add((SequencingRule) r);
                case SESSION -> sessionStart.add((SessionStartRule) r);
                case VITALS -> triggers.add((VitalTrigger) r);
                case OBSERVATION -> observation.add((ObservationRule) r);
                case DISCHARGE -> discharge.add((DischargeCriterion) r);
                case ADVERSE_EVENTS -> adverseEvents.add((AdverseEventRule) r);
                case OBLIGATIONS -> obligations.add((ObligationRule) r);
                case OUTCOMES -> outcomes.add((OutcomeRule) r);
            }
        }
        route.ifPresent(r -> dosingSections.computeIfAbsent(r, k -> new ArrayList<>()).add(section));
    }

    /** The rule, or empty with an error at the rule when the model refuses what was written (e.g. a trigger without actions). */
    private Optional<?> bound(SectionKind kind, Optional<Route> route, RuleDecl decl, RuleInfo info) {
        try {
            return rule(kind, route, decl, info);
        } catch (IllegalArgumentException refused) {
            diagnostics.error(decl.pos(), "rule " + decl.id().text() + ": " + refused.getMessage());
            return Optional.empty();
        }
    }

    private Optional<?> rule(SectionKind kind, Optional<Route> route, RuleDecl decl, RuleInfo info) {
        Clause c = decl.clause();
        return switch (kind) {
            case SCREENING -> screening(decl, info, c);
            case DOSING -> route.isEmpty() ? Optional.empty() : dose(info, c);
            case SPACING -> spacing(info, c);
            case SEQUENCING -> sequencing(info, c);
            case SESSION -> session(info, c);
            case VITALS -> trigger(info, (Trigger) c);
            case OBSERVATION -> observation(info, c);
            case DISCHARGE -> discharge(info, c);
            case ADVERSE_EVENTS -> adverse(decl, info, (AdverseEventMatch) c);
            case OBLIGATIONS -> obligation(info, (AfterEachSession) c);
            case OUTCOMES -> outcome(info, c);
        };
    }

    /** Id, message, citation and enforcement; duplicate and reserved ids are errors. */
    private Optional<RuleInfo> info(RuleDecl decl, SectionKind kind) {
        String id = decl.id().text();
        boolean ok = true;
        if (!RuleId.isValid(id)) {
            diagnostics.error(decl.id().pos(), "rule id '" + id + "' must be upper-case words joined by '-', e.g. "
                    + id.toUpperCase().replace('_', '-'));
            ok = false;
        } else if (id.startsWith("ENGINE-")) {
            diagnostics.error(decl.id().pos(), "rule ids starting with ENGINE- are reserved for the engine's own safety rules");
            ok = false;
        }
        Pos first = ruleIds.putIfAbsent(id, decl.id().pos());
        if (first != null) {
            diagnostics.error(decl.id().pos(), "duplicate rule id " + id + " (first used at line " + first.line()
                    + "); rule ids must be unique");
            ok = false;
        }
        if (decl.clause() != null && (decl.message() == null || decl.message().isBlank())) {
            diagnostics.error(decl.pos(), "rule " + id + " has no message; add: message \"what the clinician reads when it fires\"");
            ok = false;
        }
        if (decl.clause() != null && (decl.cite() == null || decl.cite().isBlank()) && status == ProtocolStatus.ACTIVE) {
            diagnostics.warning(decl.pos(), "rule " + id + " has no citation, in an active protocol; add: cite \"source\"");
        }
        Optional<org.kap.core.rule.Enforcement> enforcement = enforcement(decl, kind);
        if (!ok || enforcement.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RuleInfo(RuleId.of(id), decl.message(), decl.cite(), enforcement.get()));
    }

    private Optional<org.kap.core.rule.Enforcement> enforcement(RuleDecl decl, SectionKind kind) {
        Ast.Enforcement e = decl.enforcement();
        boolean warnVerb = decl.clause() instanceof Exclusion ex && ex.warn();
        if (e == null) {
            return Optional.of(warnVerb ? org.kap.core.rule.Enforcement.WARNING : org.kap.core.rule.Enforcement.ABSOLUTE);
        }
        if (warnVerb && e.kind() != EnforcementKind.WARNING) {
            diagnostics.error(e.pos(), "a 'warn' rule only warns; remove '" + e.kind().name().toLowerCase() + "' or write 'exclude'");
            return Optional.empty();
        }
        if (decl.clause() instanceof Exclusion ex && !ex.warn() && e.kind() == EnforcementKind.WARNING) {
            diagnostics.error(e.pos(), "an exclusion is absolute or relative; to warn, write: warn when ...");
            return Optional.empty();
        }
        return switch (e.kind()) {
            case ABSOLUTE -> Optional.of(org.kap.core.rule.Enforcement.ABSOLUTE);
            case WARNING -> Optional.of(org.kap.core.rule.Enforcement.WARNING);
            case RELATIVE -> {
                if (e.role() == null) {
                    diagnostics.error(e.pos(), "a relative rule says who may override it: relative override by prescriber");
                    yield Optional.empty();
                }
                yield vocabulary.resolve(e.role(), Role.class, "role").map(org.kap.core.rule.Enforcement::overridableBy);
            }
        };
    }

    private Optional<ScreeningRule> screening(RuleDecl decl, RuleInfo info, Clause c) {
        if (c instanceof Ast.RequiredFacts required) {
            return conditions.required(required).map(condition -> new ScreeningRule(info, condition));
        }
        Exclusion exclusion = (Exclusion) c;
        Optional<ClientCondition> condition = conditions.client(exclusion.condition());
        Optional<List<TriggeredAction>> ifFoundLater = laterActions(decl, exclusion);
        return condition.isPresent() && ifFoundLater.isPresent()
                ? Optional.of(new ScreeningRule(info, condition.get(), ifFoundLater.get())) : Optional.empty();
    }

    /** What a newly found exclusion does to the course: halt it, create an obligation; nothing that belongs to a session. */
    private Optional<List<TriggeredAction>> laterActions(RuleDecl decl, Exclusion exclusion) {
        if (exclusion.ifFoundLater().isEmpty()) {
            return Optional.of(List.of());
        }
        if (exclusion.warn()) {
            diagnostics.error(decl.pos(), "rule " + decl.id().text() + ": a warning excludes nothing; 'if found later' belongs to an exclusion");
            return Optional.empty();
        }
        boolean courseActionsOnly = exclusion.ifFoundLater().stream()
                .allMatch(a -> a instanceof Ast.HaltCourse || a instanceof Ast.CreateObligation);
        if (!courseActionsOnly) {
            diagnostics.error(decl.pos(), "rule " + decl.id().text() + ": if found later, a course can be halted or an "
                    + "obligation created (halt course, create prescriber_review due within 1 day); nothing else");
            return Optional.empty();
        }
        return actions(exclusion.ifFoundLater(), false);
    }

    private Optional<DoseRule> dose(RuleInfo info, Clause c) {
        if (c instanceof Ast.ForClients f) {
            // the clause and its condition are both checked, so that every problem is reported
            Optional<DoseRule> rule = dose(info, f.clause());
            Optional<org.kap.core.screening.ClientCondition> when = clients(f.when());
            return rule.isEmpty() || when.isEmpty() ? Optional.empty() : Optional.of(new DoseRule.ForClients(when.get(), rule.get()));
        }
        if (c instanceof Ast.AllowedDoses a) {
            List<Dose> doses = new ArrayList<>();
            boolean ok = true;
            for (Ast.Quantity q : a.doses()) {
                Optional<Dose> d = quantities.dose(q, "an allowed dose");
                d.ifPresent(doses::add);
                ok &= d.isPresent();
            }
            return ok ? Optional.of(new DoseRule.AllowedDoses(info, Set.copyOf(doses))) : Optional.empty();
        }
        if (c instanceof Ast.FirstDose f) {
            return quantities.dose(f.dose(), "the first dose").map(d -> new DoseRule.FirstDose(info, d));
        }
        if (c instanceof Ast.StartDose s) {
            return quantities.dose(s.dose(), "the start dose").map(d -> new DoseRule.StartDose(info, d));
        }
        if (c instanceof Ast.SessionMaximum m) {
            return quantities.dose(m.dose(), "the per-session maximum").map(d -> new DoseRule.SessionMaximum(info, d));
        }
        if (c instanceof Ast.TitrationStep t) {
            return quantities.dose(t.step(), "the titration step").map(d -> new DoseRule.TitrationStep(info, d));
        }
        if (c instanceof Ast.InfusionDuration d) {
            return quantities.duration(d.minimum(), "the infusion duration").map(x -> new DoseRule.InfusionDuration(info, x));
        }
        if (c instanceof Ast.InfusionRate r) {
            return quantities.rate(r.maximum(), "the infusion rate").map(x -> new DoseRule.InfusionRate(info, x));
        }
        if (c instanceof Ast.WeightRecency w) {
            return quantities.duration(w.maximumAge(), "how recent the weight must be").map(x -> new DoseRule.WeightRecency(info, x));
        }
        Ast.Cumulative cu = (Ast.Cumulative) c;
        Optional<Dose> max = quantities.dose(cu.maximum(), "the cumulative maximum");
        Optional<Duration> period = quantities.duration(cu.period(), "the cumulative period");
        return max.isPresent() && period.isPresent()
                ? Optional.of(new DoseRule.CumulativeLimit(info, max.get(), period.get())) : Optional.empty();
    }

    /**
     * Impossible combinations within one route: a start or first dose above the maximum, a first dose outside the set.
     * Linear in the number of rules (a generated file of thousands of rules must not take seconds or all memory), and
     * one error per first dose however many allowed-dose rules leave it out.
     */
    private void rangesOfRoute(Route route, List<Section> sections) {
        List<DoseRule> rules = dosing.get(route);
        Map<String, Pos> positions = new HashMap<>();
        sections.stream().flatMap(s -> s.rules().stream()).forEach(r -> positions.putIfAbsent(r.id().text(), r.pos()));
        // limits are weighed against each other within one group of clients: the rules for everyone, and each client
        // condition's own together with the rules for everyone (an older adults' first dose is checked against their
        // dose set and every limit that applies to all, never against another group's set)
        List<DoseRule> everyone = rules.stream().filter(r -> !(r instanceof DoseRule.ForClients)).toList();
        Map<String, List<DoseRule>> byClients = new java.util.LinkedHashMap<>();
        byClients.put("", new ArrayList<>(everyone));
        for (DoseRule rule : rules) {
            if (rule instanceof DoseRule.ForClients f) {
                byClients.computeIfAbsent(f.when().toString(), k -> new ArrayList<>(everyone)).add(f.rule());
            }
        }
        byClients.values().forEach(group -> rangesOf(group, sections, positions));
    }

    private void rangesOf(List<DoseRule> rules, List<Section> sections, Map<String, Pos> positions) {
        Map<org.kap.core.units.Unit, DoseRule.SessionMaximum> maximumByUnit = new EnumMap<>(org.kap.core.units.Unit.class);
        List<DoseRule.AllowedDoses> allowed = new ArrayList<>();
        for (DoseRule rule : rules) {
            if (rule instanceof DoseRule.SessionMaximum m) {
                // the strictest maximum in each unit is the one a start or first dose must keep under
                maximumByUnit.merge(m.maximum().unit(), m, (a, b) -> Quantity.compare(b.maximum(), a.maximum()) < 0 ? b : a);
            } else if (rule instanceof DoseRule.AllowedDoses a) {
                allowed.add(a);
            }
        }
        for (DoseRule rule : rules) {
            Dose dose = rule instanceof DoseRule.StartDose s ? s.maximum() : rule instanceof DoseRule.FirstDose f ? f.dose() : null;
            if (dose == null) {
                continue;
            }
            Pos where = positions.getOrDefault(rule.info().id().value(), sections.get(0).pos());
            DoseRule.SessionMaximum max = maximumByUnit.get(dose.unit());
            if (max != null && Quantity.compare(dose, max.maximum()) > 0) {
                diagnostics.error(where, rule.info().id() + ": " + dose + " is above the per-session maximum " + max.maximum()
                        + " (" + max.info().id() + ")");
            }
            if (rule instanceof DoseRule.FirstDose) {
                allowed.stream()
                        .filter(a -> a.doses().stream().noneMatch(d -> d.unit() == dose.unit() && Quantity.compare(d, dose) == 0))
                        .findFirst()
                        .ifPresent(a -> diagnostics.error(where, rule.info().id() + ": the first dose " + dose
                                + " is not among the allowed doses of " + a.info().id()));
            }
        }
    }

    private Optional<SpacingRule> spacing(RuleInfo info, Clause c) {
        if (c instanceof Ast.MinimumInterval m) {
            return quantities.duration(m.minimum(), "the minimum interval").map(d -> new SpacingRule.MinimumInterval(info, d));
        }
        if (c instanceof Ast.Frequency f) {
            Optional<Integer> count = quantities.whole(f.count(), 1, "the number of sessions");
            Optional<Window> window = window(f.window());
            return count.isPresent() && window.isPresent()
                    ? Optional.of(new SpacingRule.SessionFrequency(info, count.get(), window.get())) : Optional.empty();
        }
        Ast.Phase p = (Ast.Phase) c;
        Optional<Integer> from = quantities.whole(p.from(), 1, "the first week of the phase");
        Optional<Integer> to = p.to() == null ? Optional.empty() : quantities.whole(p.to(), 1, "the last week of the phase");
        Optional<Integer> count = quantities.whole(p.count(), 1, "the number of sessions");
        Optional<Window> window = window(p.window());
        if (from.isPresent() && to.isPresent() && to.get() < from.get()) {
            diagnostics.error(p.to().pos(), "the phase ends in week " + to.get() + ", before it starts in week " + from.get());
            return Optional.empty();
        }
        if (from.isEmpty() || count.isEmpty() || window.isEmpty() || (p.to() != null && to.isEmpty())) {
            return Optional.empty();
        }
        return Optional.of(new SpacingRule.PhaseFrequency(info, from.get(), to.orElse(null), count.get(), window.get()));
    }

    private Optional<Window> window(Ast.Window w) {
        if (w instanceof Ast.RollingWindow r) {
            return quantities.duration(r.length(), "the window").map(Window.Rolling::new);
        }
        if (w instanceof Ast.CalendarWeek) {
            return Optional.of(new Window.CalendarWeek());
        }
        throw unhandled(w, "spacing window");
    }

    private Optional<SequencingRule> sequencing(RuleInfo info, Clause c) {
        if (c instanceof Ast.Preparation p) {
            return quantities.whole(p.sessions(), 1, "the number of preparation sessions")
                    .map(n -> new SequencingRule.PreparationRequired(info, n));
        }
        if (c instanceof Ast.IntegrationWindow w) {
            Set<Route> routes = EnumSet.noneOf(Route.class);
            boolean ok = true;
            for (Word r : w.routes()) {
                Optional<Route> route = vocabulary.resolve(r, Route.class, "route");
                route.ifPresent(routes::add);
                ok &= route.isPresent();
            }
            Optional<Duration> earliest = quantities.durationAllowingZero(w.earliest(), "the start of the integration window");
            Optional<Duration> latest = quantities.duration(w.latest(), "the end of the integration window");
            if (earliest.isPresent() && latest.isPresent() && latest.get().compareTo(earliest.get()) < 0) {
                diagnostics.error(w.latest().pos(), "the integration window ends (" + w.latest() + ") before it starts ("
                        + w.earliest() + ")");
                return Optional.empty();
            }
            return ok && earliest.isPresent() && latest.isPresent()
                    ? Optional.of(new SequencingRule.IntegrationWindow(info, routes, earliest.get(), latest.get())) : Optional.empty();
        }
        if (c instanceof Ast.IntegrationBeforeNextDose) {
            return Optional.of(new SequencingRule.IntegrationBeforeNextDose(info));
        }
        throw unhandled(c, "sequencing");
    }

    /**
     * A clause the parser built but this dispatch does not know: a defect of the compiler (a new kind missing a layer),
     * reported as such, never read as some other rule.
     */
    private static IllegalStateException unhandled(Object clause, String section) {
        return new IllegalStateException("the checker has no rule for a " + section + " clause of kind "
                + clause.getClass().getSimpleName());
    }

    private Optional<SessionStartRule> session(RuleInfo info, Clause c) {
        if (c instanceof Ast.ForClients f) {
            Optional<SessionStartRule> rule = session(info, f.clause());
            Optional<org.kap.core.screening.ClientCondition> when = clients(f.when());
            return rule.isEmpty() || when.isEmpty() ? Optional.empty() : Optional.of(new SessionStartRule.ForClients(when.get(), rule.get()));
        }
        if (c instanceof Ast.SettingRequirement s) {
            return vocabulary.resolve(s.feature(), SettingFeature.class, "setting requirement")
                    .map(f -> new SessionStartRule.SettingRequirement(info, f));
        }
        if (c instanceof Ast.PreDoseVital v) {
            return requirement(v.required()).map(required -> new SessionStartRule.PreDoseVital(info, required));
        }
        if (c instanceof Ast.PreDoseRecency r) {
            return quantities.duration(r.maximumAge(), "how recent pre-dose vitals must be")
                    .map(d -> new SessionStartRule.PreDoseRecency(info, d));
        }
        return quantities.duration(((Ast.ApprovalValidity) c).validFor(), "the approval's validity")
                .map(d -> new SessionStartRule.ApprovalExpiry(info, d));
    }

    /** The group of clients a rule is for: a condition over what is known of the client, never over doses taken before the act. */
    private Optional<org.kap.core.screening.ClientCondition> clients(Ast.Condition written) {
        Optional<org.kap.core.screening.ClientCondition> when = conditions.client(written);
        if (when.isPresent() && when.get().actRelative()) {
            diagnostics.error(written.pos(), "a limit for some clients reads what is known of the client, not doses taken "
                    + "before the act");
            return Optional.empty();
        }
        return when;
    }

    /** Bounds on a reading combined with and / or; empty when any part is wrong (each wrong part reports itself). */
    private Optional<org.kap.core.vitals.VitalRequirement> requirement(Ast.VitalExpression e) {
        if (e instanceof Ast.VitalBoundExpression b) {
            return vitalSign(b.field(), "pre-dose limits are on vital signs")
                    .flatMap(sign -> conditions.bound(sign, Comparison.fromSymbol(b.comparator().text()), b.limit(), sign.label()))
                    .map(bound -> (org.kap.core.vitals.VitalRequirement) bound);
        }
        boolean all = e instanceof Ast.VitalAll;
        List<Ast.VitalExpression> parts = all ? ((Ast.VitalAll) e).parts() : ((Ast.VitalAny) e).parts();
        List<org.kap.core.vitals.VitalRequirement> checked = new ArrayList<>();
        boolean complete = true;
        for (Ast.VitalExpression part : parts) {
            Optional<org.kap.core.vitals.VitalRequirement> r = requirement(part);
            r.ifPresent(checked::add);
            complete &= r.isPresent();
        }
        if (!complete) {
            return Optional.empty();
        }
        return Optional.of(all ? new org.kap.core.vitals.VitalRequirement.AllOf(checked)
                : new org.kap.core.vitals.VitalRequirement.AnyOf(checked));
    }

    private Optional<VitalTrigger> trigger(RuleInfo info, Trigger t) {
        if (t.condition() instanceof Ast.VitalCondition single) {
            Optional<org.kap.core.outcome.Instrument> instrument = Conditions.instrument(single.field().text());
            if (instrument.isPresent()) {
                return scoreTrigger(info, t, single instanceof AbsoluteVital a ? a : null, single, instrument.get());
            }
        }
        Optional<VitalCondition> condition = triggerCondition(t.condition());
        Optional<Integer> readings = t.readings() == null ? Optional.of(1) : quantities.whole(t.readings(), 1, "the number of readings");
        Optional<Duration> apart = t.apart() == null ? Optional.of(Duration.ZERO)
                : quantities.durationAllowingZero(t.apart(), "the time between readings");
        Optional<List<TriggeredAction>> actions = actions(t.actions(), true);
        if (condition.isEmpty() || readings.isEmpty() || apart.isEmpty() || actions.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new VitalTrigger(info, condition.get(), readings.get(), apart.get(), actions.get()));
    }

    /** A condition on a reading, or conditions combined; empty when any part is wrong (each wrong part reports itself). */
    private Optional<VitalCondition> triggerCondition(Ast.TriggerCondition c) {
        if (c instanceof Ast.TriggerAll || c instanceof Ast.TriggerAny) {
            List<Ast.TriggerCondition> parts = c instanceof Ast.TriggerAll all ? all.parts() : ((Ast.TriggerAny) c).parts();
            List<VitalCondition> checked = new ArrayList<>();
            boolean complete = true;
            for (Ast.TriggerCondition part : parts) {
                if (part instanceof Ast.VitalCondition v && Conditions.instrument(v.field().text()).isPresent()) {
                    diagnostics.error(v.field().pos(), "a score stands alone in a trigger: it fires on one assessment, not on a "
                            + "reading of vital signs");
                    complete = false;
                    continue;
                }
                Optional<VitalCondition> p = triggerCondition(part);
                p.ifPresent(checked::add);
                complete &= p.isPresent();
            }
            if (!complete) {
                return Optional.empty();
            }
            return Optional.of(c instanceof Ast.TriggerAll ? new VitalCondition.AllOf(checked) : new VitalCondition.AnyOf(checked));
        }
        Ast.VitalCondition single = (Ast.VitalCondition) c;
        return vitalSign(single.field(), "a trigger watches a vital sign or a score "
                + "assessed in the session (" + String.join(", ", Conditions.instruments()) + ")").flatMap(sign -> {
            if (single instanceof AbsoluteVital a) {
                return conditions.bound(sign, Comparison.fromSymbol(a.comparator().text()), a.limit(), sign.label())
                        .map(VitalCondition.Absolute::new);
            }
            Ast.Quantity rise = ((RiseOverBaseline) single).rise();
            if (rise.unit() != null && rise.unit().text().equals("%")) {
                return quantities.percent(rise, "the rise").map(p -> new VitalCondition.RisePercentOverBaseline(sign, p));
            }
            return quantities.in(sign.unit(), rise, "a rise in " + sign.label())
                    .map(q -> new VitalCondition.RiseOverBaseline(sign, q));
        });
    }

    /** {@code when moaas <= 3: extend observation by 30 min}: fires on a score assessed in the session. */
    private Optional<VitalTrigger> scoreTrigger(RuleInfo info, Trigger t, AbsoluteVital a, Ast.VitalCondition written,
                                                org.kap.core.outcome.Instrument instrument) {
        boolean ok = true;
        if (a == null) {
            diagnostics.error(written.field().pos(), "a score has no baseline to rise over; write " + instrument.code() + " <= N");
            return Optional.empty();
        }
        if (t.readings() != null) {
            diagnostics.error(t.readings().pos(), "a trigger on a score fires on one assessment; 'on N readings' is for vital signs");
            ok = false;
        }
        Optional<Integer> value = conditions.score(instrument, a.limit());
        Optional<List<TriggeredAction>> actions = actions(t.actions(), true);
        if (!ok || value.isEmpty() || actions.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new VitalTrigger(info, new VitalCondition.Score(instrument, Comparison.fromSymbol(a.comparator().text()),
                value.get()), 1, Duration.ZERO, actions.get()));
    }

    private Optional<List<TriggeredAction>> actions(List<Action> written, boolean mayRaise) {
        List<TriggeredAction> actions = new ArrayList<>();
        boolean ok = true;
        for (Action a : written) {
            Optional<TriggeredAction> action = action(a, mayRaise);
            action.ifPresent(actions::add);
            ok &= action.isPresent();
        }
        return ok ? Optional.of(actions) : Optional.empty();
    }

    private Optional<TriggeredAction> action(Action a, boolean mayRaise) {
        if (a instanceof Ast.ExtendObservation e) {
            return quantities.duration(e.extra(), "the extension").map(TriggeredAction.ExtendObservation::new);
        }
        if (a instanceof Ast.StopSession) {
            return Optional.of(new TriggeredAction.StopSession());
        }
        if (a instanceof Ast.HaltCourse) {
            return Optional.of(new TriggeredAction.HaltCourse());
        }
        if (a instanceof Ast.CreateObligation o) {
            Optional<ObligationKind> kind = vocabulary.resolve(o.kind(), ObligationKind.class, "obligation");
            Optional<Duration> due = quantities.duration(o.due(), "the deadline");
            return kind.isPresent() && due.isPresent()
                    ? Optional.of(new TriggeredAction.CreateObligation(kind.get(), due.get(), o.blocking())) : Optional.empty();
        }
        Ast.RaiseAdverseEvent r = (Ast.RaiseAdverseEvent) a;
        if (!mayRaise) {
            diagnostics.error(r.type().pos(), "an adverse-event rule cannot record another adverse event (it would cascade)");
            return Optional.empty();
        }
        Optional<AdverseEventType> type = vocabulary.resolve(r.type(), AdverseEventType.class, "adverse event type");
        Optional<Integer> grade = grade(r.grade());
        Set<Seriousness> seriousness = EnumSet.noneOf(Seriousness.class);
        boolean ok = true;
        for (Word w : r.seriousness()) {
            Optional<Seriousness> s = vocabulary.resolve(w, Seriousness.class, "seriousness criterion");
            s.ifPresent(seriousness::add);
            ok &= s.isPresent();
        }
        return type.isPresent() && grade.isPresent() && ok
                ? Optional.of(new TriggeredAction.RaiseAdverseEvent(type.get(), grade.get(), seriousness)) : Optional.empty();
    }

    private Optional<Integer> grade(Num n) {
        Optional<Integer> grade = quantities.whole(n, 1, "a CTCAE grade");
        if (grade.isPresent() && grade.get() > 5) {
            diagnostics.error(n.pos(), "a CTCAE grade is 1 to 5; got " + grade.get());
            return Optional.empty();
        }
        return grade;
    }

    private Optional<ObservationRule> observation(RuleInfo info, Clause c) {
        if (c instanceof Ast.ObservationMinimum m) {
            Optional<Duration> minimum = quantities.duration(m.minimum(), "the minimum observation");
            Optional<Anchor> anchor = vocabulary.resolve(m.anchor(), Anchor.class, "anchor");
            return minimum.isPresent() && anchor.isPresent()
                    ? Optional.of(new ObservationRule.ObservationMinimum(info, anchor.get(), minimum.get())) : Optional.empty();
        }
        if (c instanceof Ast.ScheduledCheck s) {
            Set<VitalSign> signs = EnumSet.noneOf(VitalSign.class);
            Set<Instrument> scores = EnumSet.noneOf(Instrument.class);
            boolean ok = true;
            for (Word w : s.signs()) {
                // a check takes vital signs, and scores assessed in the session (moaas, padss, ...)
                Optional<Instrument> instrument = Conditions.instrument(w.text());
                if (instrument.isPresent()) {
                    scores.add(instrument.get());
                    continue;
                }
                Optional<VitalSign> sign = vitalSign(w, "a check takes vital signs and scores (" + String.join(", ",
                        Conditions.instruments()) + ")");
                sign.ifPresent(signs::add);
                ok &= sign.isPresent();
            }
            Optional<Duration> offset = quantities.duration(s.offset(), "the time of the check");
            Optional<Duration> tolerance = s.tolerance() == null ? Optional.of(Duration.ZERO)
                    : quantities.durationAllowingZero(s.tolerance(), "the tolerance");
            Optional<Anchor> anchor = vocabulary.resolve(s.anchor(), Anchor.class, "anchor");
            if (offset.isPresent() && tolerance.isPresent() && tolerance.get().compareTo(offset.get()) > 0) {
                diagnostics.error(s.tolerance().pos(), "the tolerance " + s.tolerance() + " is longer than the time of the check "
                        + s.offset() + ", so the check could come before the anchor");
                ok = false;
            }
            return ok && offset.isPresent() && tolerance.isPresent() && anchor.isPresent()
                    ? Optional.of(new ObservationRule.ScheduledCheck(info, signs, scores, anchor.get(), offset.get(), tolerance.get()))
                    : Optional.empty();
        }
        if (c instanceof Ast.EndedOtherwise o) {
            Set<Disposition> dispositions = EnumSet.noneOf(Disposition.class);
            boolean ok = true;
            for (Word w : o.dispositions()) {
                Optional<Disposition> d = vocabulary.resolve(w, Disposition.class, "disposition");
                d.ifPresent(dispositions::add);
                ok &= d.isPresent();
            }
            if (!o.actions().stream().allMatch(a -> a instanceof Ast.HaltCourse || a instanceof Ast.CreateObligation)) {
                diagnostics.error(o.dispositions().get(0).pos(), "once a session has ended, a course can be halted or an "
                        + "obligation created (halt course, create adverse_event_report due within 1 day); nothing else");
                return Optional.empty();
            }
            Optional<List<TriggeredAction>> actions = actions(o.actions(), false);
            return ok && actions.isPresent()
                    ? Optional.of(new ObservationRule.EndedOtherwise(info, dispositions, actions.get())) : Optional.empty();
        }
        Ast.ObservationExtension e = (Ast.ObservationExtension) c;
        Optional<Duration> extra = quantities.duration(e.extra(), "the extension");
        return conditions.client(e.when()).flatMap(when -> extra.map(d -> new ObservationRule.ObservationExtension(info, when, d)));
    }

    private Optional<DischargeCriterion> discharge(RuleInfo info, Clause c) {
        if (c instanceof Ast.DischargeAll || c instanceof Ast.DischargeAny) {
            List<Clause> parts = c instanceof Ast.DischargeAll all ? all.parts() : ((Ast.DischargeAny) c).parts();
            List<DischargeCriterion> checked = new ArrayList<>();
            boolean complete = true;
            for (Clause part : parts) {
                Optional<DischargeCriterion> p = discharge(info, part);
                p.ifPresent(checked::add);
                complete &= p.isPresent();
            }
            if (!complete) {
                return Optional.empty();
            }
            return Optional.of(c instanceof Ast.DischargeAll ? new DischargeCriterion.AllOf(info, checked)
                    : new DischargeCriterion.AnyOf(info, checked));
        }
        if (c instanceof Ast.DischargeBound b) {
            Comparison relation = Comparison.fromSymbol(b.comparator().text());
            Optional<Instrument> instrument = Conditions.instrument(b.field().text());
            if (instrument.isPresent()) {
                return conditions.score(instrument.get(), b.limit())
                        .map(v -> new DischargeCriterion.DischargeScore(info, instrument.get(), relation, v));
            }
            Optional<VitalSign> sign = Conditions.vitalSign(b.field().text());
            if (sign.isEmpty()) {
                diagnostics.error(b.field().pos(), Vocabulary.unknown("vital sign or score", b.field().text(),
                        java.util.stream.Stream.concat(Conditions.vitalSigns().stream(), Conditions.instruments().stream()).toList()));
                return Optional.empty();
            }
            return conditions.bound(sign.get(), relation, b.limit(), sign.get().label())
                    .map(bound -> new DischargeCriterion.DischargeVital(info, bound));
        }
        if (c instanceof Ast.DischargeNearBaseline n) {
            Optional<VitalSign> sign = vitalSign(n.field(), "a baseline is a vital sign's");
            Optional<org.kap.core.units.Percent> within = quantities.percent(n.within(), "the distance from baseline");
            return sign.isPresent() && within.isPresent()
                    ? Optional.of(new DischargeCriterion.DischargeNearBaseline(info, sign.get(), within.get())) : Optional.empty();
        }
        if (c instanceof Ast.EscortRequired) {
            return Optional.of(new DischargeCriterion.EscortRequired(info));
        }
        if (c instanceof Ast.NoDriving) {
            return Optional.of(new DischargeCriterion.NoSelfDriving(info));
        }
        throw unhandled(c, "discharge");
    }

    private Optional<AdverseEventRule> adverse(RuleDecl decl, RuleInfo info, AdverseEventMatch m) {
        List<AdverseEventRule.Match> on = new ArrayList<>();
        boolean ok = true;
        for (AdverseEventMatch alternative : java.util.stream.Stream.concat(java.util.stream.Stream.of(m),
                m.alternatives().stream()).toList()) {
            Optional<AdverseEventRule.Match> match = match(alternative);
            match.ifPresent(on::add);
            ok &= match.isPresent();
        }
        Optional<List<TriggeredAction>> actions = actions(m.actions(), false);
        if (!ok || actions.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new AdverseEventRule(info, on, actions.get()));
    }

    /** One kind of event a rule acts on: types (none: any), a lowest grade, and seriousness. */
    private Optional<AdverseEventRule.Match> match(AdverseEventMatch m) {
        Set<AdverseEventType> types = EnumSet.noneOf(AdverseEventType.class);
        boolean ok = true;
        for (Word w : m.types()) {
            Optional<AdverseEventType> type = vocabulary.resolve(w, AdverseEventType.class, "adverse event type");
            type.ifPresent(types::add);
            ok &= type.isPresent();
        }
        Optional<Integer> grade = m.grade() == null ? Optional.of(1) : grade(m.grade());
        return ok && grade.isPresent()
                ? Optional.of(new AdverseEventRule.Match(types, grade.get(), m.seriousness())) : Optional.empty();
    }

    private Optional<ObligationRule> obligation(RuleInfo info, AfterEachSession o) {
        Optional<ObligationKind> kind = vocabulary.resolve(o.kind(), ObligationKind.class, "obligation");
        Optional<Duration> due = quantities.duration(o.due(), "the deadline");
        return kind.isPresent() && due.isPresent()
                ? Optional.of(new ObligationRule(info, kind.get(), due.get(), o.blocking())) : Optional.empty();
    }

    private Optional<OutcomeRule> outcome(RuleInfo info, Clause c) {
        if (c instanceof Ast.Measure m) {
            return vocabulary.resolve(m.instrument(), Instrument.class, "instrument", Instrument::code)
                    .map(i -> new OutcomeRule.OutcomeMeasure(info, i));
        }
        Ast.ReviewPoint r = (Ast.ReviewPoint) c;
        Optional<Integer> sessions = quantities.whole(r.sessions(), 1, "the number of sessions");
        if (r.instrument() == null) {
            return sessions.map(n -> new OutcomeRule.ReviewPoint(info, n, null, null));
        }
        Optional<Instrument> instrument = vocabulary.resolve(r.instrument(), Instrument.class, "instrument", Instrument::code);
        Optional<org.kap.core.units.Percent> improvement = quantities.percent(r.improvement(), "the required improvement");
        return sessions.isPresent() && instrument.isPresent() && improvement.isPresent()
                ? Optional.of(new OutcomeRule.ReviewPoint(info, sessions.get(), instrument.get(), improvement.get()))
                : Optional.empty();
    }

    private Optional<VitalSign> vitalSign(Word word, String why) {
        Optional<VitalSign> sign = Conditions.vitalSign(word.text());
        if (sign.isEmpty()) {
            diagnostics.error(word.pos(), Vocabulary.unknown("vital sign", word.text(), Conditions.vitalSigns()) + " (" + why + ")");
        }
        return sign;
    }
}
