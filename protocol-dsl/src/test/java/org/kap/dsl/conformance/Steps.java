package org.kap.dsl.conformance;

import org.kap.core.adverse.AdverseEventType;
import org.kap.core.adverse.Seriousness;
import org.kap.core.course.Actor;
import org.kap.core.course.CourseCommand;
import org.kap.core.course.CourseCommand.RecordClientFact;
import org.kap.core.course.CorrectedValues;
import org.kap.core.facts.ClinicalFinding;
import org.kap.core.facts.MedicationChange;
import org.kap.core.facts.WeightMeasurement;
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
import org.kap.core.units.Milligrams;
import org.kap.core.units.MilligramsPerKilogram;
import org.kap.core.vitals.VitalSigns;
import org.kap.core.testing.Journey;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the course facts of a conformance case, one step per line, into commands. A clinical-time
 * cursor starts on Monday 2 March 2026 09:00 UTC and moves one minute per step; {@code wait 2 days}
 * moves it further. Defaults make every step pass a permissive protocol: an adult of 70 kg, blood
 * pressure 120/80, every setting feature confirmed, an alert client leaving with an escort.
 */
final class Steps {

    private static final String COURSE = "conformance-course";
    private static final Actor CLINICIAN = Journey.CLINICIAN;
    private static final Actor PRESCRIBER = Journey.PRESCRIBER;
    private static final Actor THERAPIST = Journey.THERAPIST;

    private final ProtocolRef protocol;
    private Instant now = Journey.START;

    Steps(ProtocolRef protocol) {
        this.protocol = protocol;
    }

    /** The command of a step, or empty for {@code wait}, which only moves the clock. */
    Optional<CourseCommand> read(String step) {
        Words w = new Words(step);
        String verb = w.next();
        if (verb.equals("wait")) {
            now = now.plus(duration(w.decimal(), w.next()));
            return Optional.empty();
        }
        Instant at = now;
        now = now.plusSeconds(60);
        CourseCommand command = switch (verb) {
            case "screen" -> screen(w, at);
            case "consent" -> new RecordConsent(COURSE, CLINICIAN, at);
            case "withdraw" -> new WithdrawConsent(COURSE, "client withdrew", CLINICIAN, at);
            case "prepare" -> new RecordPreparationSession(COURSE, THERAPIST, at);
            case "override" -> new OverrideRule(COURSE, RuleId.of(w.next()), "reviewed; benefit outweighs risk",
                    w.flag("by") ? actor(w.next()) : PRESCRIBER, at);
            case "approve" -> approve(w, at);
            case "start" -> start(w, at);
            case "booster" -> new AdministerBooster(COURSE, CLINICIAN, at);
            case "vitals" -> new RecordVitals(COURSE, vitals(w, at), CLINICIAN);
            case "ae" -> adverseEvent(w, at);
            case "resolve" -> new ResolveAdverseEvent(COURSE, w.next(), "resolved", CLINICIAN, at);
            case "discharge" -> discharge(w, at);
            case "integrate" -> new CompleteIntegration(COURSE, THERAPIST, at);
            case "outcome" -> new RecordOutcomeMeasure(COURSE, instrument(w.next()), w.integer(), CLINICIAN, at);
            case "fulfil" -> new FulfilObligation(COURSE, w.next(), CLINICIAN, at);
            case "review" -> new ReviewCourse(COURSE, ReviewDecision.valueOf(w.next().toUpperCase(Locale.ROOT)),
                    "reviewed", PRESCRIBER, at);
            case "end" -> new EndCourse(COURSE, "course completed", PRESCRIBER, at);
            case "finding" -> finding(w, at);
            case "assess" -> new CourseCommand.RecordSessionScore(COURSE, instrument(w.next()), w.integer(), CLINICIAN, at);
            case "took" -> took(w, at);
            case "medication" -> new RecordClientFact(COURSE, new MedicationChange(w.value(),
                    MedicationChange.Change.valueOf(w.next().toUpperCase(Locale.ROOT)), null, null), CLINICIAN, at);
            case "weigh" -> weigh(w, at);
            case "close" -> new CourseCommand.CloseSession(COURSE,
                    org.kap.core.observation.Disposition.valueOf(w.next().toUpperCase(Locale.ROOT)), "as charted", CLINICIAN, at);
            case "correct" -> correct(w, at);
            default -> throw new IllegalArgumentException("unknown step '" + verb + "'");
        };
        w.requireEnd();
        return Optional.of(command);
    }

    /**
     * {@code finding pregnancy_test positive}, {@code finding diagnosis bipolar_mania}, {@code finding age 40},
     * {@code finding drug_screen cocaine positive}, {@code finding lab alt 150} (U/L)
     */
    private RecordClientFact finding(Words w, Instant at) {
        ClinicalFinding.Type type = ClinicalFinding.Type.valueOf(w.next().toUpperCase(Locale.ROOT));
        ClinicalFinding finding = switch (type) {
            case AGE -> ClinicalFinding.age(w.integer());
            case PREGNANCY_TEST -> ClinicalFinding.pregnancyTest(w.next().equals("positive"));
            case BREASTFEEDING -> new ClinicalFinding(type, null, w.next().equals("yes"), null, null, null);
            case LAB -> ClinicalFinding.lab(org.kap.core.facts.LabTest.valueOf(w.next().toUpperCase(Locale.ROOT)),
                    new org.kap.core.units.UnitsPerLitre(w.decimal()));
            case DIAGNOSIS, HISTORY, FAMILY_HISTORY -> ClinicalFinding.coded(type, w.value(), !w.flag("absent"));
            case DRUG_SCREEN -> ClinicalFinding.coded(type, w.next(), w.next().equals("positive"));
            case RESTING_VITALS -> {
                VitalSigns.Builder vitals = VitalSigns.at(at);
                w.next();
                bp(vitals, w.next());
                yield ClinicalFinding.restingVitals(vitals.build());
            }
        };
        return new RecordClientFact(COURSE, finding, CLINICIAN, at);
    }

    /** {@code correct 7 reading bp 192/114}, {@code correct 1 weight 50}, {@code correct 6 dose 120 mg}: a structured correction. */
    private CorrectEntry correct(Words w, Instant at) {
        long entry = w.integer();
        String what = w.next();
        CorrectedValues values = switch (what) {
            case "reading" -> {
                VitalSigns.Builder vitals = VitalSigns.at(at);
                w.next();
                bp(vitals, w.next());
                yield new CorrectedValues(vitals.build(), null, null, null, null);
            }
            case "weight" -> new CorrectedValues(null, new Kilograms(w.decimal()), null, null, null);
            case "dose" -> {
                BigDecimal mg = w.decimal();
                w.next();
                yield new CorrectedValues(null, null, null, null, new Milligrams(mg));
            }
            case "score" -> new CorrectedValues(null, null, null, null, null, w.integer());
            default -> throw new IllegalArgumentException("correct ENTRY reading bp S/D | weight N | dose N mg | score N");
        };
        return new CorrectEntry(COURSE, entry, "charted wrongly", "corrected from the source", values, CLINICIAN, at);
    }

    /** {@code took adhd_stimulant [20 mg] 3 h ago}: a dose taken, recorded now at the time it was taken. */
    private RecordClientFact took(Words w, Instant at) {
        String drug = w.value();
        Milligrams amount = null;
        BigDecimal first = w.decimal();
        String unit = w.next();
        Duration ago;
        if (unit.equals("mg")) {
            amount = new Milligrams(first);
            ago = duration(w.decimal(), w.next());
        } else {
            ago = duration(first, unit);
        }
        if (!w.next().equals("ago")) {
            throw new IllegalArgumentException("write: took DRUG [N mg] N h ago");
        }
        return new RecordClientFact(COURSE, new MedicationChange(drug, MedicationChange.Change.TAKEN, amount, null),
                CLINICIAN, at.minus(ago));
    }

    /** {@code weigh 62 kg [N days ago]} */
    private RecordClientFact weigh(Words w, Instant at) {
        BigDecimal kg = w.decimal();
        if (!w.next().equals("kg")) {
            throw new IllegalArgumentException("write: weigh N kg");
        }
        Instant measured = w.hasNext() ? at.minus(duration(w.decimal(), w.next())) : at;
        if (w.hasNext() && !w.next().equals("ago")) {
            throw new IllegalArgumentException("write: weigh N kg N days ago");
        }
        return new RecordClientFact(COURSE, new WeightMeasurement(new Kilograms(kg)), CLINICIAN, measured);
    }

    private ScreenClient screen(Words w, Instant at) {
        Integer age = 35;
        BigDecimal weight = BigDecimal.valueOf(70);
        Set<String> diagnoses = new HashSet<>(Set.of("major_depressive_disorder"));
        Set<String> history = new HashSet<>();
        Set<String> family = new HashSet<>();
        Set<String> medications = new HashSet<>();
        List<ClientProfile.SubstanceUse> substances = new ArrayList<>();
        Boolean pregnant = false;
        Boolean breastfeeding = false;
        VitalSigns.Builder vitals = VitalSigns.at(at.minusSeconds(600)).bp(120, 80).heartRate(70).spo2(98);
        boolean noVitals = false;
        Map<org.kap.core.facts.LabTest, org.kap.core.units.UnitsPerLitre> labs = new java.util.EnumMap<>(org.kap.core.facts.LabTest.class);
        Map<Instrument, Integer> scores = new EnumMap<>(Instrument.class);
        Indication indication = Indication.DEPRESSION;
        while (w.hasNext()) {
            switch (w.next()) {
                case "age" -> age = w.integer();
                case "weight" -> weight = w.decimal();
                case "diagnosis" -> diagnoses.addAll(w.list());
                case "history" -> history.addAll(w.list());
                case "family" -> family.addAll(w.list());
                case "medication" -> medications.addAll(w.list());
                case "substance" -> substances.add(new ClientProfile.SubstanceUse(w.next(),
                        at.minus(duration(w.decimal(), w.next()))));
                case "pregnant" -> pregnant = true;
                case "no-age" -> age = null;
                case "no-vitals" -> noVitals = true;
                case "pregnancy-unknown" -> pregnant = null;
                case "lab" -> labs.put(org.kap.core.facts.LabTest.valueOf(w.next().toUpperCase(Locale.ROOT)),
                        new org.kap.core.units.UnitsPerLitre(w.decimal()));
                case "breastfeeding" -> breastfeeding = true;
                case "bp" -> bp(vitals, w.next());
                case "spo2" -> vitals.spo2(w.integer());
                case "score" -> scores.put(instrument(w.next()), w.integer());
                case "indication" -> indication = Indication.valueOf(w.next().toUpperCase(Locale.ROOT));
                default -> throw new IllegalArgumentException("unknown screening fact in '" + w + "'");
            }
        }
        ClientProfile profile = new ClientProfile(age, new Kilograms(weight), diagnoses, history, family, medications,
                substances, pregnant, breastfeeding, noVitals ? null : vitals.build(), scores, List.of(), labs);
        return new ScreenClient(COURSE, "client-conformance", protocol, indication, profile, CLINICIAN, at);
    }

    private ApproveDose approve(Words w, Instant at) {
        Route route = Route.valueOf(w.next().toUpperCase(Locale.ROOT));
        Dose dose = dose(w.decimal(), w.next());
        boolean booster = false;
        Duration infusion = null;
        while (w.hasNext()) {
            switch (w.next()) {
                case "booster" -> booster = true;
                case "over" -> infusion = duration(w.decimal(), w.next());
                default -> throw new IllegalArgumentException("unknown approval detail in '" + w + "'");
            }
        }
        return new ApproveDose(COURSE, route, dose, booster, infusion, PRESCRIBER, at);
    }

    private StartSession start(Words w, Instant at) {
        Set<SettingFeature> setting = EnumSet.allOf(SettingFeature.class);
        Duration vitalsAge = Duration.ofMinutes(5);
        VitalSigns.Builder vitals = VitalSigns.at(at).bp(120, 80).heartRate(70).spo2(98);
        boolean noVitals = false;
        Map<org.kap.core.facts.LabTest, org.kap.core.units.UnitsPerLitre> labs = new java.util.EnumMap<>(org.kap.core.facts.LabTest.class);
        while (w.hasNext()) {
            switch (w.next()) {
                case "setting" -> {
                    setting = EnumSet.noneOf(SettingFeature.class);
                    for (String f : w.list()) {
                        if (!f.equals("none")) {
                            setting.add(SettingFeature.valueOf(f.toUpperCase(Locale.ROOT)));
                        }
                    }
                }
                case "bp" -> bp(vitals, w.next());
                case "hr" -> vitals.heartRate(w.integer());
                case "spo2" -> vitals.spo2(w.integer());
                case "rr" -> vitals.respiratoryRate(w.integer());
                case "vitals" -> {
                    if (w.flag("none")) {
                        noVitals = true;
                    } else {
                        vitalsAge = duration(w.decimal(), w.next());
                        w.expect("before");
                    }
                }
                default -> throw new IllegalArgumentException("unknown start detail in '" + w + "'");
            }
        }
        VitalSigns preDose = noVitals ? null : vitals.build();
        if (preDose != null) {
            preDose = new VitalSigns(at.minus(vitalsAge), preDose.systolic(), preDose.diastolic(), preDose.heartRate(),
                    preDose.spo2(), preDose.respiratoryRate());
        }
        return new StartSession(COURSE, setting, preDose, null, CLINICIAN, at);
    }

    private VitalSigns vitals(Words w, Instant at) {
        VitalSigns.Builder vitals = VitalSigns.at(at);
        while (w.hasNext()) {
            switch (w.next()) {
                case "bp" -> bp(vitals, w.next());
                case "hr" -> vitals.heartRate(w.integer());
                case "spo2" -> vitals.spo2(w.integer());
                default -> throw new IllegalArgumentException("unknown vital in '" + w + "'");
            }
        }
        return vitals.build();
    }

    private RecordAdverseEvent adverseEvent(Words w, Instant at) {
        AdverseEventType type = AdverseEventType.valueOf(w.next().toUpperCase(Locale.ROOT));
        w.expect("grade");
        int grade = w.integer();
        Set<Seriousness> seriousness = EnumSet.noneOf(Seriousness.class);
        if (w.flag("serious")) {
            w.list().forEach(s -> seriousness.add(Seriousness.valueOf(s.toUpperCase(Locale.ROOT))));
        }
        return new RecordAdverseEvent(COURSE, type, grade, seriousness, "conformance", CLINICIAN, at);
    }

    private DischargeClient discharge(Words w, Instant at) {
        Map<Instrument, Integer> scores = new EnumMap<>(Map.of(Instrument.MOAAS, 5, Instrument.PADSS, 10, Instrument.ALDRETE, 10));
        boolean escort = true;
        Transport transport = Transport.DRIVEN_BY_ESCORT;
        while (w.hasNext()) {
            String word = w.next();
            switch (word) {
                case "no-escort" -> escort = false;
                case "without" -> scores.remove(instrument(w.next()));
                case "transport" -> transport = Transport.valueOf(w.next().toUpperCase(Locale.ROOT));
                default -> scores.put(instrument(word), w.integer());
            }
        }
        return new DischargeClient(COURSE, scores, escort, transport, CLINICIAN, at);
    }

    private static void bp(VitalSigns.Builder vitals, String systolicSlashDiastolic) {
        String[] parts = systolicSlashDiastolic.split("/");
        vitals.bp(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
    }

    private static Actor actor(String role) {
        return Actor.of(role + "-conformance", Role.valueOf(role.toUpperCase(Locale.ROOT)));
    }

    private static Instrument instrument(String code) {
        return Arrays.stream(Instrument.values()).filter(i -> i.code().equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown instrument " + code));
    }

    private static Dose dose(BigDecimal value, String unit) {
        return switch (unit) {
            case "mg" -> new Milligrams(value);
            case "mg/kg" -> new MilligramsPerKilogram(value);
            default -> throw new IllegalArgumentException("a dose is in mg or mg/kg, not " + unit);
        };
    }

    private static Duration duration(BigDecimal amount, String unit) {
        Duration one = switch (unit) {
            case "min" -> Duration.ofMinutes(1);
            case "h" -> Duration.ofHours(1);
            case "day", "days" -> Duration.ofDays(1);
            default -> throw new IllegalArgumentException("a time is in min, h or days, not " + unit);
        };
        return Duration.ofSeconds(amount.multiply(BigDecimal.valueOf(one.toSeconds())).longValueExact());
    }

    /** The words of a step, read left to right. */
    private static final class Words {
        private final String line;
        private final List<String> words;
        private int next;

        Words(String line) {
            this.line = line;
            this.words = List.of(line.trim().split("\\s+"));
        }

        boolean hasNext() {
            return next < words.size();
        }

        String next() {
            if (!hasNext()) {
                throw new IllegalArgumentException("step '" + line + "' ends too early");
            }
            return words.get(next++);
        }

        boolean flag(String word) {
            if (hasNext() && words.get(next).equals(word)) {
                next++;
                return true;
            }
            return false;
        }

        void expect(String word) {
            if (!flag(word)) {
                throw new IllegalArgumentException("step '" + line + "' needs '" + word + "' here");
            }
        }

        int integer() {
            return Integer.parseInt(next());
        }

        BigDecimal decimal() {
            return new BigDecimal(next());
        }

        /** {@code a,b}: words, or codes written {@code system:code} ({@code icd-10-cm:F20.9}), as the record keeps them. */
        List<String> list() {
            return java.util.Arrays.stream(next().split(",")).map(Words::coded).toList();
        }

        /** The next word, or code ({@code atc:N05BA12}). */
        String value() {
            return coded(next());
        }

        private static String coded(String written) {
            int colon = written.indexOf(':');
            return colon < 0 ? written : new org.kap.core.terminology.Coding(org.kap.core.terminology.CodeSystem
                    .byWord(written.substring(0, colon)).orElseThrow(() -> new IllegalArgumentException("no code system "
                            + written.substring(0, colon))), written.substring(colon + 1)).token();
        }

        void requireEnd() {
            if (hasNext()) {
                throw new IllegalArgumentException("step '" + line + "' has words left over: " + words.subList(next, words.size()));
            }
        }

        @Override
        public String toString() {
            return line;
        }
    }
}
