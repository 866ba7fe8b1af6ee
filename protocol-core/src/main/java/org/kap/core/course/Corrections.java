package org.kap.core.course;

import org.kap.core.facts.FactNames;
import org.kap.core.facts.TimedFact;
import org.kap.core.vitals.VitalSigns;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * Checks that a structured correction fits the entry it corrects, and resolves it to the values the course
 * will use: a corrected reading keeps its measured time unless a time is corrected too. What does not fit is
 * malformed input naming the field.
 */
final class Corrections {

    private Corrections() {
    }

    static CorrectedValues resolve(CourseState state, long entryNumber, CorrectableEntry ref, CorrectedValues v,
                                   ClinicalTimePolicy time) {
        String what = "entry " + entryNumber + " (" + ref.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ")";
        switch (ref.kind()) {
            case SCREENING -> {
                only(v, what, "holds the screening's weight and vitals; a finding is recorded, not corrected, and the time "
                        + "of an act is not corrected", "reading", "weight");
                return new CorrectedValues(merged(ref.reading(), v.reading()), v.weight(), null, null, null);
            }
            case READING -> {
                only(v, what, "corrects to a reading or the time it was measured", "reading", "clinicalTime");
                SessionRecord session = state.sessions().get(ref.session() - 1);
                Instant measured = v.clinicalTime() == null ? ref.reading().measuredAt()
                        : time.observationTime(v.clinicalTime(), session.startedAt(), "its session started");
                VitalSigns reading = v.reading() == null ? null : ref.reading().correctedBy(v.reading()).measuredAt(measured);
                return new CorrectedValues(reading, null, v.clinicalTime() == null ? null : measured, null, null);
            }
            case SESSION_START -> {
                only(v, what, "corrects to its pre-dose vitals or the dose given (the time of an act is not corrected)",
                        "reading", "dose");
                return new CorrectedValues(merged(ref.reading(), v.reading()), null, null, null, v.dose());
            }
            case BOOSTER -> {
                only(v, what, "corrects to the dose given", "dose");
                return v;
            }
            case SCORE -> {
                only(v, what, "corrects to the score assessed (the time of an assessment is not corrected)", "score");
                var assessed = state.scoreEntry(entryNumber).orElseThrow();
                refuse(v.score() == null || !assessed.instrument().inRange(v.score()), "corrected.score",
                        assessed.instrument().label() + " scores range " + assessed.instrument().min() + "-"
                                + assessed.instrument().max());
                return new CorrectedValues(null, null, null, null, null, v.score());
            }
            case FACT -> {
                TimedFact fact = fact(state, entryNumber);
                if (fact.weight() != null) {
                    only(v, what, "is a weight: it corrects to a weight or the time it was measured", "weight", "clinicalTime");
                } else if (fact.finding() != null) {
                    only(v, what, "is a finding: it corrects to a finding of the same type or its time", "finding", "clinicalTime");
                    if (v.finding() != null) {
                        refuse(fact.finding().type() != v.finding().type(), "corrected.finding",
                                what + " is a " + fact.finding().type().code() + " finding, not a " + v.finding().type().code());
                    }
                } else {
                    only(v, what, "is a medication: it corrects to the time it was taken", "clinicalTime");
                }
                if (v.clinicalTime() != null) {
                    time.observationTime(v.clinicalTime(), state.facts().screenedAt(), "screening");
                }
                return v;
            }
        }
        throw new IllegalStateException("unknown kind " + ref.kind());
    }

    /** Refuses, naming the field, a corrected value the entry does not hold. */
    private static void only(CorrectedValues v, String what, String holds, String... allowed) {
        java.util.Map<String, Object> given = new java.util.LinkedHashMap<>();
        given.put("reading", v.reading());
        given.put("weight", v.weight());
        given.put("clinicalTime", v.clinicalTime());
        given.put("finding", v.finding());
        given.put("dose", v.dose());
        given.put("score", v.score());
        java.util.List<String> allowedFields = java.util.List.of(allowed);
        given.forEach((field, value) -> refuse(value != null && !allowedFields.contains(field), "corrected." + field,
                what + " " + holds));
    }

    /** The original reading with the corrected signs in place (it keeps its time); the given one when there was none. */
    private static VitalSigns merged(VitalSigns original, VitalSigns corrected) {
        if (corrected == null) {
            return null;
        }
        return original == null ? corrected : original.correctedBy(corrected);
    }

    /** The facts ({@link FactNames}) the correction changes, for the screening rules that read them. */
    static Set<String> changedFacts(CourseState state, long entryNumber, CorrectableEntry ref, CorrectedValues v) {
        Set<String> changed = new HashSet<>();
        if (v.weight() != null) {
            changed.add(FactNames.WEIGHT);
        }
        if (ref.kind() == CorrectableEntry.Kind.SCREENING && v.reading() != null) {
            v.reading().measured().forEach(sign -> changed.add(sign.label()));
        }
        if (ref.kind() == CorrectableEntry.Kind.FACT) {
            TimedFact fact = fact(state, entryNumber);
            changed.addAll(fact.fact().changes());
            if (v.finding() != null) {
                changed.addAll(v.finding().changes());
            }
        }
        return changed;
    }

    private static TimedFact fact(CourseState state, long entryNumber) {
        return state.facts().timeline().stream().filter(f -> f.entry() == entryNumber).findFirst()
                .orElseThrow(() -> new IllegalStateException("entry " + entryNumber + " holds no fact"));
    }

    private static void refuse(boolean wrong, String field, String reason) {
        if (wrong) {
            throw new InvalidCommandException(field, reason);
        }
    }
}
