package org.kap.core.course;

import org.junit.jupiter.api.Test;
import org.kap.core.rule.Role;

import static org.assertj.core.api.Assertions.assertThat;

/** The course's own role table covers every command of the sealed family, and keeps the safety-critical acts narrow. */
class ActPermissionsTest {

    @Test
    @SuppressWarnings("unchecked")
    void every_course_command_names_the_roles_that_may_send_it() {
        for (Class<?> command : CourseCommand.class.getPermittedSubclasses()) {
            assertThat(ActPermissions.rolesFor((Class<? extends CourseCommand>) command)).as(command.getSimpleName()).isNotEmpty();
        }
        assertThat(ActPermissions.ROLES).hasSize(CourseCommand.class.getPermittedSubclasses().length);
    }

    @Test
    void only_a_prescriber_approves_reviews_and_ends_and_no_auditor_acts() {
        assertThat(ActPermissions.rolesFor(CourseCommand.ApproveDose.class)).containsExactly(Role.PRESCRIBER);
        assertThat(ActPermissions.rolesFor(CourseCommand.ReviewCourse.class)).containsExactly(Role.PRESCRIBER);
        assertThat(ActPermissions.rolesFor(CourseCommand.EndCourse.class)).containsExactly(Role.PRESCRIBER);
        assertThat(ActPermissions.rolesFor(CourseCommand.StartSession.class)).containsExactlyInAnyOrder(Role.CLINICIAN, Role.PRESCRIBER);
        assertThat(ActPermissions.rolesFor(CourseCommand.DischargeClient.class)).containsExactlyInAnyOrder(Role.CLINICIAN, Role.PRESCRIBER);
        ActPermissions.ROLES.forEach((command, roles) -> {
            if (command != CourseCommand.OverrideRule.class) {
                assertThat(roles).as(command.getSimpleName()).doesNotContain(Role.AUDITOR, Role.PROTOCOL_DESIGNER);
            }
        });
    }
}
