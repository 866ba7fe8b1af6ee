package org.kap.core.testing;

import org.kap.core.adverse.AdverseEventType;
import org.kap.core.dosing.Route;
import org.kap.core.obligation.ObligationKind;
import org.kap.core.observation.Anchor;
import org.kap.core.outcome.Instrument;
import org.kap.core.protocol.Indication;
import org.kap.core.protocol.Protocol;
import org.kap.core.protocol.ProtocolBuilder;
import org.kap.core.rule.Role;
import org.kap.core.session.SettingFeature;
import org.kap.core.vitals.VitalSign;

import java.util.Set;

import static org.kap.core.protocol.ProtocolBuilder.*;
import static org.kap.core.rule.Comparison.*;
import static org.kap.core.units.Units.*;

/**
 * A small protocol that holds one rule of every kind, so that the aggregate tests can show each
 * kind allowing and refusing. Values are plausible, not clinical advice; the example protocols in
 * {@code org.kap.core.examples} follow the sources.
 */
public final class TestProtocol {

    public static final String ID = "kap-test";

    private TestProtocol() {
    }

    public static Protocol v1() {
        return builder(1).build();
    }

    public static ProtocolBuilder builder(int version) {
        String cite = "test fixture";
        return protocol(ID, version).active().title("Every rule kind, for tests")
                .indications(Indication.DEPRESSION, Indication.PTSD)
                // screening
                .exclude(rule("CI-PSYCHOSIS", "Psychotic disorder", cite), diagnosis("schizophrenia", "psychotic_disorder"))
                .exclude(relative("CI-HTN", Role.PRESCRIBER, "Hypertension at screening", cite),
                        anyOf(vital(VitalSign.SYSTOLIC, AT_LEAST, mmHg(160)), vital(VitalSign.DIASTOLIC, AT_LEAST, mmHg(100))))
                .exclude(rule("CI-AGE", "Under 18", cite), age(LESS, 18))
                .exclude(rule("CI-PREGNANCY", "Pregnancy", cite), pregnant())
                .exclude(relative("CI-ALCOHOL", Role.PRESCRIBER, "Recent alcohol use", cite), substanceUseWithin(days(7), "alcohol"))
                .warn(warning("WARN-LAMOTRIGINE", "Lamotrigine may blunt the effect", cite), medication("lamotrigine"))
                // dosing
                .route(Route.IM, r -> r
                        .startAtMost(rule("DOSE-IM-START", "IM start dose", cite), mgPerKg("0.5"))
                        .maxPerSession(rule("DOSE-IM-MAX", "IM per-session maximum", cite), mgPerKg("1.5"))
                        .maxPerSession(rule("DOSE-IM-MAX-MG", "IM per-session maximum in mg", cite), mg(100))
                        .titrationStep(rule("DOSE-IM-STEP", "IM titration step", cite), mgPerKg("0.25"))
                        .cumulative(rule("DOSE-IM-WEEK", "IM weekly total", cite), mg(150), days(7)))
                .route(Route.INTRANASAL, r -> r
                        .allowedDoses(rule("DOSE-IN-SET", "Intranasal doses", cite), mg(56), mg(84))
                        .firstDose(rule("DOSE-IN-FIRST", "Intranasal first dose", cite), mg(56)))
                .route(Route.IV, r -> r
                        .maxPerSession(rule("DOSE-IV-MAX", "IV maximum", cite), mgPerKg("0.5"))
                        .infusionAtLeast(rule("DOSE-IV-DURATION", "Infusion duration", cite), minutes(40))
                        .infusionRateAtMost(rule("DOSE-IV-RATE", "Infusion rate", cite), mgPerKgPerHour("1")))
                // spacing
                .minimumInterval(rule("SPACING-INTERVAL", "Minimum interval", cite), days(2))
                .atMost(rule("SPACING-28D", "Sessions per 28 days", cite), 6, rolling(days(28)))
                .phase(rule("PHASE-INDUCTION", "Induction: twice weekly", cite), 1, 4, 2, calendarWeek())
                .phase(rule("PHASE-MAINTENANCE", "Maintenance: weekly", cite), 5, null, 1, calendarWeek())
                // sequencing
                .preparation(rule("PREP-2", "Two preparation sessions", cite), 2)
                .integrationWithin(rule("INTEGRATION-IM", "Integration after IM", cite), days(1), days(3), Route.IM, Route.IV, Route.INTRANASAL)
                .integrationWithin(rule("INTEGRATION-SL", "Integration after SL", cite), days(1), days(7), Route.SUBLINGUAL)
                .integrationBeforeNextDose(rule("INTEGRATION-BEFORE-NEXT", "Integrate before the next dose", cite))
                // session start
                .requireSetting(rule("SETTING-OXIMETER", "Pulse oximeter on site", cite), SettingFeature.PULSE_OXIMETER)
                .preDose(relative("PREDOSE-SBP", Role.PRESCRIBER, "Pre-dose systolic", cite), bound(VitalSign.SYSTOLIC, LESS, mmHg(140)))
                .preDose(relative("PREDOSE-DBP", Role.PRESCRIBER, "Pre-dose diastolic", cite), bound(VitalSign.DIASTOLIC, LESS, mmHg(90)))
                .preDoseVitalsWithin(rule("PREDOSE-RECENT", "Pre-dose vitals recent", cite), minutes(30))
                .approvalValidFor(rule("APPROVAL-VALID", "Approval validity", cite), hours(24))
                // in-session vitals
                .trigger(rule("TRIG-SPO2", "Low oxygen saturation", cite), above(bound(VitalSign.SPO2, LESS, percent(93))),
                        2, minutes(5), raiseAdverseEvent(AdverseEventType.RESPIRATORY_DEPRESSION, 3))
                .trigger(rule("TRIG-BP-RISE", "Blood pressure rise", cite), riseOverBaseline(VitalSign.SYSTOLIC, mmHg(40)),
                        1, null, extendObservationBy(minutes(30)))
                // observation and discharge
                .observeAtLeast(rule("OBS-MIN", "Minimum observation", cite), Anchor.LAST_DEVICE, minutes(120))
                .scheduledCheck(rule("OBS-BP-40", "Blood pressure at 40 minutes", cite), Anchor.DOSE_START, minutes(40), minutes(10),
                        VitalSign.SYSTOLIC, VitalSign.DIASTOLIC)
                .extendObservation(rule("OBS-HEPATIC", "Moderate hepatic impairment", cite), history("child_pugh_b"), minutes(60))
                .dischargeWhen(rule("DIS-SBP", "Systolic at discharge", cite), bound(VitalSign.SYSTOLIC, LESS, mmHg(160)))
                .dischargeNearBaseline(rule("DIS-SBP-BASELINE", "Systolic near baseline", cite), VitalSign.SYSTOLIC, percent(25))
                .dischargeScore(rule("DIS-MOAAS", "Alert", cite), Instrument.MOAAS, AT_LEAST, 5)
                .dischargeScore(rule("DIS-PADSS", "PADSS", cite), Instrument.PADSS, AT_LEAST, 9)
                .dischargeWithEscort(rule("DIS-ESCORT", "Escort", cite))
                .dischargeWithoutDriving(rule("DIS-NO-DRIVING", "No driving", cite))
                // adverse events
                .onAdverseEvent(rule("AE-SEVERE", "Severe or serious adverse event", cite), 3, true, Set.of(),
                        haltCourse(), createObligation(ObligationKind.ADVERSE_EVENT_REPORT, days(1), false))
                .onAdverseEvent(rule("AE-MODERATE", "Moderate adverse event", cite), 2, false, Set.of(),
                        extendObservationBy(minutes(60)))
                .onAdverseEvent(rule("AE-STOP", "Stop dosing on severe hypertension or respiratory depression", cite), 3, false,
                        Set.of(AdverseEventType.HYPERTENSION, AdverseEventType.RESPIRATORY_DEPRESSION), stopSession())
                // obligations and outcomes
                .afterEachSession(rule("OBL-FORM", "Monitoring form", cite), ObligationKind.MONITORING_FORM, days(7), true)
                .measure(rule("MEASURE-PHQ9", "PHQ-9", cite), Instrument.PHQ9)
                .reviewAfter(rule("REVIEW-3", "Review after three sessions", cite), 3, Instrument.PHQ9, percent(50));
    }
}
