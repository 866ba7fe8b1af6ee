package org.kap.core.testing;

import org.kap.core.adverse.AdverseEventType;
import org.kap.core.adverse.Seriousness;
import org.kap.core.course.Actor;
import org.kap.core.course.CourseCommand.*;
import org.kap.core.dosing.Route;
import org.kap.core.observation.Transport;
import org.kap.core.outcome.Instrument;
import org.kap.core.protocol.Indication;
import org.kap.core.rule.ProtocolRef;
import org.kap.core.rule.Role;
import org.kap.core.rule.RuleId;
import org.kap.core.screening.ClientProfile;
import org.kap.core.session.SettingFeature;
import org.kap.core.units.Dose;
import org.kap.core.units.Kilograms;
import org.kap.core.vitals.VitalSigns;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.kap.core.units.Units.*;

/**
 * Commands of one client's course, in clinical-time order. A cursor holds the clinical time:
 * each command is stamped with it and moves it on by one minute; {@link #after} jumps ahead.
 * The defaults make a course that every rule of {@link TestProtocol} allows.
 */
public final class Journey {

    public static final String COURSE = "course-1";
    public static final Instant START = Instant.parse("2026-03-02T09:00:00Z"); // a Monday
    public static final Actor CLINICIAN = Actor.of("clinician-ana", Role.CLINICIAN);
    public static final Actor PRESCRIBER = new Actor("prescriber-ben", "Dr Ben Okafor", Role.PRESCRIBER);
    public static final Actor THERAPIST = Actor.of("therapist-cy", Role.THERAPIST);

    private final ProtocolRef protocol;
    private Instant now;

    public Journey(ProtocolRef protocol) {
        this(protocol, START);
    }

    public Journey(ProtocolRef protocol, Instant start) {
        this.protocol = protocol;
        this.now = start;
    }

    public static Journey underTestProtocol() {
        return new Journey(TestProtocol.v1().ref());
    }

    public Instant now() {
        return now;
    }

    public Journey after(Duration d) {
        now = now.plus(d);
        return this;
    }

    public Journey at(Instant t) {
        now = t;
        return this;
    }

    private Instant tick() {
        Instant t = now;
        now = now.plusSeconds(60);
        return t;
    }

    public static ClientProfile adult() {
        return profile(35, kg(70), Set.of("major_depressive_disorder"), Set.of(), Set.of(), List.of(), false,
                Map.of(Instrument.PHQ9, 20));
    }

    public static ClientProfile profile(int age, Kilograms weight, Set<String> diagnoses, Set<String> history,
                                        Set<String> medications, List<ClientProfile.SubstanceUse> substances,
                                        boolean pregnant, Map<Instrument, Integer> scores) {
        return new ClientProfile(age, weight, diagnoses, history, Set.of(), medications, substances, pregnant, false,
                VitalSigns.at(START.minusSeconds(3600)).bp(120, 80).heartRate(70).spo2(98).build(), scores);
    }

    public ScreenClient screen() {
        return screen(adult());
    }

    public ScreenClient screen(ClientProfile profile) {
        return screen(profile, Indication.DEPRESSION);
    }

    public ScreenClient screen(ClientProfile profile, Indication indication) {
        return new ScreenClient(COURSE, "client-7f3a", protocol, indication, profile, CLINICIAN, tick());
    }

    public RecordConsent consent() {
        return new RecordConsent(COURSE, CLINICIAN, tick());
    }

    public RecordPreparationSession preparation() {
        return new RecordPreparationSession(COURSE, THERAPIST, tick());
    }

    /** Screening, consent and two preparation sessions: ready for the first dose. */
    public List<Object> readyForFirstDose() {
        return List.of(screen(), consent(), preparation(), preparation());
    }

    public OverrideRule override(String ruleId) {
        return override(ruleId, PRESCRIBER);
    }

    public OverrideRule override(String ruleId, Actor by) {
        return new OverrideRule(COURSE, RuleId.of(ruleId), "benefit outweighs the risk after review", by, tick());
    }

    public ApproveDose approve(Dose dose) {
        return approve(Route.IM, dose);
    }

    public ApproveDose approve(Route route, Dose dose) {
        return new ApproveDose(COURSE, route, dose, false, null, PRESCRIBER, tick());
    }

    public ApproveDose approveInfusion(Dose dose, Duration over) {
        return new ApproveDose(COURSE, Route.IV, dose, false, over, PRESCRIBER, tick());
    }

    public ApproveDose approveBooster(Dose dose) {
        return new ApproveDose(COURSE, Route.IM, dose, true, null, PRESCRIBER, tick());
    }

    public AdministerBooster giveBooster() {
        return new AdministerBooster(COURSE, CLINICIAN, tick());
    }

    /** Starts with a pulse oximeter and normal vitals taken five minutes before. */
    public StartSession start() {
        return start(Set.of(SettingFeature.PULSE_OXIMETER), VitalSigns.at(now.minusSeconds(300)).bp(120, 80)
                .heartRate(72).spo2(98).build());
    }

    public StartSession start(Set<SettingFeature> setting, VitalSigns preDose) {
        return new StartSession(COURSE, setting, preDose, null, CLINICIAN, tick());
    }

    public RecordVitals vitals(long systolic, long diastolic, long spo2) {
        return new RecordVitals(COURSE, VitalSigns.at(tick()).bp(systolic, diastolic).heartRate(75).spo2(spo2).build(),
                CLINICIAN);
    }

    public RecordAdverseEvent adverseEvent(AdverseEventType type, int grade, Seriousness... seriousness) {
        return new RecordAdverseEvent(COURSE, type, grade, Set.of(seriousness), "observed in session", CLINICIAN, tick());
    }

    public ResolveAdverseEvent resolve(String adverseEventId) {
        return new ResolveAdverseEvent(COURSE, adverseEventId, "resolved without sequelae", CLINICIAN, tick());
    }

    /** Alert, PADSS 10, with an escort who drives. */
    public DischargeClient discharge() {
        return discharge(Map.of(Instrument.MOAAS, 5, Instrument.PADSS, 10), true, Transport.DRIVEN_BY_ESCORT);
    }

    public DischargeClient discharge(Map<Instrument, Integer> scores, boolean escort, Transport transport) {
        return new DischargeClient(COURSE, scores, escort, transport, CLINICIAN, tick());
    }

    public CompleteIntegration integrate() {
        return new CompleteIntegration(COURSE, THERAPIST, tick());
    }

    public RecordOutcomeMeasure outcome(Instrument instrument, int score) {
        return new RecordOutcomeMeasure(COURSE, instrument, score, CLINICIAN, tick());
    }

    public FulfilObligation fulfil(String obligationId) {
        return new FulfilObligation(COURSE, obligationId, CLINICIAN, tick());
    }

    public ReviewCourse review(ReviewDecision decision) {
        return new ReviewCourse(COURSE, decision, "reviewed with the client", PRESCRIBER, tick());
    }

    public CorrectEntry correct(long entry, Actor by) {
        return new CorrectEntry(COURSE, entry, "systolic was 128 mmHg, not 182 mmHg", "transcription error", by, tick());
    }

    /** A prescriber moves the course to another version of its protocol. */
    public MigrateCourse migrate(int version) {
        return new MigrateCourse(COURSE, new ProtocolRef(protocol.id(), version), "the clinic adopted version "
                + version + " after review", PRESCRIBER, tick());
    }

    public EndCourse end() {
        return new EndCourse(COURSE, "course completed", PRESCRIBER, tick());
    }

    public WithdrawConsent withdraw() {
        return new WithdrawConsent(COURSE, "client withdrew", CLINICIAN, tick());
    }

    /**
     * One complete IM session from approval to integration: approve, start, BP at 40 min, discharge
     * at 130 min, integration and the monitoring form the next day. The form's obligation id is
     * counted by this journey: a test that creates other obligations names ids itself. Leaves the
     * cursor there; the caller moves on to the next session's day.
     */
    public List<Object> imSession(Dose dose) {
        List<Object> commands = new ArrayList<>();
        commands.add(approve(dose));
        commands.add(start());
        after(minutes(38));
        commands.add(vitals(128, 84, 97));
        after(minutes(90));
        commands.add(discharge());
        after(days(1));
        commands.add(integrate());
        commands.add(fulfil("OBLIGATION-" + (++formsFiled)));
        return commands;
    }

    private int formsFiled;
}
