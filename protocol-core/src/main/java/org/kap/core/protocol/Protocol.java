package org.kap.core.protocol;

import org.kap.core.adverse.AdverseEventRule;
import org.kap.core.dosing.Route;
import org.kap.core.dosing.RouteDosing;
import org.kap.core.obligation.ObligationRule;
import org.kap.core.observation.DischargeCriterion;
import org.kap.core.observation.ObservationRule;
import org.kap.core.outcome.OutcomeRule;
import org.kap.core.rule.ProtocolRef;
import org.kap.core.rule.Rule;
import org.kap.core.rule.RuleId;
import org.kap.core.screening.ScreeningRule;
import org.kap.core.sequencing.SequencingRule;
import org.kap.core.session.SessionStartRule;
import org.kap.core.spacing.SpacingRule;
import org.kap.core.terminology.Coding;
import org.kap.core.terminology.ValueSet;
import org.kap.core.vitals.VitalTrigger;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One immutable version of a treatment protocol: everything the engine enforces, as data. The DSL
 * compiles text into exactly this; {@link ProtocolBuilder} builds it in Java.
 *
 * @param sourceSha256 the SHA-256 of the protocol text it was compiled from; empty for protocols built in Java
 * @param valueSets    the value sets it declares or imports from libraries, which its rules look in
 */
public record Protocol(ProtocolRef ref, ProtocolStatus status, String title, Set<Indication> indications,
                       String sourceSha256,
                       List<ScreeningRule> screening,
                       Map<Route, RouteDosing> dosing,
                       List<SpacingRule> spacing,
                       List<SequencingRule> sequencing,
                       List<SessionStartRule> sessionStart,
                       List<VitalTrigger> vitalTriggers,
                       List<ObservationRule> observation,
                       List<DischargeCriterion> discharge,
                       List<AdverseEventRule> adverseEvents,
                       List<ObligationRule> obligations,
                       List<OutcomeRule> outcomes,
                       List<ValueSet> valueSets) {

    public Protocol {
        Objects.requireNonNull(ref, "protocol id and version");
        Objects.requireNonNull(status, "status");
        title = title == null ? "" : title;
        indications = Set.copyOf(indications);
        sourceSha256 = sourceSha256 == null ? "" : sourceSha256;
        screening = List.copyOf(screening);
        dosing = Collections.unmodifiableMap(new EnumMap<>(dosing.isEmpty() ? new EnumMap<>(Route.class) : dosing));
        spacing = List.copyOf(spacing);
        sequencing = List.copyOf(sequencing);
        sessionStart = List.copyOf(sessionStart);
        vitalTriggers = List.copyOf(vitalTriggers);
        observation = List.copyOf(observation);
        discharge = List.copyOf(discharge);
        adverseEvents = List.copyOf(adverseEvents);
        obligations = List.copyOf(obligations);
        outcomes = List.copyOf(outcomes);
        valueSets = List.copyOf(valueSets);
        requireUniqueRuleIds(allRulesOf(screening, dosing, spacing, sequencing, sessionStart, vitalTriggers,
                observation, discharge, adverseEvents, obligations, outcomes));
    }

    /**
     * The words its screening rules look for in diagnoses, history, medications and substances, and its value sets'
     * words: a word a clinical system sends outside these is checked against no rule.
     */
    public Set<String> vocabulary() {
        Set<String> words = new java.util.TreeSet<>();
        clientConditions().forEach(condition -> words.addAll(condition.vocabulary()));
        valueSets.forEach(set -> words.addAll(set.words()));
        return words;
    }

    /**
     * Every condition over the client the protocol reads: its screening rules, its observation extensions, and the
     * groups of clients its dose limits and session requirements are for.
     */
    public List<org.kap.core.screening.ClientCondition> clientConditions() {
        List<org.kap.core.screening.ClientCondition> conditions = new ArrayList<>();
        screening.forEach(rule -> conditions.add(rule.when()));
        observation.stream().filter(ObservationRule.ObservationExtension.class::isInstance)
                .forEach(rule -> conditions.add(((ObservationRule.ObservationExtension) rule).when()));
        dosing.values().forEach(route -> route.rules().stream().filter(org.kap.core.dosing.DoseRule.ForClients.class::isInstance)
                .forEach(rule -> conditions.add(((org.kap.core.dosing.DoseRule.ForClients) rule).when())));
        sessionStart.stream().filter(SessionStartRule.ForClients.class::isInstance)
                .forEach(rule -> conditions.add(((SessionStartRule.ForClients) rule).when()));
        return conditions;
    }

    /**
     * The same rules under another status: a published version's status is what its lifecycle made it (made active,
     * retired), not only what its text said at publication.
     */
    public Protocol withStatus(ProtocolStatus newStatus) {
        return newStatus == status ? this : new Protocol(ref, newStatus, title, indications, sourceSha256, screening, dosing,
                spacing, sequencing, sessionStart, vitalTriggers, observation, discharge, adverseEvents, obligations, outcomes,
                valueSets);
    }

    /** The libraries its value sets were imported from, each with the hash of the text imported. */
    public List<org.kap.core.terminology.ValueSetLibrary.Ref> imports() {
        return valueSets.stream().flatMap(set -> set.library().stream()).distinct().toList();
    }

    /** The value sets a code of the client's record is in (none: no rule of this protocol checks it). */
    public List<ValueSet> valueSetsOf(Coding coding) {
        return valueSets.stream().filter(set -> set.contains(coding)).toList();
    }

    public Optional<RouteDosing> dosingFor(Route route) {
        return Optional.ofNullable(dosing.get(route));
    }

    /** Every rule, in the order of the protocol's sections. */
    public List<Rule> rules() {
        return allRulesOf(screening, dosing, spacing, sequencing, sessionStart, vitalTriggers, observation, discharge,
                adverseEvents, obligations, outcomes);
    }

    public Optional<Rule> rule(RuleId id) {
        return rules().stream().filter(r -> r.info().id().equals(id)).findFirst();
    }

    /** Rules of one kind, e.g. {@code rulesOf(SequencingRule.PreparationRequired.class)}. */
    public <R> List<R> rulesOf(Class<R> kind) {
        return rules().stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    private static List<Rule> allRulesOf(List<ScreeningRule> screening, Map<Route, RouteDosing> dosing,
                                         List<SpacingRule> spacing, List<SequencingRule> sequencing,
                                         List<SessionStartRule> sessionStart, List<VitalTrigger> vitalTriggers,
                                         List<ObservationRule> observation, List<DischargeCriterion> discharge,
                                         List<AdverseEventRule> adverseEvents, List<ObligationRule> obligations,
                                         List<OutcomeRule> outcomes) {
        List<Rule> all = new ArrayList<>(screening);
        dosing.values().forEach(d -> all.addAll(d.rules()));
        all.addAll(spacing);
        all.addAll(sequencing);
        all.addAll(sessionStart);
        all.addAll(vitalTriggers);
        all.addAll(observation);
        all.addAll(discharge);
        all.addAll(adverseEvents);
        all.addAll(obligations);
        all.addAll(outcomes);
        return List.copyOf(all);
    }

    private static void requireUniqueRuleIds(List<Rule> rules) {
        Set<RuleId> seen = new HashSet<>();
        for (Rule r : rules) {
            if (!seen.add(r.info().id())) {
                throw new IllegalArgumentException("rule id " + r.info().id() + " is used twice; rule ids must be unique");
            }
        }
    }
}
