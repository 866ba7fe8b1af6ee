package org.kap.api.audit;

import java.util.Optional;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.kap.api.courses.CourseQueries;
import io.swagger.v3.oas.annotations.Parameter;
import org.kap.api.courses.CourseView;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.time.Instant;

/** What auditors read: whether a course's record is intact. */
@RestController
@RequestMapping("/api/v1/courses/{courseId}")
@Tag(name = "Audit", description = "Verify, replay and export a course's record")
class AuditController {

    private final CourseQueries courses;
    private final CourseHistory history;
    private final CourseExport export;
    private final WhatIf whatIf;
    private final CourseVerification verification;
    private final CourseFhirBundle fhir;

    AuditController(CourseQueries courses, CourseHistory history, CourseExport export, WhatIf whatIf,
                    CourseVerification verification, CourseFhirBundle fhir) {
        this.fhir = fhir;
        this.whatIf = whatIf;
        this.verification = verification;
        this.courses = courses;
        this.history = history;
        this.export = export;
    }

    @GetMapping("/history")
    @Operation(summary = "Every event of the course in order: who, when (clinical and recording time), protocol version, "
            + "findings, correlation, hash chain and signatures (auditor); format=timeline gives a human-readable text, "
            + "format=csv the same as a spreadsheet-safe CSV file, format=html a printable page, format=fhir a FHIR R4 Bundle "
            + "(a Provenance per entry, an AuditEvent per access record)")
    ResponseEntity<?> history(@PathVariable String courseId, @RequestParam(defaultValue = "0") int page,
                              @RequestParam(defaultValue = "100") int size,
                              @Parameter(example = "timeline") @RequestParam(defaultValue = "json") String format) {
        if (format.equals("timeline")) {
            return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(history.timeline(courseId));
        }
        if (format.equals("csv")) {
            return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
                    .header("Content-Disposition", "attachment; filename=\"" + courseId + ".timeline.csv\"").body(history.csv(courseId));
        }
        if (format.equals("fhir")) {
            return ResponseEntity.ok().contentType(MediaType.parseMediaType(CourseFhirBundle.MEDIA_TYPE))
                    .header("Content-Disposition", "attachment; filename=\"" + courseId + ".fhir.json\"").body(fhir.of(courseId));
        }
        if (!format.equals("json")) {
            throw new org.kap.core.course.InvalidCommandException("format", "json, timeline, csv, html or fhir");
        }
        if (page < 0 || size < 1 || size > 1000) {
            throw new org.kap.core.course.InvalidCommandException("size", "page from 0, size 1 to 1000");
        }
        return ResponseEntity.ok(history.page(courseId, page, size));
    }

    @GetMapping(value = "/export", produces = "application/x-ndjson")
    @Operation(summary = "The course's record as a self-contained JSON Lines file for ./kap verify (auditor), with the proof "
            + "of its inclusion in tree head treeHead (default: the latest) for ./kap verify --tree-head")
    ResponseEntity<StreamingResponseBody> export(@PathVariable String courseId,
                                                 @Parameter(example = "1") @RequestParam(required = false) Long treeHead) {
        // 404 before streaming starts: no course, or no such tree head with the course in it
        if (!export.exists(courseId)) {
            throw new org.kap.api.courses.CourseNotFound(courseId);
        }
        Optional<TreeHeads.Inclusion> inclusion = export.inclusion(courseId, treeHead);
        return ResponseEntity.ok().contentType(org.springframework.http.MediaType.parseMediaType("application/x-ndjson"))
                .header("Content-Disposition", "attachment; filename=\"" + courseId + ".kap-export.jsonl\"")
                .body(out -> export.write(courseId, inclusion, out));
    }

    record WhatIfRequest(@jakarta.validation.Valid @jakarta.validation.constraints.NotNull
                         org.kap.api.courses.CourseRequests.ProtocolVersionRef protocol) {
    }

    @org.springframework.web.bind.annotation.PostMapping("/what-if")
    @Operation(summary = "Re-derive every recorded decision under another published protocol version and list those that "
            + "would differ; records nothing (auditor)")
    WhatIf.Report whatIf(@PathVariable String courseId,
                         @jakarta.validation.Valid @org.springframework.web.bind.annotation.RequestBody WhatIfRequest body) {
        return whatIf.evaluate(courseId, new org.kap.core.rule.ProtocolRef(body.protocol().id(), body.protocol().version()));
    }

    @GetMapping("/state")
    @Operation(summary = "The course on two clocks (auditor): asOf, the acts that happened by that clinical time (late "
            + "entries included, as known now); asRecordedBy, the record as it stood at that recording time; both together, "
            + "what the record held at asRecordedBy of the course at asOf (folded from the first event; the course now, as "
            + "below, when every entry happened and was recorded by the bounds); neither, the course "
            + "now, as the engine decides on it (its sealed snapshot and the events after it; the view of the last read "
            + "while the course's last stored event is the same)")
    CourseView state(@PathVariable String courseId,
                     @Parameter(description = "clinical time", example = "2026-01-12T10:00:00Z") @RequestParam(required = false)
                     Instant asOf,
                     @Parameter(description = "recording time", example = "2026-01-12T12:00:00Z") @RequestParam(required = false)
                     Instant asRecordedBy) {
        return asOf == null && asRecordedBy == null ? courses.course(courseId)
                : courses.keptWholeBy(courseId, asOf, asRecordedBy)
                        .orElseGet(() -> courses.view(history.asOf(courseId, asOf, asRecordedBy)));
    }

    @GetMapping("/verification")
    @Operation(summary = "Verify the course's hash chain, signatures and signed head (event count and last hash, signed "
            + "with an engine key); names the first broken sequence or what is wrong with the record. Recomputes the events "
            + "after the course's verified prefix (the events a verification recomputed in full within "
            + "kap.audit.verified-prefix-max-age) and says so in recomputedFrom and earlierRecomputedAt; whole=true, or "
            + "anything short of intact, recomputes every event")
    CourseVerification.Verdict verify(@PathVariable String courseId,
                                      @Parameter(description = "recompute every event of the course, not only those after its "
                                              + "verified prefix") @RequestParam(defaultValue = "false") boolean whole) {
        return (whole ? verification.verifyWhole(courseId) : verification.verify(courseId))
                .orElseThrow(() -> new org.kap.api.courses.CourseNotFound(courseId));
    }
}
