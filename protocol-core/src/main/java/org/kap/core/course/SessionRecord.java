package org.kap.core.course;

import org.kap.core.dosing.Administration;
import org.kap.core.dosing.Route;
import org.kap.core.observation.Anchor;
import org.kap.core.rule.RuleId;
import org.kap.core.units.Milligrams;
import org.kap.core.vitals.VitalSigns;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** One dosing session as recorded so far: doses, readings, extensions, discharge and integration. */
public final class SessionRecord {

    /** Extra observation time added by a rule that fired in this session. */
    public record Extension(RuleId ruleId, Duration extra) {
    }

    /** A score assessed during the session, at its clinical time. */
    public record ScoreReading(org.kap.core.outcome.Instrument instrument, int score, Instant at) {
    }

    private int number;
    private Route route;
    private Instant startedAt;
    private Instant administrationEnd;
    private List<Administration> doses = new ArrayList<>();
    private VitalSigns baseline;
    private List<VitalSigns> readings = new ArrayList<>();
    /** Scores assessed during the session; empty in snapshots written before they were recorded. */
    private List<ScoreReading> scores = new ArrayList<>();
    private List<Extension> extensions = new ArrayList<>();
    private Set<RuleId> firedTriggers = new HashSet<>();
    private RuleId stoppedBy;
    private java.util.Set<org.kap.core.session.SettingFeature> setting = new HashSet<>();
    private Instant approvedAt;
    private java.util.Map<org.kap.core.outcome.Instrument, Integer> dischargeScores = new java.util.HashMap<>();
    private boolean escortPresent;
    private org.kap.core.observation.Transport transport;
    private Instant dischargedAt;
    private org.kap.core.observation.Disposition disposition;
    private boolean integrationExpected;
    private Instant integrationCompletedAt;
    private boolean integrationWithinWindow;

    private SessionRecord() {
        // for snapshot deserialisation
    }

    SessionRecord(int number, Route route, Instant startedAt, Instant administrationEnd, Milligrams amount, VitalSigns baseline) {
        this.number = number;
        this.route = route;
        this.startedAt = startedAt;
        this.administrationEnd = administrationEnd == null ? startedAt : administrationEnd;
        this.doses.add(new Administration(startedAt, amount, false));
        this.baseline = baseline;
    }

    void addBooster(Instant at, Milligrams amount) {
        doses.add(new Administration(at, amount, true));
        if (at.isAfter(administrationEnd)) {
            administrationEnd = at;
        }
    }

    void addReading(VitalSigns reading) {
        readings.add(reading);
    }

    void addScore(ScoreReading score) {
        scores.add(score);
    }

    public List<ScoreReading> scores() {
        return List.copyOf(scores);
    }

    /**
     * The latest score of each instrument assessed after the session's last dose and by {@code until}: what a discharge
     * at {@code until} that does not score an instrument is judged on. A score from before the last dose (before the
     * effect peaked, or before a booster) is not.
     */
    public java.util.Map<org.kap.core.outcome.Instrument, Integer> scoresForDischarge(Instant until) {
        java.util.Map<org.kap.core.outcome.Instrument, Integer> latest = new java.util.EnumMap<>(org.kap.core.outcome.Instrument.class);
        scores.stream().filter(s -> !s.at().isBefore(administrationEnd) && !s.at().isAfter(until))
                .sorted(java.util.Comparator.comparing(ScoreReading::at)).forEach(s -> latest.put(s.instrument(), s.score()));
        return latest;
    }

    /** The scores a discharge at {@code at} judges: those it gave, and the session's assessments for the others. */
    public java.util.Map<org.kap.core.outcome.Instrument, Integer> judgedScores(java.util.Map<org.kap.core.outcome.Instrument, Integer> given,
                                                                              Instant at) {
        java.util.Map<org.kap.core.outcome.Instrument, Integer> judged = new java.util.EnumMap<>(org.kap.core.outcome.Instrument.class);
        judged.putAll(scoresForDischarge(at));
        judged.putAll(given == null ? java.util.Map.of() : given);
        return judged;
    }

    /** What the start confirmed: the setting, and when the dose it gave was approved. */
    void started(java.util.Set<org.kap.core.session.SettingFeature> confirmed, Instant approved) {
        setting = new HashSet<>(confirmed == null ? java.util.Set.of() : confirmed);
        approvedAt = approved;
    }

    /** A reading replaced by its correction: the course uses the corrected value from then on. */
    void correctReading(VitalSigns original, VitalSigns corrected) {
        int i = readings.indexOf(original);
        if (i >= 0) {
            readings.set(i, corrected);
        }
    }

    void correctScore(ScoreReading original, ScoreReading corrected) {
        int i = scores.indexOf(original);
        if (i >= 0) {
            scores.set(i, corrected);
        }
    }

    void correctBaseline(VitalSigns corrected) {
        baseline = corrected;
    }

    void correctDose(int index, Milligrams amount) {
        Administration given = doses.get(index);
        doses.set(index, new Administration(given.at(), amount, given.booster()));
    }

    void dischargeFacts(java.util.Map<org.kap.core.outcome.Instrument, Integer> scores, boolean escort,
                        org.kap.core.observation.Transport how) {
        dischargeScores = new java.util.HashMap<>(scores == null ? java.util.Map.of() : scores);
        escortPresent = escort;
        transport = how;
    }

    void extend(RuleId ruleId, Duration extra) {
        extensions.add(new Extension(ruleId, extra));
    }

    void triggerFired(RuleId ruleId) {
        firedTriggers.add(ruleId);
    }

    void stop(RuleId ruleId) {
        stoppedBy = ruleId;
    }

    void discharge(Instant at, boolean integrationExpected) {
        dischargedAt = at;
        this.integrationExpected = integrationExpected;
    }

    /** The session ended otherwise than by a discharge: transfer, admission, leaving against advice. */
    void close(Instant at, org.kap.core.observation.Disposition how, boolean integrationExpected) {
        discharge(at, integrationExpected);
        disposition = how;
    }

    void completeIntegration(Instant at, boolean withinWindow) {
        integrationCompletedAt = at;
        integrationWithinWindow = withinWindow;
    }

    public int number() {
        return number;
    }

    public Route route() {
        return route;
    }

    public Instant startedAt() {
        return startedAt;
    }

    /** When the last device, booster or infusion ended. */
    public Instant administrationEnd() {
        return administrationEnd;
    }

    public Instant anchorTime(Anchor anchor) {
        return anchor == Anchor.DOSE_START ? startedAt : administrationEnd;
    }

    public List<Administration> doses() {
        return List.copyOf(doses);
    }

    public Milligrams total() {
        return doses.stream().map(Administration::amount).reduce(Milligrams.ZERO, Milligrams::plus);
    }

    public VitalSigns baseline() {
        return baseline;
    }

    public java.util.Set<org.kap.core.session.SettingFeature> setting() {
        return java.util.Set.copyOf(setting);
    }

    /** When the dose given at the start was approved; null for sessions recorded before it was kept. */
    public Instant approvedAt() {
        return approvedAt;
    }

    /** What the discharge recorded (scores, escort, transport), so that its criteria can be checked again after a correction. */
    public org.kap.core.observation.DischargeFacts dischargeFactsOn(VitalSigns latest) {
        // the scores judged at discharge: those it gave, and the session's assessments it relied on for the others
        var judged = dischargedAt == null ? dischargeScores : judgedScores(dischargeScores, dischargedAt);
        return new org.kap.core.observation.DischargeFacts(latest, baseline, judged, escortPresent, transport);
    }

    public List<VitalSigns> readings() {
        return List.copyOf(readings);
    }

    public Optional<VitalSigns> latestReading() {
        return readings.stream().max(Comparator.comparing(VitalSigns::measuredAt));
    }

    public List<Extension> extensions() {
        return List.copyOf(extensions);
    }

    public boolean hasFired(RuleId trigger) {
        return firedTriggers.contains(trigger);
    }

    public Optional<RuleId> stoppedBy() {
        return Optional.ofNullable(stoppedBy);
    }

    public boolean open() {
        return dischargedAt == null;
    }

    /** When the session ended: the discharge, or the other disposition. */
    public Optional<Instant> dischargedAt() {
        return Optional.ofNullable(dischargedAt);
    }

    /** How the session ended when not by a discharge; empty for a discharge or an open session. */
    public Optional<org.kap.core.observation.Disposition> disposition() {
        return Optional.ofNullable(disposition);
    }

    /** Discharged, and the protocol expects an integration session that has not happened yet. */
    public boolean awaitingIntegration() {
        return dischargedAt != null && integrationExpected && integrationCompletedAt == null;
    }

    public Optional<Instant> integrationCompletedAt() {
        return Optional.ofNullable(integrationCompletedAt);
    }

    public boolean integrationWithinWindow() {
        return integrationWithinWindow;
    }

    // value equality: a session rebuilt from the same events is the same session
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SessionRecord s)) {
            return false;
        }
        return number == s.number && route == s.route && Objects.equals(startedAt, s.startedAt)
                && Objects.equals(administrationEnd, s.administrationEnd) && doses.equals(s.doses)
                && Objects.equals(baseline, s.baseline) && readings.equals(s.readings) && scores.equals(s.scores)
                && extensions.equals(s.extensions)
                && firedTriggers.equals(s.firedTriggers) && Objects.equals(stoppedBy, s.stoppedBy)
                && Objects.equals(dischargedAt, s.dischargedAt) && disposition == s.disposition
                && integrationExpected == s.integrationExpected
                && Objects.equals(integrationCompletedAt, s.integrationCompletedAt)
                && integrationWithinWindow == s.integrationWithinWindow;
    }

    @Override
    public int hashCode() {
        return Objects.hash(number, route, startedAt, doses);
    }

    @Override
    public String toString() {
        return "session " + number + " (" + route + ", started " + startedAt + ", " + total() + ")";
    }
}
