package org.kap.api.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.kap.api.courses.CourseQueries;
import org.kap.core.audit.ChainVerification;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** What auditors read: whether a course's record is intact. */
@RestController
@RequestMapping("/api/v1/courses/{courseId}")
@Tag(name = "Audit", description = "Verify, replay and export a course's record")
class AuditController {

    record Verification(String courseId, boolean intact, int events, Long firstBrokenSequence, String problem) {
    }

    private final StoredEvents stored;
    private final CourseQueries courses;

    AuditController(StoredEvents stored, CourseQueries courses) {
        this.stored = stored;
        this.courses = courses;
    }

    @GetMapping("/verification")
    @Operation(summary = "Verify the course's hash chain and signatures; names the first broken sequence and what is wrong")
    Verification verify(@PathVariable String courseId) {
        var events = stored.of(courseId);
        if (events.isEmpty()) {
            courses.state(courseId); // 404 for an unknown course
        }
        ChainVerification.Result result = ChainVerification.verify(events);
        return new Verification(courseId, result.intact(), result.events(),
                result.firstBroken().map(ChainVerification.Broken::sequence).orElse(null),
                result.firstBroken().map(ChainVerification.Broken::problem).orElse(null));
    }
}
