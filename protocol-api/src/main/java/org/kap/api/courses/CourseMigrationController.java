package org.kap.api.courses;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.kap.api.courses.CourseRequests.ProtocolVersionRef;
import org.kap.api.security.CurrentActor;
import org.kap.api.security.SignedAct;
import org.kap.core.course.CourseCommand;
import org.kap.core.rule.ProtocolRef;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;

/**
 * Moving a running course to another version of its protocol: a preview first (nothing recorded), then the move, a
 * prescriber's signed act. docs/dsl.md, "Moving a running course to another version".
 */
@RestController
@RequestMapping(value = "/api/v1/courses/{courseId}/migrations",
        produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
@Tag(name = "Courses")
class CourseMigrationController {

    record Migration(@Valid @NotNull ProtocolVersionRef protocol,
                     @NotBlank @Size(max = 4000) @Schema(example = "the clinic adopted version 2 after review") String reason,
                     @Schema(description = "Clinical time of the act (ISO 8601); the server's now when absent") Instant at) {
    }

    private final CourseCommands commands;
    private final MigrationPreview previews;
    private final CurrentActor actor;

    CourseMigrationController(CourseCommands commands, MigrationPreview previews, CurrentActor actor) {
        this.commands = commands;
        this.previews = previews;
        this.actor = actor;
    }

    @GetMapping("/preview")
    @Operation(summary = "What moving the course to another version of its protocol would do (prescriber, auditor): the "
            + "decision on the move now, what changed between the versions, the recorded decisions the new version would "
            + "have taken otherwise, and the next acts under both versions; records nothing")
    MigrationPreview.Preview preview(@PathVariable String courseId, @RequestParam @Min(1) int version) {
        return previews.preview(courseId, version, actor.get());
    }

    @PostMapping
    @SignedAct("approval")
    @Operation(summary = "Move the course to another version of its protocol from now on (prescriber; e-signed). Refused "
            + "and recorded (422) when the client would be excluded under it; 409 in a session or with a dose waiting")
    DecisionView migrate(@PathVariable String courseId, @Valid @RequestBody Migration body) {
        return DecisionView.of(courseId, commands.send(new CourseCommand.MigrateCourse(courseId,
                new ProtocolRef(body.protocol().id(), body.protocol().version()), body.reason(), actor.get(), body.at())));
    }
}
