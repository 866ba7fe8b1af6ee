package org.kap.core.course;

import org.kap.core.course.CourseEvent.AdverseEventRecorded;
import org.kap.core.course.CourseEvent.AdverseEventResolved;
import org.kap.core.course.CourseEvent.BoosterAdministered;
import org.kap.core.course.CourseEvent.ClientDischarged;
import org.kap.core.course.CourseEvent.ClientScreened;
import org.kap.core.course.CourseEvent.ConsentRecorded;
import org.kap.core.course.CourseEvent.ConsentWithdrawn;
import org.kap.core.course.CourseEvent.CourseEnded;
import org.kap.core.course.CourseEvent.CourseHalted;
import org.kap.core.course.CourseEvent.CourseReviewed;
import org.kap.core.course.CourseEvent.DoseApproved;
import org.kap.core.course.CourseEvent.EntryCorrected;
import org.kap.core.course.CourseEvent.IntegrationCompleted;
import org.kap.core.course.CourseEvent.ObligationCreated;
import org.kap.core.course.CourseEvent.ObligationFulfilled;
import org.kap.core.course.CourseEvent.ObservationExtended;
import org.kap.core.course.CourseEvent.OutcomeMeasureRecorded;
import org.kap.core.course.CourseEvent.PreparationSessionRecorded;
import org.kap.core.course.CourseEvent.RuleOverridden;
import org.kap.core.course.CourseEvent.SessionStarted;
import org.kap.core.course.CourseEvent.SessionStopped;
import org.kap.core.course.CourseEvent.VitalTriggerFired;
import org.kap.core.course.CourseEvent.VitalsRecorded;
import org.kap.core.dosing.Administration;
import org.kap.core.facts.ClientFacts;
import org.kap.core.facts.TimedFact;
import org.kap.core.outcome.Instrument;
import org.kap.core.protocol.Indication;
import org.kap.core.rule.Enforcement;
import org.kap.core.rule.Finding;
import org.kap.core.rule.ProtocolRef;
import org.kap.core.rule.RuleId;
import org.kap.core.screening.ClientProfile;
import org.kap.core.vitals.VitalSigns;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the course's rules need to know, rebuilt from its events by {@link #apply}. A plain
 * object (no framework types) so that it can be snapshotted, and rebuilt as of any instant.
 */
public final class CourseState {

    /** A score on an outcome instrument, with how many sessions had been completed when it was taken. */
    public record OutcomeScore(Instrument instrument, int score, Instant at, int sessionsCompleted) {
    }

    /**
     * A protocol version the course was under, from the entry (and its clinical time) it applied from, after
     * {@code sessionsBefore} sessions had started under the versions before it.
     */
    public record ProtocolPeriod(ProtocolRef protocol, long fromEntry, Instant from, int sessionsBefore) {
    }

    private String courseId;
    private String clientId;
    private ProtocolRef protocol;
    private List<ProtocolPeriod> protocolPeriods = new ArrayList<>();
    private Indication indication;
    private ClientProfile profile;
    private Instant screenedAt;
    private List<TimedFact> facts = new ArrayList<>();
    private List<Finding> screeningFindings = new ArrayList<>();
    /** Relative screening exclusions overridden before consent, with the evidence each override was given for. */
    private Map<RuleId, String> screeningOverrides = new HashMap<>();
    /** Screening-rule findings already taken into account (a warning shown, an override used), by what they saw. */
    private Map<RuleId, java.util.Set<String>> settledFindings = new HashMap<>();
    /** Findings an override let an act through on, by what they saw (a subset of the settled ones). */
    private Map<RuleId, java.util.Set<String>> overriddenFindings = new HashMap<>();
    private boolean consented;
    private boolean consentWithdrawn;
    private boolean ended;
    private RuleId haltedBy;
    private int preparationSessions;
    private PendingApproval pendingApproval;
    private List<SessionRecord> sessions = new ArrayList<>();
    private Map<String, AdverseEventRecord> adverseEvents = new LinkedHashMap<>();
    private Map<String, ObligationRecord> obligations = new LinkedHashMap<>();
    private List<OutcomeScore> outcomes = new ArrayList<>();
    private Map<RuleId, String> pendingOverrides = new LinkedHashMap<>();
    private int sessionsCompletedAtLastReview;
    private long entries;
    private Instant latestAct;
    /**
     * The latest clinical time and the latest recording time of any entry folded (corrections and the engine's own
     * records too): a state whose entries all fall at or before an instant on both clocks is, whole, part of the course
     * as of that instant. Null in a state folded by an engine before them (snapshot revision 4 and older).
     */
    private Instant latestClinicalTime;
    private Instant latestRecordedTime;
    private Map<Long, String> entryAuthors = new HashMap<>();
    private Map<Long, CorrectableEntry> correctable = new HashMap<>();
    /** The assessment each score entry holds now, as last corrected; empty in snapshots from before scores were kept. */
    private Map<Long, SessionRecord.ScoreReading> scoreEntries = new HashMap<>();
    /** Screening facts changed by a correction: rules reading them are checked again at dosing acts. */
    private java.util.Set<String> correctedScreeningFacts = new java.util.HashSet<>();
    private Map<Long, Long> corrections = new HashMap<>();
    private int approvalsIssued;
    private int adverseEventsRecorded;
    private int obligationsCreated;

    public CourseState() {
        // an empty course, before screening; also for snapshot deserialisation
    }

    // ---- evolution -------------------------------------------------------------------------------

    /** Folds one event into the state. Pure bookkeeping: every decision was taken before the event. */
    public CourseState apply(CourseEvent event) {
        Entry entry = event.entry();
        entries = Math.max(entries, entry.number());
        entryAuthors.put(entry.number(), entry.actor().id());
        // the engine's own records (an obligation found overdue) do not move the clinical order of acts
        boolean act = !(event instanceof CourseEvent.ObligationOverdue);
        if (act && (latestAct == null || entry.clinicalTime().isAfter(latestAct))) {
            latestAct = entry.clinicalTime();
        }
        if (latestClinicalTime == null || entry.clinicalTime().isAfter(latestClinicalTime)) {
            latestClinicalTime = entry.clinicalTime();
        }
        if (latestRecordedTime == null || entry.recordedTime().isAfter(latestRecordedTime)) {
            latestRecordedTime = entry.recordedTime();
        }
        consumeOverrides(event.findings());
        // a flag on a past decision settles nothing, nor does a move refused (its findings are another version's)
        if (!(event instanceof CourseEvent.PastDecisionFlagged) && !(event instanceof CourseEvent.MigrationRefused)) {
            settle(event.findings());
        }

        if (event instanceof ClientScreened e) {
            courseId = e.courseId();
            clientId = e.clientId();
            protocol = e.protocol();
            protocolPeriods.add(new ProtocolPeriod(e.protocol(), entry.number(), entry.clinicalTime(), 0));
            indication = e.indication();
            profile = e.profile();
            screenedAt = entry.clinicalTime();
            screeningFindings = new ArrayList<>(e.findings());
            correctable.put(entry.number(), new CorrectableEntry(CorrectableEntry.Kind.SCREENING, null, e.profile().vitals(), -1));
        } else if (event instanceof ConsentRecorded) {
            consented = true;
        } else if (event instanceof CourseEvent.ScreeningRechecked e) {
            screeningFindings.removeIf(f -> e.rechecked().contains(f.ruleId()));
            screeningFindings.addAll(e.findings());
        } else if (event instanceof CourseEvent.FactRecorded e) {
            facts.add(TimedFact.of(entry.number(), entry.clinicalTime(), e.fact()));
            correctable.put(entry.number(), new CorrectableEntry(CorrectableEntry.Kind.FACT, null, null, -1));
            screeningFindings.removeIf(f -> e.rechecked().contains(f.ruleId()));
            screeningFindings.addAll(e.findings());
        } else if (event instanceof ConsentWithdrawn) {
            consented = false;
            consentWithdrawn = true;
            ended = true;
        } else if (event instanceof PreparationSessionRecorded e) {
            preparationSessions = e.number();
        } else if (event instanceof RuleOverridden e) {
            onOverride(e);
        } else if (event instanceof DoseApproved e) {
            approvalsIssued++;
            pendingApproval = new PendingApproval(e.approvalId(), e.route(), e.dose(), e.amount(), e.booster(),
                    e.infusionDuration(), entry.clinicalTime());
        } else if (event instanceof SessionStarted e) {
            Instant approvedAt = pendingApproval == null ? null : pendingApproval.approvedAt();
            pendingApproval = null;
            SessionRecord started = new SessionRecord(e.sessionNumber(), e.route(), entry.clinicalTime(), e.administrationEnd(),
                    e.amount(), e.preDoseVitals());
            started.started(e.setting(), approvedAt);
            sessions.add(started);
            correctable.put(entry.number(), new CorrectableEntry(CorrectableEntry.Kind.SESSION_START, e.sessionNumber(),
                    e.preDoseVitals(), 0));
        } else if (event instanceof BoosterAdministered e) {
            pendingApproval = null;
            correctable.put(entry.number(), new CorrectableEntry(CorrectableEntry.Kind.BOOSTER, e.sessionNumber(), null,
                    session(e.sessionNumber()).doses().size()));
            session(e.sessionNumber()).addBooster(entry.clinicalTime(), e.amount());
        } else if (event instanceof VitalsRecorded e) {
            session(e.sessionNumber()).addReading(e.vitals());
            correctable.put(entry.number(), new CorrectableEntry(CorrectableEntry.Kind.READING, e.sessionNumber(), e.vitals(), -1));
        } else if (event instanceof CourseEvent.SessionScoreRecorded e) {
            SessionRecord.ScoreReading assessed = new SessionRecord.ScoreReading(e.instrument(), e.score(), entry.clinicalTime());
            session(e.sessionNumber()).addScore(assessed);
            correctable.put(entry.number(), new CorrectableEntry(CorrectableEntry.Kind.SCORE, e.sessionNumber(), null, -1));
            scoreEntries.put(entry.number(), assessed);
        } else if (event instanceof VitalTriggerFired e) {
            e.findings().forEach(f -> session(e.sessionNumber()).triggerFired(f.ruleId()));
        } else if (event instanceof ObservationExtended e) {
            session(e.sessionNumber()).extend(e.ruleId(), e.extension());
        } else if (event instanceof AdverseEventRecorded e) {
            adverseEventsRecorded++;
            adverseEvents.put(e.adverseEventId(), new AdverseEventRecord(e.adverseEventId(), e.sessionNumber(), e.type(),
                    e.grade(), e.seriousness(), entry.clinicalTime(), null));
        } else if (event instanceof AdverseEventResolved e) {
            adverseEvents.computeIfPresent(e.adverseEventId(), (id, ae) -> ae.resolved(entry.clinicalTime()));
        } else if (event instanceof SessionStopped e) {
            session(e.sessionNumber()).stop(e.ruleId());
            if (pendingApproval != null && pendingApproval.booster()) {
                pendingApproval = null;
            }
        } else if (event instanceof CourseHalted e) {
            haltedBy = e.ruleId();
        } else if (event instanceof ObligationCreated e) {
            obligationsCreated++;
            obligations.put(e.obligationId(), new ObligationRecord(e.obligationId(), e.kind(), e.due(),
                    e.blocksDosingWhenOverdue(), e.ruleId(), e.sessionNumber(), e.adverseEventId(), null, null));
        } else if (event instanceof CourseEvent.ObligationOverdue e) {
            obligations.computeIfPresent(e.obligationId(), (id, o) -> o.markedOverdue(entry.clinicalTime()));
        } else if (event instanceof ObligationFulfilled e) {
            obligations.computeIfPresent(e.obligationId(), (id, o) -> o.fulfilled(entry.clinicalTime()));
        } else if (event instanceof ClientDischarged e) {
            session(e.sessionNumber()).discharge(entry.clinicalTime(), e.integrationExpected());
            session(e.sessionNumber()).dischargeFacts(e.scores(), e.escortPresent(), e.transport());
        } else if (event instanceof CourseEvent.SessionClosed e) {
            session(e.sessionNumber()).close(entry.clinicalTime(), e.disposition(), e.integrationExpected());
        } else if (event instanceof IntegrationCompleted e) {
            session(e.sessionNumber()).completeIntegration(entry.clinicalTime(), e.withinWindow());
        } else if (event instanceof OutcomeMeasureRecorded e) {
            outcomes.add(new OutcomeScore(e.instrument(), e.score(), entry.clinicalTime(), e.sessionsCompleted()));
        } else if (event instanceof CourseReviewed e) {
            haltedBy = null;
            sessionsCompletedAtLastReview = e.sessionsCompleted();
        } else if (event instanceof EntryCorrected e) {
            corrections.put(e.correctedEntry(), entry.number());
            if (e.corrected() != null) {
                applyCorrection(e.correctedEntry(), e.corrected());
            }
        } else if (event instanceof CourseEvent.CourseMigrated e) {
            protocol = e.to();
            protocolPeriods.add(new ProtocolPeriod(e.to(), entry.number(), entry.clinicalTime(), sessions.size()));
            // what screening found is now what the new version found: later rechecks compare with it
            screeningFindings = new ArrayList<>(e.findings());
            // an override given and not yet used was weighed against the old version's rule: it lapses
            pendingOverrides.clear();
        } else if (event instanceof CourseEnded) {
            ended = true;
            pendingApproval = null;
        }
        // refusals (DoseApprovalRefused, SessionStartRefused, DischargeRefused, OverrideRefused, MigrationRefused) change nothing
        return this;
    }

    private void onOverride(RuleOverridden e) {
        Optional<Finding> exclusion = screeningFindings.stream()
                .filter(f -> f.refuses() && f.ruleId().equals(e.ruleId())).findFirst();
        if (exclusion.isPresent() && !consented) {
            screeningOverrides.put(e.ruleId(), exclusion.get().observed());
            settledFindings.computeIfAbsent(e.ruleId(), id -> new java.util.HashSet<>()).add(exclusion.get().observed());
        } else {
            pendingOverrides.put(e.ruleId(), e.justification());
        }
    }

    /**
     * A warning has been shown and an override has been used once the act they belong to is recorded
     * (a refused act used no override): the same finding on the same evidence is not raised again.
     */
    private void settle(List<Finding> findings) {
        boolean refused = findings.stream().anyMatch(Finding::refuses);
        for (Finding f : findings) {
            if ((f.severity() == Finding.Severity.WARNING || f.severity() == Finding.Severity.OVERRIDDEN && !refused)
                    && f.observed() != null) {
                settledFindings.computeIfAbsent(f.ruleId(), id -> new java.util.HashSet<>()).add(f.observed());
            }
            if (f.severity() == Finding.Severity.OVERRIDDEN && !refused && f.observed() != null) {
                overriddenFindings.computeIfAbsent(f.ruleId(), id -> new java.util.HashSet<>()).add(f.observed());
            }
        }
    }

    /**
     * An override is used up by the decision it unlocked. A refused act (its findings hold a refusal)
     * unlocked nothing, so the override stays pending for the next attempt.
     */
    private void consumeOverrides(List<Finding> findings) {
        if (findings.stream().anyMatch(Finding::refuses)) {
            return;
        }
        for (Finding f : findings) {
            if (f.severity() == Finding.Severity.OVERRIDDEN) {
                pendingOverrides.remove(f.ruleId());
            }
        }
    }

    /** The course uses the corrected values from now on; the original entry stays in the record as it was. */
    private void applyCorrection(long entryNumber, CorrectedValues values) {
        CorrectableEntry ref = correctable.get(entryNumber);
        if (ref == null) {
            return;
        }
        switch (ref.kind()) {
            case SCREENING -> {
                profile = new ClientProfile(profile.ageYears(), values.weight() == null ? profile.weight() : values.weight(),
                        profile.diagnoses(), profile.history(), profile.familyHistory(), profile.medications(),
                        profile.substanceUse(), profile.pregnant(), profile.breastfeeding(),
                        values.reading() == null ? profile.vitals() : values.reading(), profile.scores(), profile.medicationsTaken(),
                        profile.labs());
                correctable.put(entryNumber, ref.withReading(profile.vitals()));
                if (values.weight() != null) {
                    correctedScreeningFacts.add(org.kap.core.facts.FactNames.WEIGHT);
                }
                if (values.reading() != null) {
                    values.reading().measured().forEach(sign -> correctedScreeningFacts.add(sign.label()));
                }
            }
            case READING -> {
                VitalSigns corrected = values.reading() == null ? ref.reading() : values.reading();
                if (values.clinicalTime() != null) {
                    corrected = corrected.measuredAt(values.clinicalTime());
                }
                session(ref.session()).correctReading(ref.reading(), corrected);
                correctable.put(entryNumber, ref.withReading(corrected));
            }
            case SESSION_START -> {
                if (values.reading() != null) {
                    session(ref.session()).correctBaseline(values.reading());
                    correctable.put(entryNumber, ref.withReading(values.reading()));
                }
                if (values.dose() != null) {
                    session(ref.session()).correctDose(0, values.dose());
                }
            }
            case BOOSTER -> session(ref.session()).correctDose(ref.doseIndex(), values.dose());
            case SCORE -> {
                SessionRecord.ScoreReading original = scoreEntries.get(entryNumber);
                SessionRecord.ScoreReading corrected = new SessionRecord.ScoreReading(original.instrument(), values.score(), original.at());
                session(ref.session()).correctScore(original, corrected);
                scoreEntries.put(entryNumber, corrected);
            }
            case FACT -> facts.replaceAll(f -> f.entry() != entryNumber ? f : f.corrected(values.clinicalTime(),
                    values.weight() != null ? new org.kap.core.facts.WeightMeasurement(values.weight()) : values.finding()));
        }
    }

    /** The assessment a score entry holds now. */
    public java.util.Optional<SessionRecord.ScoreReading> scoreEntry(long entryNumber) {
        return java.util.Optional.ofNullable(scoreEntries.get(entryNumber));
    }

    private SessionRecord session(int number) {
        return sessions.get(number - 1);
    }

    // ---- what the rules read ---------------------------------------------------------------------

    public CourseStatus status() {
        if (ended) {
            return CourseStatus.ENDED;
        }
        if (!consented) {
            return eligible() ? CourseStatus.SCREENED : CourseStatus.INELIGIBLE;
        }
        if (openSession().isPresent()) {
            return CourseStatus.IN_SESSION;
        }
        if (haltedBy != null) {
            return CourseStatus.HALTED;
        }
        if (lastSession().map(SessionRecord::awaitingIntegration).orElse(false)) {
            return CourseStatus.AWAITING_INTEGRATION;
        }
        return CourseStatus.ACTIVE;
    }

    /** No absolute exclusion, and every relative one overridden on the evidence it now rests on. */
    public boolean eligible() {
        return openExclusions().isEmpty();
    }

    /** Exclusions by what is known of the client still in force: absolute ones, and relative ones not yet overridden. */
    public List<Finding> openExclusions() {
        return screeningFindings.stream()
                .filter(Finding::refuses)
                .filter(f -> !(screeningOverrides.containsKey(f.ruleId())
                        && java.util.Objects.equals(f.observed(), screeningOverrides.get(f.ruleId()))))
                .toList();
    }

    /** The client's facts over time: the screening profile, then every fact recorded since. */
    public ClientFacts facts() {
        return new ClientFacts(profile, screenedAt, facts);
    }

    /** Screening facts since corrected: they count as changed for the checks at dosing acts. */
    public java.util.Set<String> correctedScreeningFacts() {
        return java.util.Set.copyOf(correctedScreeningFacts);
    }

    /** Whether this finding of a screening rule was already taken into account on the same evidence. */
    public boolean settled(Finding finding) {
        return finding.observed() != null
                && settledFindings.getOrDefault(finding.ruleId(), java.util.Set.of()).contains(finding.observed());
    }

    public boolean started() {
        return courseId != null;
    }

    public String courseId() {
        return courseId;
    }

    public String clientId() {
        return clientId;
    }

    public ProtocolRef protocol() {
        return protocol;
    }

    /** Every version the course has been under, in order, each from when it applied; one unless it was moved. */
    public List<ProtocolPeriod> protocolPeriods() {
        return List.copyOf(protocolPeriods);
    }

    /** The version a session was held under: the one in force when it started (sessions are numbered from 1). */
    public ProtocolRef protocolOfSession(int sessionNumber) {
        ProtocolRef in = protocolPeriods.isEmpty() ? protocol : protocolPeriods.get(0).protocol();
        for (ProtocolPeriod period : protocolPeriods) {
            if (period.sessionsBefore() < sessionNumber) {
                in = period.protocol();
            }
        }
        return in;
    }

    /**
     * Whether a prescriber overrode this exclusion on exactly this evidence: before consent, or at a dosing act that the
     * override let through. A warning shown is not an override.
     */
    public boolean overridden(Finding finding) {
        return screeningOverrides.containsKey(finding.ruleId())
                && java.util.Objects.equals(screeningOverrides.get(finding.ruleId()), finding.observed())
                || finding.observed() != null
                && overriddenFindings.getOrDefault(finding.ruleId(), java.util.Set.of()).contains(finding.observed());
    }

    /** The version the course was under at an entry: the one in force when it was recorded (a move is under its new one). */
    public ProtocolRef protocolAt(long entryNumber) {
        ProtocolRef at = protocolPeriods.isEmpty() ? protocol : protocolPeriods.get(0).protocol();
        for (ProtocolPeriod period : protocolPeriods) {
            if (period.fromEntry() <= entryNumber) {
                at = period.protocol();
            }
        }
        return at;
    }

    public Indication indication() {
        return indication;
    }

    public ClientProfile profile() {
        return profile;
    }

    public List<Finding> screeningFindings() {
        return List.copyOf(screeningFindings);
    }

    public boolean consented() {
        return consented;
    }

    public boolean consentWithdrawn() {
        return consentWithdrawn;
    }

    public boolean ended() {
        return ended;
    }

    public Optional<RuleId> haltedBy() {
        return Optional.ofNullable(haltedBy);
    }

    public int preparationSessions() {
        return preparationSessions;
    }

    public Optional<PendingApproval> pendingApproval() {
        return Optional.ofNullable(pendingApproval);
    }

    public List<SessionRecord> sessions() {
        return List.copyOf(sessions);
    }

    public Optional<SessionRecord> openSession() {
        return lastSession().filter(SessionRecord::open);
    }

    public Optional<SessionRecord> lastSession() {
        return sessions.isEmpty() ? Optional.empty() : Optional.of(sessions.get(sessions.size() - 1));
    }

    /** Sessions discharged so far. */
    public int sessionsCompleted() {
        return (int) sessions.stream().filter(s -> !s.open()).count();
    }

    public List<Administration> administrations() {
        return sessions.stream().flatMap(s -> s.doses().stream()).toList();
    }

    public List<Instant> sessionStarts() {
        return sessions.stream().map(SessionRecord::startedAt).toList();
    }

    public List<AdverseEventRecord> adverseEvents() {
        return List.copyOf(adverseEvents.values());
    }

    public Optional<AdverseEventRecord> adverseEvent(String id) {
        return Optional.ofNullable(adverseEvents.get(id));
    }

    public List<ObligationRecord> obligations() {
        return List.copyOf(obligations.values());
    }

    public Optional<ObligationRecord> obligation(String id) {
        return Optional.ofNullable(obligations.get(id));
    }

    public List<OutcomeScore> outcomes() {
        return List.copyOf(outcomes);
    }

    public boolean hasPendingOverride(RuleId ruleId) {
        return pendingOverrides.containsKey(ruleId);
    }

    public Set<RuleId> pendingOverrides() {
        return Set.copyOf(pendingOverrides.keySet());
    }

    public int sessionsCompletedAtLastReview() {
        return sessionsCompletedAtLastReview;
    }

    public long entries() {
        return entries;
    }

    public Instant latestAct() {
        return latestAct;
    }

    /**
     * Whether every entry folded into this state happened by {@code clinical} and was recorded by {@code recorded}
     * (a null bound: any time); false when the state does not know (folded by an engine before it kept both clocks).
     */
    public boolean wholeBy(Instant clinical, Instant recorded) {
        return clocks().wholeBy(clinical, recorded);
    }

    /** The latest clinical and recording times of the entries folded into this state, to ask {@link Clocks#wholeBy} later. */
    public Clocks clocks() {
        return new Clocks(latestClinicalTime, latestRecordedTime);
    }

    /** The latest clinical and recording times of a course's entries; null when the fold did not keep them. */
    public record Clocks(Instant latestClinical, Instant latestRecorded) {
        /** {@link CourseState#wholeBy}, for the state these clocks were taken from. */
        public boolean wholeBy(Instant clinical, Instant recorded) {
            return latestClinical != null && latestRecorded != null
                    && (clinical == null || !latestClinical.isAfter(clinical))
                    && (recorded == null || !latestRecorded.isAfter(recorded));
        }
    }

    public Optional<String> authorOf(long entryNumber) {
        return Optional.ofNullable(entryAuthors.get(entryNumber));
    }

    /** What a structured correction of this entry can change; empty for an entry that holds no correctable value. */
    public Optional<CorrectableEntry> correctable(long entryNumber) {
        return Optional.ofNullable(correctable.get(entryNumber));
    }

    /** The entry that corrected this one, if any. */
    public Optional<Long> correctionOf(long entryNumber) {
        return Optional.ofNullable(corrections.get(entryNumber));
    }

    // ---- identifiers for what the course creates: stable across replays ---------------------------

    String nextApprovalId() {
        return "APPROVAL-" + (approvalsIssued + 1);
    }

    String nextAdverseEventId() {
        return "AE-" + (adverseEventsRecorded + 1);
    }

    String nextObligationId() {
        return "OBLIGATION-" + (obligationsCreated + 1);
    }

    /** Whether a relative rule's refusal is lifted by a recorded, unused override. */
    boolean overrides(Finding finding, Enforcement enforcement) {
        return finding.refuses() && enforcement instanceof Enforcement.Relative && hasPendingOverride(finding.ruleId());
    }
}
