package org.kap.core.examples;

import org.kap.core.adverse.AdverseEventType;
import org.kap.core.dosing.Route;
import org.kap.core.obligation.ObligationKind;
import org.kap.core.observation.Anchor;
import org.kap.core.outcome.Instrument;
import org.kap.core.protocol.Indication;
import org.kap.core.protocol.Protocol;
import org.kap.core.rule.Role;
import org.kap.core.session.SettingFeature;
import org.kap.core.vitals.VitalSign;

import java.util.Set;

import static org.kap.core.protocol.ProtocolBuilder.*;
import static org.kap.core.rule.Comparison.*;
import static org.kap.core.units.Units.*;

/**
 * Intranasal esketamine for treatment-resistant depression, after the Spravato prescribing information
 * and the Spravato REMS. Values the label leaves to the clinic are this protocol's own choices, cited as
 * such.
 */
public final class SpravatoProtocol {

    static final String LABEL_CI = "Spravato PI section 4, Contraindications";
    static final String LABEL_WP = "Spravato PI warnings and precautions";
    static final String LABEL_DOSING = "Spravato PI dosage and administration, TRD";
    static final String LABEL_MONITORING = "Spravato PI boxed warning and 5.1/5.2; spravatohcp.com dosing";
    static final String REMS = "Spravato REMS, FDA REMS@FDA and spravatorems.com";
    static final String CHOICE = "clinic choice";

    private SpravatoProtocol() {
    }

    public static Protocol v1() {
        return protocol("spravato-trd", 1).active()
                .title("Esketamine nasal spray for treatment-resistant depression (Spravato label and REMS)")
                .indications(Indication.TREATMENT_RESISTANT_DEPRESSION)
                // screening
                .exclude(rule("CI-VASCULAR", "Aneurysmal vascular disease or arteriovenous malformation", LABEL_CI),
                        history("aneurysmal_vascular_disease", "arteriovenous_malformation"))
                .exclude(rule("CI-ICH", "History of intracerebral haemorrhage", LABEL_CI), history("intracerebral_haemorrhage"))
                .exclude(rule("CI-HYPERSENSITIVITY", "Hypersensitivity to esketamine, ketamine or excipients", LABEL_CI),
                        history("esketamine_hypersensitivity", "ketamine_hypersensitivity"))
                .exclude(rule("CI-AGE", "Not approved under 18", LABEL_WP), age(LESS, 18))
                .exclude(rule("CI-PREGNANCY", "Embryo-fetal toxicity: do not take while pregnant", LABEL_WP), pregnant())
                .exclude(rule("CI-HEPATIC-SEVERE", "Severe hepatic impairment (Child-Pugh C): use not recommended", LABEL_WP),
                        history("child_pugh_c"))
                .exclude(relative("CI-BREASTFEEDING", Role.PRESCRIBER, "Lactation: do not breastfeed", LABEL_WP), breastfeeding())
                .exclude(relative("CI-PSYCHOSIS", Role.PRESCRIBER, "Psychosis: initiate only if the benefit outweighs the risk",
                        LABEL_WP), diagnosis("psychotic_disorder", "schizophrenia"))
                .warn(warning("WARN-SUD", "History of substance use disorder: consider carefully", LABEL_WP),
                        history("substance_use_disorder", "alcohol_use_disorder"))
                .warn(warning("WARN-CNS-DEPRESSANTS", "CNS depressants add to sedation", LABEL_WP),
                        medication("benzodiazepine", "opioid"))
                .warn(warning("WARN-BP-DRUGS", "Psychostimulants and MAOIs may raise blood pressure", LABEL_WP),
                        medication("psychostimulant", "maoi"))
                // dosing: 28 mg devices; 56 mg on day 1, then 56 or 84 mg
                .route(Route.INTRANASAL, r -> r
                        .allowedDoses(rule("DOSE-IN-SET", "56 mg or 84 mg per session", LABEL_DOSING), mg(56), mg(84))
                        .firstDose(rule("DOSE-IN-FIRST", "Day 1 dose is 56 mg", LABEL_DOSING), mg(56))
                        .maxPerSession(rule("DOSE-IN-MAX", "At most 84 mg per session", LABEL_DOSING), mg(84)))
                // spacing: the label says "twice per week" without saying which week; this protocol counts calendar weeks
                .phase(rule("PHASE-INDUCTION", "Induction, weeks 1-4: twice per week", LABEL_DOSING), 1, 4, 2, calendarWeek())
                .phase(rule("PHASE-MAINTENANCE-1", "Maintenance, weeks 5-8: once weekly", LABEL_DOSING), 5, 8, 1, calendarWeek())
                .phase(rule("PHASE-MAINTENANCE-2", "Maintenance, week 9 on: weekly or every 2 weeks", LABEL_DOSING), 9, null, 1,
                        calendarWeek())
                .minimumInterval(rule("SPACING-INTERVAL", "At least 2 days between sessions", CHOICE), days(2))
                // setting: REMS-certified outpatient setting
                .requireSetting(rule("SETTING-CERTIFIED", "REMS-certified healthcare setting", REMS), SettingFeature.CERTIFIED_SETTING)
                .requireSetting(rule("SETTING-ENROLLED", "Patient enrolled in the REMS before treatment", REMS),
                        SettingFeature.PATIENT_ENROLLED)
                .requireSetting(rule("SETTING-PRESCRIBER", "Prescriber on site during administration and monitoring", REMS),
                        SettingFeature.PRESCRIBER_ON_SITE)
                .requireSetting(rule("SETTING-OXIMETER", "Pulse oximeter to monitor the patient", REMS), SettingFeature.PULSE_OXIMETER)
                // pre-dose blood pressure: "consider delaying if > 140/90" is a relative gate
                .preDose(relative("PREDOSE-SBP", Role.PRESCRIBER, "Consider delaying if systolic > 140 mmHg", LABEL_MONITORING),
                        bound(VitalSign.SYSTOLIC, AT_MOST, mmHg(140)))
                .preDose(relative("PREDOSE-DBP", Role.PRESCRIBER, "Consider delaying if diastolic > 90 mmHg", LABEL_MONITORING),
                        bound(VitalSign.DIASTOLIC, AT_MOST, mmHg(90)))
                .preDoseVitalsWithin(rule("PREDOSE-RECENT", "Blood pressure taken before dosing", CHOICE), minutes(30))
                .approvalValidFor(rule("APPROVAL-VALID", "A dose approval is valid on the day", CHOICE), hours(24))
                // in-session monitoring
                .trigger(rule("TRIG-SPO2", "SpO2 below 93 % on two consecutive readings: respiratory depression",
                                "Spravato trials excluded SpO2 < 93 %; J&J respiratory depression"),
                        above(bound(VitalSign.SPO2, LESS, percent(93))), 2, minutes(5),
                        raiseAdverseEvent(AdverseEventType.RESPIRATORY_DEPRESSION, 3))
                .trigger(rule("TRIG-BP-RISE", "Systolic rise of 40 mmHg or more: keep monitoring",
                                "Spravato PI, increase in blood pressure"),
                        riseOverBaseline(VitalSign.SYSTOLIC, mmHg(40)), 1, null, extendObservationBy(minutes(30)))
                // observation: at least 2 h from the first device (as the REMS form counts), BP at 40 min
                .observeAtLeast(rule("OBS-MIN", "Monitor at least 2 hours after administration", LABEL_MONITORING),
                        Anchor.DOSE_START, minutes(120))
                .scheduledCheck(rule("OBS-BP-40", "Blood pressure about 40 minutes after administration", LABEL_MONITORING),
                        Anchor.DOSE_START, minutes(40), minutes(10), VitalSign.SYSTOLIC, VitalSign.DIASTOLIC)
                .extendObservation(rule("OBS-HEPATIC", "Moderate hepatic impairment: monitor longer", LABEL_WP),
                        history("child_pugh_b"), minutes(60))
                // discharge: clinically stable, someone else drives
                .dischargeScore(rule("DIS-MOAAS", "Sedation resolved (MOAA/S 5)", REMS), Instrument.MOAAS, AT_LEAST, 5)
                .dischargeWhen(rule("DIS-SBP", "Blood pressure at a safe level", CHOICE), bound(VitalSign.SYSTOLIC, LESS, mmHg(160)))
                .dischargeWhen(rule("DIS-SPO2", "Respiratory depression resolved", REMS), bound(VitalSign.SPO2, AT_LEAST, percent(93)))
                .dischargeWithoutDriving(rule("DIS-NO-DRIVING", "No driving until the next day after restful sleep",
                        "Spravato PI section 17"))
                // adverse events
                .onAdverseEvent(rule("AE-SEVERE", "Grade 3 or worse, or serious: halt and report", "CTCAE; 21 USC 355-1(b)(4)"),
                        3, true, Set.of(), haltCourse(), createObligation(ObligationKind.ADVERSE_EVENT_REPORT, days(1), true))
                .onAdverseEvent(rule("AE-SEDATION", "Sedation or dissociation: monitor until resolved", LABEL_MONITORING),
                        2, false, Set.of(AdverseEventType.SEDATION, AdverseEventType.DISSOCIATION), extendObservationBy(minutes(30)))
                // obligations and review
                .afterEachSession(rule("OBL-REMS-FORM", "Patient Monitoring Form within 7 days of each session", REMS),
                        ObligationKind.MONITORING_FORM, days(7), true)
                .measure(rule("MEASURE-PHQ9", "Depression severity", CHOICE), Instrument.PHQ9)
                .reviewAfter(rule("REVIEW-INDUCTION", "Evaluate therapeutic benefit at the end of induction", LABEL_DOSING),
                        8, null, null)
                .build();
    }
}
