package org.kap.api.overview;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.kap.api.security.CurrentActor;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The care team's overview of a course: what the course page shows beyond the course's state. */
@RestController
@Tag(name = "Courses")
class CourseOverviewController {

    private final CourseOverviews overviews;
    private final CurrentActor actor;

    CourseOverviewController(CourseOverviews overviews, CurrentActor actor) {
        this.overviews = overviews;
        this.actor = actor;
    }

    @GetMapping(value = "/api/v1/courses/{courseId}/overview", produces = {MediaType.APPLICATION_JSON_VALUE,
            MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    @Operation(summary = "Where the course is in its protocol (week, phase, the earliest next session its spacing rules "
            + "allow), the open session's observation clock and what a discharge now would meet (recording nothing), the "
            + "last 12 entries with their decisions' findings, and the series of vital signs and outcome scores (the care "
            + "team, auditor, admin)")
    CourseOverview overview(@PathVariable String courseId) {
        return overviews.read(courseId, actor.get()).overview();
    }
}
