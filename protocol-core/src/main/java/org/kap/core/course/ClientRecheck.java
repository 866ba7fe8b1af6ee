package org.kap.core.course;

import org.kap.core.facts.ClientFact;
import org.kap.core.facts.ClientFacts;
import org.kap.core.facts.TimedFact;
import org.kap.core.protocol.Protocol;
import org.kap.core.rule.Finding;
import org.kap.core.rule.RuleId;
import org.kap.core.screening.ClientProfile;
import org.kap.core.screening.ScreeningRule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * The protocol's screening rules checked again during the course, on what is known of the client
 * at the act: a positive pregnancy test, a new diagnosis, a stimulant taken this morning exclude as
 * they would have at screening, by the same rule id, with the new evidence.
 *
 * <p>Only rules that read a fact recorded since screening, or that look at the act's own time (a
 * dose taken within hours of it), are evaluated again: for the others the screening decision stands
 * (the course would not be consented otherwise). A finding already taken into account on the same
 * evidence (a warning shown, an override used) is not raised again.
 */
final class ClientRecheck {

    /** What recording one fact found: the rules evaluated again and their findings. */
    record OnFact(List<RuleId> rechecked, List<Finding> findings) {
    }

    private ClientRecheck() {
    }

    /** At a dose approval, session start or booster: rules over changed facts, on what is known at {@code at}. */
    static void atDosingAct(Protocol protocol, CourseState state, Instant at, DecisionBuilder decision) {
        ClientFacts facts = state.facts();
        Set<String> changed = new java.util.HashSet<>(facts.changedSinceScreening());
        changed.addAll(state.correctedScreeningFacts());
        ClientProfile known = facts.profileAt(at);
        for (ScreeningRule rule : protocol.screening()) {
            if (rule.when().actRelative() || !Collections.disjoint(rule.when().reads(), changed)) {
                decision.add(rule.check(protocol.ref(), known, at).filter(f -> !state.settled(f)));
            }
        }
    }

    /**
     * When a fact is recorded: every rule reading what it changed, on what is known once it is in (at the
     * later of its clinical time and the course's latest act). Rules about the act's own time wait for the act.
     */
    static OnFact onFact(Protocol protocol, CourseState state, ClientFact fact, Instant at, long entry) {
        List<TimedFact> timeline = new ArrayList<>(state.facts().timeline());
        timeline.add(TimedFact.of(entry, at, fact));
        ClientFacts facts = new ClientFacts(state.profile(), state.facts().screenedAt(), timeline);
        Instant now = state.latestAct() != null && state.latestAct().isAfter(at) ? state.latestAct() : at;
        ClientProfile known = facts.profileAt(now);
        List<RuleId> rechecked = new ArrayList<>();
        List<Finding> findings = new ArrayList<>(VocabularyCheck.findings(protocol, fact));
        for (ScreeningRule rule : protocol.screening()) {
            if (!rule.when().actRelative() && !Collections.disjoint(rule.when().reads(), fact.changes())) {
                rechecked.add(rule.info().id());
                rule.check(protocol.ref(), known, now).ifPresent(findings::add);
            }
        }
        return new OnFact(rechecked, findings);
    }

    /**
     * After a correction: every rule reading a fact it changed, on what is known now (the corrected values in
     * place), at the later of {@code at} and the course's latest act.
     */
    static OnFact onChange(Protocol protocol, CourseState state, Set<String> changed, Instant at) {
        Instant now = state.latestAct() != null && state.latestAct().isAfter(at) ? state.latestAct() : at;
        ClientProfile known = state.facts().profileAt(now);
        List<RuleId> rechecked = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        for (ScreeningRule rule : protocol.screening()) {
            if (!rule.when().actRelative() && !Collections.disjoint(rule.when().reads(), changed)) {
                rechecked.add(rule.info().id());
                rule.check(protocol.ref(), known, now).ifPresent(findings::add);
            }
        }
        return new OnFact(rechecked, findings);
    }

    /** Refusals among the findings that are new: not on the client's record before (nor overridden on that evidence). */
    static List<Finding> newExclusions(CourseState state, List<Finding> findings) {
        return findings.stream()
                .filter(Finding::refuses)
                .filter(f -> !state.settled(f))
                .filter(f -> state.screeningFindings().stream().noneMatch(old -> old.refuses()
                        && old.ruleId().equals(f.ruleId()) && java.util.Objects.equals(old.observed(), f.observed())))
                .toList();
    }
}
