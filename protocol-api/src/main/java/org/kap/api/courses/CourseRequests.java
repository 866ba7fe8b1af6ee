package org.kap.api.courses;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.kap.api.units.QuantityText;
import org.kap.core.adverse.AdverseEventType;
import org.kap.core.adverse.Seriousness;
import org.kap.core.course.CourseCommand.ReviewDecision;
import org.kap.core.course.CorrectedValues;
import org.kap.core.course.InvalidCommandException;
import org.kap.core.observation.Disposition;
import org.kap.core.dosing.Route;
import org.kap.core.facts.ClinicalFinding;
import org.kap.core.facts.LabTest;
import org.kap.core.units.UnitsPerLitre;
import org.kap.core.facts.MedicationChange;
import org.kap.core.facts.WeightMeasurement;
import org.kap.core.observation.Transport;
import org.kap.core.outcome.Instrument;
import org.kap.core.protocol.Indication;
import org.kap.core.screening.ClientProfile;
import org.kap.core.session.SettingFeature;
import org.kap.core.vitals.VitalSigns;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Request bodies of the course commands. The actor never appears here: it comes from the
 * authenticated principal. Quantities are text with their unit ("0.5 mg/kg"); {@code at} is the
 * clinical time of the act, the server's now when absent.
 */
public final class CourseRequests {

    private CourseRequests() {
    }

    private static final String AT = "Clinical time of the act (ISO 8601); the server's now when absent";

    public record ProtocolVersionRef(@NotBlank @Schema(example = "kap-im") String id,
                                     @Min(1) @Schema(example = "1") int version) {
    }

    public record Vitals(@Schema(description = "When the vitals were measured. Absent: pre-dose vitals take the act's time; "
                                 + "an in-session reading is stamped by the course as it records it") Instant measuredAt,
                         @Schema(example = "128 mmHg") String systolic,
                         @Schema(example = "82 mmHg") String diastolic,
                         @Schema(example = "72 bpm") String heartRate,
                         @Schema(example = "97 %") String spo2,
                         @Schema(example = "14 breaths/min") String respiratoryRate) {

        VitalSigns toVitals(String field, Instant defaultTime) {
            var saturation = QuantityText.percent(field + ".spo2", spo2);
            if (saturation != null && saturation.value().compareTo(java.math.BigDecimal.valueOf(100)) > 0) {
                throw new InvalidCommandException(field + ".spo2", "cannot exceed 100 %, was " + saturation);
            }
            var sys = QuantityText.mmHg(field + ".systolic", systolic);
            var dia = QuantityText.mmHg(field + ".diastolic", diastolic);
            var hr = QuantityText.bpm(field + ".heartRate", heartRate);
            var rr = QuantityText.breathsPerMinute(field + ".respiratoryRate", respiratoryRate);
            try {
                return new VitalSigns(measuredAt == null ? defaultTime : measuredAt, sys, dia, hr, saturation, rr);
            } catch (InvalidCommandException named) {
                throw named;
            } catch (IllegalArgumentException refused) {
                // a reading the domain refuses (e.g. no sign measured): malformed input naming the reading
                throw new InvalidCommandException(field, refused.getMessage());
            }
        }
    }

    public record SubstanceUse(@NotBlank @Schema(example = "alcohol") String substance, @NotNull Instant lastUse) {
    }

    public record Profile(@Min(0) @Max(130) @Schema(example = "42", description = "Absent: not recorded; a rule on age "
                                  + "then finds it not known, never 0") Integer ageYears,
                          @NotBlank @Schema(example = "70 kg") String weight,
                          @Schema(example = "[\"major_depressive_disorder\", {\"system\": \"http://hl7.org/fhir/sid/icd-10-cm\", "
                                  + "\"code\": \"F33.1\"}]") List<@NotNull CodedValue> diagnoses,
                          List<@NotNull CodedValue> history,
                          List<@NotNull CodedValue> familyHistory,
                          @Schema(example = "[\"benzodiazepine\", {\"system\": \"http://www.whocc.no/atc\", \"code\": \"N06AB06\"}]")
                          List<@NotNull CodedValue> medications,
                          List<@NotNull @Valid SubstanceUse> substanceUse,
                          @Schema(description = "Absent: not recorded; a rule on pregnancy then finds it not known",
                                  example = "false") Boolean pregnant,
                          @Schema(description = "Absent: not recorded", example = "false") Boolean breastfeeding,
                          @Valid Vitals vitals,
                          @Schema(example = "{\"phq9\": 19}") Map<Instrument, @NotNull @Min(0) Integer> scores,
                          @Schema(description = "Laboratory results in U/L", example = "{\"alt\": \"32 U/L\"}")
                          Map<LabTest, @NotBlank String> labs) {

        ClientProfile toProfile(Instant at) {
            var kilograms = QuantityText.kilograms("profile.weight", weight);
            if (kilograms.value().signum() == 0) {
                throw new InvalidCommandException("profile.weight", "must be above 0 kg");
            }
            if (scores != null) {
                scores.forEach((instrument, score) -> {
                    if (score != null && !instrument.inRange(score)) {
                        throw new InvalidCommandException("profile.scores." + instrument.code(), instrument.label()
                                + " scores range " + instrument.min() + "-" + instrument.max() + "; got " + score);
                    }
                });
            }
            try {
                return new ClientProfile(ageYears, kilograms, set("profile.diagnoses", diagnoses), set("profile.history", history),
                        set("profile.familyHistory", familyHistory), set("profile.medications", medications),
                        substanceUse == null ? List.of() : substanceUse.stream()
                                .map(s -> new ClientProfile.SubstanceUse(s.substance().trim().toLowerCase(java.util.Locale.ROOT),
                                        s.lastUse())).toList(),
                        pregnant, breastfeeding, vitals == null ? null : vitals.toVitals("profile.vitals", at), scores,
                        List.of(), labs(labs));
            } catch (InvalidCommandException named) {
                throw named;
            } catch (IllegalArgumentException refused) {
                // a profile the domain refuses: malformed input naming the profile
                throw new InvalidCommandException("profile", refused.getMessage());
            }
        }

        private static Map<LabTest, UnitsPerLitre> labs(Map<LabTest, String> results) {
            Map<LabTest, UnitsPerLitre> labs = new java.util.EnumMap<>(LabTest.class);
            if (results != null) {
                results.forEach((test, value) -> labs.put(test, QuantityText.unitsPerLitre("profile.labs." + test.code(), value)));
            }
            return labs;
        }

        private static Set<String> set(String field, List<CodedValue> values) {
            if (values == null) {
                return Set.of();
            }
            Set<String> recorded = new java.util.LinkedHashSet<>();
            for (int i = 0; i < values.size(); i++) {
                recorded.add(values.get(i).toRecorded(field + "[" + i + "]"));
            }
            return Set.copyOf(recorded);
        }
    }

    /**
     * The one pattern of a course id: letters, digits, '.', '_' and '-', starting with a letter or digit, at most 100
     * characters. It is part of the course's URL as it is, and never looks like a protocol publication's id (those
     * hold a ':'), so no id a client chooses can reach another aggregate.
     */
    public static final String COURSE_ID = "[A-Za-z0-9][A-Za-z0-9._-]{0,99}";

    public record Screen(@Size(max = 100) @Pattern(regexp = COURSE_ID,
                                 message = "is 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit")
                         @Schema(description = "Chosen by the caller (" + COURSE_ID + "), or generated") String courseId,
                        @NotBlank @Size(max = 100) @Schema(description = "Pseudonymous client id; never a name", example = "client-7f3a")
                        String clientId,
                        @NotNull @Valid ProtocolVersionRef protocol,
                        @NotNull @Schema(example = "depression") Indication indication,
                        @NotNull @Valid Profile profile,
                        @Schema(description = AT) Instant at) {
    }

    public record At(@Schema(description = AT) Instant at) {
    }

    private static final String FACT_AT = "When it was measured, taken or found (ISO 8601); may be earlier than acts already "
            + "recorded (the entry is then flagged late), never before screening; the server's now when absent";

    /**
     * A clinical finding learnt during the course. {@code type} says which fields it has: {@code pregnancy_test},
     * {@code breastfeeding} and {@code drug_screen} (with {@code code}, the substance) a result; {@code diagnosis},
     * {@code history} and {@code family_history} a code present ({@code positive} true) or ruled out (false);
     * {@code age} the years; {@code resting_vitals} a reading.
     */
    public record ClinicalFindingEntry(@NotNull @Schema(example = "pregnancy_test") ClinicalFinding.Type type,
                                       @Schema(description = "The diagnosis, history item or substance: a word, or a code "
                                               + "with its system (diagnosis, history, family history); for type lab the test",
                                               example = "bipolar_mania") CodedValue code,
                                       @Schema(description = "Positive or present (true), negative or absent (false)",
                                               example = "true") Boolean positive,
                                       @Min(0) @Max(130) @Schema(description = "For type age") Integer ageYears,
                                       @Valid @Schema(description = "For type resting_vitals") Vitals vitals,
                                       @Schema(description = "For type lab: the result, with code the test (alt, ast, ggt)",
                                               example = "42 U/L") String value,
                                       @Schema(description = FACT_AT) Instant at) {

        ClinicalFinding toFinding(Instant now) {
            try {
                return new ClinicalFinding(type, code == null ? null : code.toRecorded("code"), positive, ageYears,
                        vitals == null ? null : vitals.toVitals("vitals", at == null ? now : at),
                        value == null ? null : QuantityText.unitsPerLitre("value", value));
            } catch (InvalidCommandException named) {
                throw named;
            } catch (IllegalArgumentException refused) {
                throw new InvalidCommandException(field(refused.getMessage()), refused.getMessage());
            }
        }

        private static String field(String message) {
            return message.contains("laboratory test") || message.contains("code") ? "code"
                    : message.contains("value") ? "value"
                    : message.contains("result") || message.contains("positive") ? "positive"
                    : message.contains("years") || message.contains("age") ? "ageYears" : message.contains("reading") ? "vitals" : "type";
        }
    }

    /** A medication taken (a dose, at {@code at}), or started or stopped on the client's standing list. */
    public record MedicationEntry(@NotNull @Schema(example = "adhd_stimulant") CodedValue drug,
                                  @NotNull @Schema(example = "taken") MedicationChange.Change change,
                                  @Schema(description = "The dose taken, for change taken", example = "20 mg") String dose,
                                  @Size(max = 40) @Schema(description = "How it was taken, for change taken", example = "oral")
                                  String route,
                                  @Schema(description = FACT_AT) Instant at) {

        MedicationChange toMedication() {
            var amount = dose == null ? null : QuantityText.milligrams("dose", dose);
            // a malformed drug is named as the drug (its code or system), before the entry as a whole is checked
            String recorded = drug == null ? null : drug.toRecorded("drug");
            try {
                return new MedicationChange(recorded, change, amount, route);
            } catch (IllegalArgumentException refused) {
                throw new InvalidCommandException(dose != null || route != null ? "change" : "drug", refused.getMessage());
            }
        }
    }

    /** The client weighed: mg/kg doses from then on are computed on it. */
    public record WeightEntry(@NotBlank @Schema(example = "68.5 kg") String weight,
                              @Schema(description = FACT_AT) Instant at) {

        WeightMeasurement toWeight() {
            var kilograms = QuantityText.kilograms("weight", weight);
            if (kilograms.value().signum() == 0) {
                throw new InvalidCommandException("weight", "must be above 0 kg");
            }
            return new WeightMeasurement(kilograms);
        }
    }

    public record Reason(@NotBlank @Size(max = 2000) String reason, @Schema(description = AT) Instant at) {
    }

    public record RuleOverride(@NotBlank @Schema(example = "PREDOSE-SBP") String ruleId,
                           @NotBlank @Size(max = 4000) @Schema(example = "BP 146/88 at rest, stable for years; benefit outweighs risk")
                           String justification,
                           @Schema(description = AT) Instant at) {
    }

    public record DoseApproval(@NotNull @Schema(example = "IM") Route route,
                               @NotBlank @Schema(example = "0.5 mg/kg") String dose,
                               @Schema(description = "An extra dose within the open session") boolean booster,
                               @Schema(description = "For infusions", example = "40 min") String infusionDuration,
                               @Schema(description = AT) Instant at) {
    }

    public record SessionStart(@Schema(example = "[\"pulse_oximeter\", \"chaperone_present\"]") Set<@NotNull SettingFeature> setting,
                               @Valid Vitals preDoseVitals,
                               @Schema(description = "When the last device was given or the infusion ended") Instant administrationEnd,
                               @Schema(description = AT) Instant at) {
    }

    public record Reading(@NotNull @Valid Vitals vitals) {
    }

    public record AdverseEvent(@NotNull @Schema(example = "nausea_vomiting") AdverseEventType type,
                               @Min(1) @Max(5) @Schema(description = "CTCAE grade 1-5", example = "2") int grade,
                               @Schema(description = "FDA seriousness criteria met; none means not serious") Set<@NotNull Seriousness> seriousness,
                               @Size(max = 4000) String description,
                               @Schema(description = AT) Instant at) {
    }

    public record Resolution(@NotBlank @Size(max = 4000) String resolution, @Schema(description = AT) Instant at) {
    }

    public record Discharge(@Schema(example = "{\"moaas\": 5, \"padss\": 10}") Map<Instrument, @NotNull Integer> scores,
                            boolean escortPresent,
                            @Schema(example = "driven_by_escort") Transport transport,
                            @Schema(description = AT) Instant at) {
    }

    /** A score assessed during the open session: a sedation, recovery or dissociation scale, or an outcome instrument. */
    public record SessionScore(@NotNull @Schema(example = "moaas") Instrument instrument,
                               @NotNull @Schema(example = "3") Integer score,
                               @Schema(description = "When it was assessed (ISO 8601); may be earlier than acts already recorded "
                                       + "in the session (the entry is then flagged late), never before the session started; "
                                       + "the server's now when absent") Instant at) {
    }

    public record OutcomeMeasure(@NotNull @Schema(example = "phq9") Instrument instrument,
                                 @NotNull @Schema(example = "14") Integer score,
                                 @Schema(description = AT) Instant at) {
    }

    public record Review(@NotNull @Schema(example = "resume") ReviewDecision decision,
                         @NotBlank @Size(max = 4000) String reason,
                         @Schema(description = AT) Instant at) {
    }

    public record Correction(@Min(1) long entryNumber,
                             @NotBlank @Size(max = 4000) @Schema(example = "systolic was 128 mmHg, not 182 mmHg") String correction,
                             @NotBlank @Size(max = 4000) @Schema(example = "transcription error") String reason,
                             @Valid @Schema(description = "The corrected values the course uses from now on; absent for a "
                                     + "correction in words only") CorrectedEntry corrected,
                             @Schema(description = AT) Instant at) {
    }

    /**
     * The values a structured correction gives the entry: a reading (an in-session reading, the pre-dose vitals of a
     * session start, the screening vitals), a weight, the time a reading was measured or a fact found, a finding, or
     * the dose given at a session start or booster, or the score of an assessment in a session. Only the values given
     * are corrected.
     */
    public record CorrectedEntry(@Valid @Schema(description = "The corrected reading; its time stays the original's "
                                         + "unless clinicalTime is corrected too") Vitals reading,
                                 @Schema(example = "62 kg") String weight,
                                 @Schema(description = "When the reading was measured or the fact found") Instant clinicalTime,
                                 @Valid ClinicalFindingEntry finding,
                                 @Schema(example = "120 mg", description = "The amount actually given") String dose,
                                 @Schema(example = "3", description = "The score of an assessment in a session") Integer score) {

        CorrectedValues toValues(Instant now) {
            var kilograms = weight == null ? null : QuantityText.kilograms("corrected.weight", weight);
            var given = dose == null ? null : QuantityText.milligrams("corrected.dose", dose);
            Instant readingTime = clinicalTime != null ? clinicalTime : reading != null && reading.measuredAt() != null
                    ? reading.measuredAt() : now;
            return new CorrectedValues(reading == null ? null : reading.toVitals("corrected.reading", readingTime), kilograms,
                    clinicalTime, finding == null ? null : finding.toFinding(now), given, score);
        }
    }

    public record SessionClosure(@NotNull @Schema(example = "transferred_to_emergency_care") Disposition disposition,
                                 @NotBlank @Size(max = 4000) @Schema(example = "ambulance to the emergency department after "
                                         + "chest pain at 40 min") String note,
                                 @Schema(description = AT) Instant at) {
    }
}
