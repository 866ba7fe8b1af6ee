package org.kap.api.audit;

import org.kap.core.course.CourseEvent;
import org.kap.core.course.CourseEvent.*;
import org.kap.core.units.Units;

import java.util.Locale;

/** One readable line per recorded fact, for the timeline. */
public final class EventSummary {

    private EventSummary() {
    }

    public static String of(CourseEvent e) {
        if (e instanceof ClientScreened s) {
            long refusals = s.findings().stream().filter(f -> f.refuses()).count();
            return "screened " + s.clientId() + " for " + lower(s.indication().name()) + " under " + s.protocol()
                    + (refusals == 0 ? ", eligible" : ", " + refusals + " exclusion(s)");
        }
        if (e instanceof ConsentRecorded) {
            return "consent recorded";
        }
        if (e instanceof ConsentWithdrawn w) {
            return "consent withdrawn: " + w.reason();
        }
        if (e instanceof FactRecorded f) {
            long exclusions = f.findings().stream().filter(x -> x.refuses()).count();
            return f.fact().describe() + (f.findings().isEmpty() ? ""
                    : exclusions > 0 ? ", excludes: " + ruleIds(f) : ", warns: " + ruleIds(f));
        }
        if (e instanceof BoosterRefused b) {
            return "booster refused" + (b.sessionNumber() == null ? "" : " in session " + b.sessionNumber());
        }
        if (e instanceof PreparationSessionRecorded p) {
            return "preparation session " + p.number();
        }
        if (e instanceof RuleOverridden o) {
            return "override of " + o.ruleId() + ": " + o.justification();
        }
        if (e instanceof OverrideRefused o) {
            return "override of " + o.ruleId() + " refused";
        }
        if (e instanceof DoseApproved d) {
            return (d.booster() ? "booster " : "dose ") + d.dose() + " (" + d.amount()
                    + (d.weight() == null || d.dose() instanceof org.kap.core.units.Milligrams ? ""
                            : " at " + d.weight() + " weighed " + d.weighedAt().atZone(java.time.ZoneOffset.UTC).toLocalDate())
                    + ") " + d.route().code() + " approved as " + d.approvalId()
                    + (d.infusionDuration() == null ? "" : " over " + Units.format(d.infusionDuration()));
        }
        if (e instanceof DoseApprovalRefused d) {
            return (d.booster() ? "booster " : "dose ") + d.dose() + " " + d.route().code() + " refused";
        }
        if (e instanceof SessionStarted s) {
            return "session " + s.sessionNumber() + " started: " + s.amount() + " " + s.route().code() + " (" + s.approvalId() + ")";
        }
        if (e instanceof SessionStartRefused s) {
            return "session start refused (" + s.approvalId() + ")";
        }
        if (e instanceof BoosterAdministered b) {
            return "booster " + b.amount() + " given in session " + b.sessionNumber();
        }
        if (e instanceof VitalsRecorded v) {
            return "vitals in session " + v.sessionNumber() + ": " + vitals(v);
        }
        if (e instanceof CourseEvent.SessionScoreRecorded s) {
            return s.instrument().label() + " " + s.score() + " assessed in session " + s.sessionNumber();
        }
        if (e instanceof VitalTriggerFired v) {
            return "vital-sign rule fired in session " + v.sessionNumber();
        }
        if (e instanceof ObservationExtended o) {
            return "observation of session " + o.sessionNumber() + " extended by " + Units.format(o.extension()) + " (" + o.ruleId() + ")";
        }
        if (e instanceof AdverseEventRecorded a) {
            return a.adverseEventId() + " " + a.type().code() + " grade " + a.grade() + (a.serious() ? " serious " + a.seriousness() : "")
                    + (a.triggeredBy() == null ? "" : " (raised by " + a.triggeredBy() + ")");
        }
        if (e instanceof AdverseEventResolved a) {
            return a.adverseEventId() + " resolved: " + a.resolution();
        }
        if (e instanceof SessionStopped s) {
            return "session " + s.sessionNumber() + " stopped by " + s.ruleId();
        }
        if (e instanceof CourseHalted h) {
            return "course halted by " + h.ruleId() + (h.adverseEventId() == null ? "" : " after " + h.adverseEventId());
        }
        if (e instanceof ObligationCreated o) {
            return o.obligationId() + " " + o.kind().code() + " due " + o.due() + (o.blocksDosingWhenOverdue() ? ", blocks dosing when overdue" : "");
        }
        if (e instanceof ObligationOverdue o) {
            return o.obligationId() + " overdue since " + o.due();
        }
        if (e instanceof ObligationFulfilled o) {
            return o.obligationId() + " fulfilled" + (o.late() ? " late" : "");
        }
        if (e instanceof ClientDischarged d) {
            return "discharged from session " + d.sessionNumber() + " after " + Units.format(d.observed());
        }
        if (e instanceof DischargeRefused d) {
            return "discharge from session " + d.sessionNumber() + " refused";
        }
        if (e instanceof SessionClosed c) {
            return "session " + c.sessionNumber() + " ended: " + c.disposition().label() + " after " + Units.format(c.observed())
                    + " (" + c.note() + ")";
        }
        if (e instanceof ScreeningRechecked r) {
            long exclusions = r.findings().stream().filter(x -> x.refuses()).count();
            return "screening rules checked again after correction of #" + r.correctedEntry() + ": "
                    + (r.findings().isEmpty() ? "nothing fires" : exclusions > 0 ? "excludes: " + String.join(", ",
                    r.findings().stream().filter(x -> x.refuses()).map(x -> x.ruleId().value()).distinct().toList())
                    : "warns: " + String.join(", ", r.findings().stream().map(x -> x.ruleId().value()).distinct().toList()));
        }
        if (e instanceof PastDecisionFlagged f) {
            return "entry #" + f.cause() + " flags " + f.findings().size() + " past decision(s) for review: "
                    + String.join(", ", f.findings().stream().map(x -> x.ruleId().value()).distinct().toList());
        }
        if (e instanceof IntegrationCompleted i) {
            return "integration of session " + i.sessionNumber() + (i.withinWindow() ? " within its window" : " outside its window");
        }
        if (e instanceof OutcomeMeasureRecorded o) {
            return o.instrument().label() + " " + o.score() + " after " + o.sessionsCompleted() + " session(s)";
        }
        if (e instanceof CourseReviewed r) {
            return "course reviewed: " + lower(r.decision().name()) + " (" + r.reason() + ")";
        }
        if (e instanceof EntryCorrected c) {
            return "correction of #" + c.correctedEntry() + ": " + c.correction()
                    + (c.corrected() == null ? "" : " [corrected: " + c.corrected().describe() + "]") + " (reason: " + c.reason() + ")";
        }
        if (e instanceof CourseEnded c) {
            return "course ended: " + c.reason();
        }
        if (e instanceof CourseMigrated m) {
            return "course moved from " + m.from() + " to " + m.to() + " (" + m.reason() + ")";
        }
        if (e instanceof MigrationRefused m) {
            return "move from " + m.from() + " to " + m.to() + " refused by " + String.join(", ", m.findings().stream()
                    .filter(org.kap.core.rule.Finding::refuses).map(f -> f.ruleId().value()).distinct().toList());
        }
        // every event type is summarised above: a new one must be added, not shown as its class name
        throw new IllegalStateException("no summary for " + e.getClass().getSimpleName());
    }

    private static String ruleIds(FactRecorded f) {
        return String.join(", ", f.findings().stream().map(x -> x.ruleId().value()).distinct().toList());
    }

    private static String vitals(VitalsRecorded v) {
        var r = v.vitals();
        StringBuilder s = new StringBuilder();
        if (r.systolic() != null && r.diastolic() != null) {
            s.append("BP ").append(r.systolic().value().toPlainString()).append('/').append(r.diastolic().value().toPlainString()).append(" mmHg ");
        }
        if (r.heartRate() != null) {
            s.append("HR ").append(r.heartRate()).append(' ');
        }
        if (r.spo2() != null) {
            s.append("SpO2 ").append(r.spo2()).append(' ');
        }
        return s.toString().trim();
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
