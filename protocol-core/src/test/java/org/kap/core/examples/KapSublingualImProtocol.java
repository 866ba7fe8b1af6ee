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
 * Ketamine-assisted psychotherapy with sublingual lozenges and intramuscular dosing, after published
 * clinic practice models (Sage Integrative Health, Balance Health and Healing, Journey Clinical, the
 * Ketamine Training Center's lozenge method). No standard KAP protocol exists; where a value is this
 * protocol's own choice it cites "protocol choice".
 */
public final class KapSublingualImProtocol {

    static final String PRACTICES = "KAP practice models: Sage, Balance, Journey Clinical";
    static final String CTP = "CTP lozenge method: 50/100 mg RDTs, 100-400 mg";
    static final String EXCLUSIONS = "Psyon and Bloom exclusion criteria; synthesis";
    static final String INTEGRATION = "Balance Health: integration 1-3 days after IM/IV, 1-7 days after oral/SL";
    static final String DISCHARGE = "Ketalar SmPC: accompanied by a responsible adult; no driving";
    static final String CHOICE = "protocol choice";

    private KapSublingualImProtocol() {
    }

    public static Protocol v1() {
        return protocol("kap-sl-im", 1).active()
                .title("Ketamine-assisted psychotherapy, sublingual and intramuscular")
                .indications(Indication.DEPRESSION, Indication.ANXIETY, Indication.PTSD)
                // screening
                .exclude(rule("CI-PSYCHOSIS", "Psychotic disorder in history", EXCLUSIONS),
                        diagnosis("schizophrenia", "schizoaffective_disorder", "delusional_disorder", "psychotic_disorder"))
                .exclude(rule("CI-MANIA", "Current mania", EXCLUSIONS), diagnosis("bipolar_mania"))
                .exclude(rule("CI-AGE", "Minimum age 18", EXCLUSIONS), age(LESS, 18))
                .exclude(rule("CI-PREGNANCY", "Pregnancy", EXCLUSIONS), pregnant())
                .exclude(rule("CI-HYPERSENSITIVITY", "Ketamine hypersensitivity", EXCLUSIONS), history("ketamine_hypersensitivity"))
                .exclude(relative("CI-BREASTFEEDING", Role.PRESCRIBER, "Breastfeeding", EXCLUSIONS), breastfeeding())
                .exclude(relative("CI-HTN", Role.PRESCRIBER, "Uncontrolled hypertension", EXCLUSIONS),
                        anyOf(vital(VitalSign.SYSTOLIC, AT_LEAST, mmHg(160)), vital(VitalSign.DIASTOLIC, AT_LEAST, mmHg(100))))
                .exclude(relative("CI-SOBRIETY", Role.PRESCRIBER, "Cannot stay sober 7 days", "Bloom referral criteria"),
                        substanceUseWithin(days(7), "alcohol", "cannabis", "stimulants", "opioids"))
                .exclude(relative("CI-SEIZURE", Role.PRESCRIBER, "Seizure disorder", EXCLUSIONS), history("seizure_disorder"))
                .warn(warning("WARN-LAMOTRIGINE", "Lamotrigine probably attenuates ketamine", "Bakker 2021"),
                        medication("lamotrigine"))
                .warn(warning("WARN-BENZODIAZEPINE", "Benzodiazepines shorten the antidepressant effect", "Bakker 2021"),
                        medication("benzodiazepine"))
                // dosing
                .route(Route.SUBLINGUAL, r -> r
                        .startAtMost(rule("DOSE-SL-START", "Start at 100 mg", CTP), mg(100))
                        .maxPerSession(rule("DOSE-SL-MAX", "At most 400 mg per session, boosters included", CTP), mg(400))
                        .titrationStep(rule("DOSE-SL-STEP", "Raise by at most one 100 mg tablet per session", CHOICE), mg(100)))
                .route(Route.IM, r -> r
                        .startAtMost(rule("DOSE-IM-START", "Start at most 0.5 mg/kg", CHOICE), mgPerKg("0.5"))
                        .maxPerSession(rule("DOSE-IM-MAX", "At most 1.5 mg/kg per session, boosters included", CHOICE), mgPerKg("1.5"))
                        .titrationStep(rule("DOSE-IM-STEP", "Raise by at most 0.25 mg/kg per session", CHOICE), mgPerKg("0.25")))
                // spacing: about 6 dosing sessions over 3-8 weeks
                .minimumInterval(rule("SPACING-INTERVAL", "At least 2 days between dosing sessions", PRACTICES), days(2))
                .atMost(rule("SPACING-WEEK", "At most 2 dosing sessions in any 7 days", PRACTICES), 2, rolling(days(7)))
                // sequencing
                .preparation(rule("PREP-3", "Three preparation sessions before the first dose",
                        "Sage Integrative Health"), 3)
                .integrationWithin(rule("INTEGRATION-IM", "Integration 1-3 days after an IM session", INTEGRATION), days(1), days(3), Route.IM)
                .integrationWithin(rule("INTEGRATION-SL", "Integration 1-7 days after a sublingual session", INTEGRATION), days(1), days(7),
                        Route.SUBLINGUAL)
                .integrationBeforeNextDose(rule("INTEGRATION-BEFORE-NEXT", "Dosing sessions alternate with integration", INTEGRATION))
                // setting and pre-dose vitals
                .requireSetting(rule("SETTING-CHAPERONE", "Therapist or chaperone present", "Journey Clinical"),
                        SettingFeature.CHAPERONE_PRESENT)
                .requireSetting(rule("SETTING-BP", "Blood pressure monitor", "Hanya House"),
                        SettingFeature.BLOOD_PRESSURE_MONITOR)
                .requireSetting(rule("SETTING-OXIMETER", "Pulse oximeter", "Hanya House"), SettingFeature.PULSE_OXIMETER)
                .preDose(relative("PREDOSE-SBP", Role.PRESCRIBER, "Dose only once blood pressure is in the normal range",
                        "Center Psychotherapy; Accelerated Psychiatry 140/90"), bound(VitalSign.SYSTOLIC, LESS, mmHg(140)))
                .preDose(relative("PREDOSE-DBP", Role.PRESCRIBER, "Dose only once blood pressure is in the normal range",
                        "Center Psychotherapy; Accelerated Psychiatry 140/90"), bound(VitalSign.DIASTOLIC, LESS, mmHg(90)))
                .preDoseVitalsWithin(rule("PREDOSE-RECENT", "Vitals taken before dosing", PRACTICES), minutes(30))
                // observation and discharge
                .observeAtLeast(rule("OBS-MIN", "Dosing sessions last 2.5 h or more", "Wolfson / CTP"),
                        Anchor.LAST_DEVICE, minutes(150))
                .dischargeNearBaseline(rule("DIS-VITALS", "Vitals back within 20 % of baseline", "PADSS vital-signs item"),
                        VitalSign.SYSTOLIC, percent(20))
                .dischargeScore(rule("DIS-MOAAS", "Alert", CHOICE), Instrument.MOAAS, AT_LEAST, 5)
                .dischargeWithEscort(rule("DIS-ESCORT", "Accompanied by a responsible adult", DISCHARGE))
                .dischargeWithoutDriving(rule("DIS-NO-DRIVING", "No driving until the following day", "Journey Clinical"))
                // adverse events
                .onAdverseEvent(rule("AE-SEVERE", "Grade 3 or worse, or serious: halt, report, review", "CTCAE; FDA seriousness"),
                        3, true, Set.of(), haltCourse(), createObligation(ObligationKind.ADVERSE_EVENT_REPORT, days(1), false),
                        createObligation(ObligationKind.PRESCRIBER_REVIEW, days(2), true))
                .onAdverseEvent(rule("AE-MODERATE", "Grade 2: extend observation", "CTCAE grade 2; extending observation is a protocol choice"), 2, false,
                        Set.of(), extendObservationBy(minutes(30)))
                .onAdverseEvent(rule("AE-EMERGENCE", "Emergence reaction: stop further dosing this session", "Ketalar label"),
                        2, false, Set.of(AdverseEventType.EMERGENCE_REACTION), stopSession())
                // outcomes
                .measure(rule("MEASURE-PHQ9", "Depression severity", PRACTICES), Instrument.PHQ9)
                .measure(rule("MEASURE-GAD7", "Anxiety severity", PRACTICES), Instrument.GAD7)
                .reviewAfter(rule("REVIEW-6", "No response after 6 sessions: review", "Psychiatric Times KAP column"),
                        6, Instrument.PHQ9, percent(50))
                .build();
    }
}
