package org.kap.core.course;

import org.kap.core.course.CourseCommand.*;
import org.kap.core.rule.Role;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.kap.core.rule.Role.ADMIN;
import static org.kap.core.rule.Role.CLINICIAN;
import static org.kap.core.rule.Role.PRESCRIBER;
import static org.kap.core.rule.Role.THERAPIST;

/**
 * Who may perform each act on a course, enforced by the course itself whatever transport sends the
 * command (the API's role table is the first gate, this the last). A dose is approved, a course
 * reviewed or ended only by a prescriber; a session is started, a booster given and a client
 * discharged by a clinician or a prescriber. Which role may override a rule is the protocol's to
 * say (see {@link OverrideDecision}); who may correct an entry depends on its author (see the
 * course's correction handler).
 */
public final class ActPermissions {

    private static final Set<Role> CARE = Set.of(CLINICIAN, PRESCRIBER);

    /** Every course command, with the roles that may send it. A test holds this table to the sealed command family. */
    static final Map<Class<? extends CourseCommand>, Set<Role>> ROLES = Map.ofEntries(
            Map.entry(ScreenClient.class, CARE),
            Map.entry(RecordConsent.class, CARE),
            Map.entry(WithdrawConsent.class, CARE),
            Map.entry(RecordPreparationSession.class, Set.of(THERAPIST)),
            Map.entry(RecordClientFact.class, CARE),
            Map.entry(OverrideRule.class, Set.of(Role.values())),
            Map.entry(ApproveDose.class, Set.of(PRESCRIBER)),
            Map.entry(StartSession.class, CARE),
            Map.entry(AdministerBooster.class, CARE),
            Map.entry(RecordVitals.class, CARE),
            Map.entry(CourseCommand.RecordSessionScore.class, CARE),
            Map.entry(RecordAdverseEvent.class, CARE),
            Map.entry(ResolveAdverseEvent.class, CARE),
            Map.entry(DischargeClient.class, CARE),
            Map.entry(CloseSession.class, CARE),
            Map.entry(CompleteIntegration.class, Set.of(THERAPIST)),
            Map.entry(RecordOutcomeMeasure.class, Set.of(CLINICIAN, PRESCRIBER, THERAPIST)),
            Map.entry(FulfilObligation.class, CARE),
            Map.entry(MarkObligationOverdue.class, Set.of(ADMIN)),
            Map.entry(ReviewCourse.class, Set.of(PRESCRIBER)),
            Map.entry(CorrectEntry.class, Set.of(CLINICIAN, PRESCRIBER, THERAPIST)),
            Map.entry(EndCourse.class, Set.of(PRESCRIBER)),
            Map.entry(MigrateCourse.class, Set.of(PRESCRIBER)));

    private ActPermissions() {
    }

    /** Refuses, recording nothing, an act by a role that may not perform it. */
    static void require(CourseCommand command) {
        Set<Role> allowed = ROLES.get(command.getClass());
        if (allowed == null) {
            throw new IllegalStateException("no roles are defined for " + command.getClass().getSimpleName());
        }
        Role role = command.actor().role();
        if (!allowed.contains(role)) {
            throw new NotPermittedException("a " + name(role) + " may not " + act(command) + "; only a "
                    + allowed.stream().map(ActPermissions::name).sorted().collect(Collectors.joining(" or ")) + " may");
        }
    }

    public static Set<Role> rolesFor(Class<? extends CourseCommand> command) {
        return ROLES.get(command);
    }

    private static String act(CourseCommand command) {
        return command.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    }

    private static String name(Role role) {
        return role.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
