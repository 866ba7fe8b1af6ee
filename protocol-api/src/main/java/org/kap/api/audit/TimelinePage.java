package org.kap.api.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.kap.api.courses.CourseNotFound;
import org.kap.api.security.CurrentActor;
import org.kap.core.course.Actor;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import java.time.Clock;

/**
 * The audit timeline as a page that prints cleanly (A4 landscape, the header repeated on each sheet): the course,
 * its verification verdict, and every entry with both clocks, actor and role, protocol version, findings, signature
 * and corrections. Same path and access as the history; {@code format=html} chooses it.
 */
@Controller
@Tag(name = "Audit")
public class TimelinePage {

    private final CourseHistory history;
    private final CourseVerification verification;
    private final CurrentActor actor;
    private final Clock clock;

    TimelinePage(CourseHistory history, CourseVerification verification, CurrentActor actor, Clock clock) {
        this.history = history;
        this.verification = verification;
        this.actor = actor;
        this.clock = clock;
    }

    @GetMapping(value = "/api/v1/courses/{courseId}/history", params = "format=html", produces = "text/html")
    @Operation(summary = "The audit timeline as a printable HTML page with the course's verification verdict (auditor)")
    public String timeline(@PathVariable String courseId, Model model) {
        CourseHistory.Entries entries = history.entries(courseId);
        Actor reader = actor.get();
        model.addAttribute("courseId", courseId);
        model.addAttribute("course", entries.course());
        model.addAttribute("items", entries.items());
        model.addAttribute("verdict", verification.verifyWhole(courseId).orElseThrow(() -> new CourseNotFound(courseId)));
        model.addAttribute("printedAt", clock.instant().toString());
        model.addAttribute("printedBy", reader.name() + " (" + reader.id() + ")");
        return "audit/timeline";
    }
}
