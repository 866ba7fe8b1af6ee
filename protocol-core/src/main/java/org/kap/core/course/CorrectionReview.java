package org.kap.core.course;

import org.kap.core.dosing.DoseRule;
import org.kap.core.facts.ClientFacts;
import org.kap.core.protocol.Protocol;
import org.kap.core.rule.Evidence;
import org.kap.core.rule.Finding;
import org.kap.core.rule.RuleInfo;
import org.kap.core.screening.ClientProfile;
import org.kap.core.screening.ScreeningRule;
import org.kap.core.session.SessionStart;
import org.kap.core.session.SessionStartRule;
import org.kap.core.units.Milligrams;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * After a structured correction, the past decisions that rested on the corrected value, decided again on
 * it: a discharge on a reading, a session start on its pre-dose vitals, a dose on a weight or an amount
 * given, a dose given after a finding. Each that the corrected value would have refused becomes a warning
 * naming the act, the corrected value and the rule ("discharge from session 1 at ... was decided on a reading
 * later corrected to BP 192/114 mmHg"). Nothing already recorded is changed.
 *
 * <p>It reads the course with the correction applied.
 */
final class CorrectionReview {
    // each past session is judged under the protocol version it was held under (a course may have moved since)

    private CorrectionReview() {
    }

    /** @param changedFacts the facts ({@code FactNames}) the correction changed, for rules over the client */
    static List<Finding> pastDecisions(Function<SessionRecord, Protocol> versionOf, CourseState corrected, CorrectableEntry entry,
                                       CorrectedValues values, Set<String> changedFacts) {
        List<Finding> flags = new ArrayList<>();
        switch (entry.kind()) {
            case READING -> {
                SessionRecord session = session(corrected, entry.session());
                discharge(versionOf.apply(session), session, "a reading later corrected to " + entry.reading().summary(), flags);
            }
            case SESSION_START -> {
                SessionRecord session = session(corrected, entry.session());
                Protocol protocol = versionOf.apply(session);
                if (values.reading() != null) {
                    String why = "pre-dose vitals later corrected to " + values.reading().summary();
                    start(protocol, corrected, session, why, flags);
                    discharge(protocol, session, "a baseline later corrected to " + values.reading().summary(), flags);
                }
                if (values.dose() != null) {
                    dose(protocol, corrected, session, "a dose given later corrected to " + values.dose(), flags);
                }
            }
            case BOOSTER -> {
                SessionRecord session = session(corrected, entry.session());
                dose(versionOf.apply(session), corrected, session, "a booster later corrected to " + values.dose(), flags);
            }
            case SCORE -> {
                // a discharge may have relied on the assessment: its criteria are read again on the corrected score
                SessionRecord session = session(corrected, entry.session());
                discharge(versionOf.apply(session), session, "a score later corrected to " + values.score(), flags);
            }
            case SCREENING, FACT -> {
                ClientFacts facts = corrected.facts();
                for (SessionRecord session : corrected.sessions()) {
                    Protocol protocol = versionOf.apply(session);
                    if (values.weight() != null) {
                        dose(protocol, corrected, session, "a weight later corrected to " + values.weight(), flags);
                    }
                    if (values.finding() != null || values.clinicalTime() != null || values.reading() != null) {
                        recheck(protocol, corrected, facts, session, changedFacts,
                                "facts later corrected (" + values.describe() + ")", flags);
                    }
                }
            }
        }
        return flags;
    }

    /**
     * A fact charted late, at a clinical time before doses already given: the screening rules reading what it
     * changed, at each session started after it, as if it had been known then.
     */
    static List<Finding> dosesAfter(Function<SessionRecord, Protocol> versionOf, CourseState state, Set<String> changed, Instant from,
                                    String why) {
        List<Finding> flags = new ArrayList<>();
        ClientFacts facts = state.facts();
        for (SessionRecord session : state.sessions()) {
            // a session with any dose (its start or a booster) given after the fact's time
            if (session.doses().stream().anyMatch(d -> d.at().isAfter(from))) {
                Protocol protocol = versionOf.apply(session);
                recheck(protocol, state, facts, session, changed, why, flags);
                if (changed.contains(org.kap.core.facts.FactNames.WEIGHT)) {
                    dose(protocol, state, session, why, flags);
                }
            }
        }
        return flags;
    }

    private static SessionRecord session(CourseState state, int number) {
        return state.sessions().get(number - 1);
    }

    /** The discharge criteria on the readings as corrected, for a session that ended in a discharge. */
    private static void discharge(Protocol protocol, SessionRecord session, String why, List<Finding> flags) {
        if (session.dischargedAt().isEmpty() || session.disposition().isPresent()) {
            return;
        }
        var facts = session.dischargeFactsOn(session.latestReading().orElse(null));
        String act = "discharge from session " + session.number() + " at " + session.dischargedAt().get();
        protocol.discharge().forEach(criterion -> criterion.check(protocol.ref(), facts)
                .filter(Finding::refuses).ifPresent(f -> flags.add(flag(criterion.info(), act, why, f))));
    }

    /** The pre-dose vital-sign gates on the corrected pre-dose vitals. */
    private static void start(Protocol protocol, CourseState state, SessionRecord session, String why, List<Finding> flags) {
        SessionStart start = new SessionStart(session.startedAt(), session.setting(), session.baseline(),
                session.approvedAt() == null ? session.startedAt() : session.approvedAt(), state.facts().profileAt(session.startedAt()));
        String act = "start of session " + session.number() + " at " + session.startedAt();
        for (SessionStartRule rule : protocol.sessionStart()) {
            SessionStartRule gate = rule instanceof SessionStartRule.ForClients f ? f.rule() : rule;
            if (gate instanceof SessionStartRule.PreDoseVital || gate instanceof SessionStartRule.PreDoseRecency) {
                rule.check(protocol.ref(), start).filter(Finding::refuses)
                        .ifPresent(f -> flags.add(flag(rule.info(), act, why, f)));
            }
        }
    }

    /** The per-session maxima on the session's total as corrected, at the weight measured last before it. */
    private static void dose(Protocol protocol, CourseState state, SessionRecord session, String why, List<Finding> flags) {
        var weighing = state.facts().weightAt(session.startedAt());
        String act = "the doses of session " + session.number() + " (" + session.total() + ")";
        protocol.dosingFor(session.route()).ifPresent(route -> {
            for (DoseRule written : route.rules()) {
                // a maximum for some clients applies when the client was in its group at the session's start
                DoseRule rule = written;
                if (written instanceof DoseRule.ForClients f) {
                    boolean inGroup = !(f.when().evaluate(state.facts().profileAt(session.startedAt()), session.startedAt())
                            instanceof org.kap.core.screening.Match.NotHolds);
                    rule = inGroup ? f.rule() : null;
                }
                if (rule instanceof DoseRule.SessionMaximum max) {
                    Milligrams limit = max.maximum().inMilligrams(weighing.weight());
                    if (session.total().compareTo(limit) > 0) {
                        Finding f = rule.info().fired(protocol.ref(), Evidence.of(session.total() + " = "
                                + session.total().per(weighing.weight()) + " at " + weighing.weight(), ">", max.maximum()));
                        flags.add(flag(rule.info(), act, why, f));
                    }
                }
            }
        });
    }

    /** The screening rules over corrected facts, at a session's dose. */
    private static void recheck(Protocol protocol, CourseState state, ClientFacts facts, SessionRecord session,
                                Set<String> changed, String why, List<Finding> flags) {
        ClientProfile known = facts.profileAt(session.startedAt());
        String act = "the dose of session " + session.number() + " at " + session.startedAt();
        for (ScreeningRule rule : protocol.screening()) {
            if (!Collections.disjoint(rule.when().reads(), changed)) {
                rule.check(protocol.ref(), known, session.startedAt()).filter(Finding::refuses).filter(f -> !state.settled(f))
                        .ifPresent(f -> flags.add(flag(rule.info(), act, why, f)));
            }
        }
    }

    private static Finding flag(RuleInfo rule, String act, String why, Finding wouldBe) {
        return new Finding(rule.id(), wouldBe.protocol(), Finding.Severity.WARNING, rule.message(),
                act + " was decided on " + why, "now refused by", wouldBe.toString());
    }
}
