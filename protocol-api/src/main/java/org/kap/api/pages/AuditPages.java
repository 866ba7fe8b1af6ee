package org.kap.api.pages;

import org.kap.api.audit.CourseExport;
import org.kap.api.audit.CourseFhirBundle;
import org.kap.api.audit.CourseHistory;
import org.kap.api.audit.CourseVerification;
import org.kap.api.audit.WhatIf;
import org.kap.api.courses.CourseNotFound;
import org.kap.api.courses.CourseQueries;
import org.kap.api.protocols.JdbcProtocolCatalog;
import org.kap.api.security.CurrentActor;
import org.kap.api.security.PageAccess;
import org.kap.core.rule.ProtocolRef;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Instant;

/**
 * The auditor's view of a course: its verification verdict, its timeline a page at a time (both clocks, late entries,
 * actor and role, protocol version, refusals with their findings, corrections linked to what they correct), the course
 * as of a clinical time chosen on the page, and what-if against another published version, decision by decision. All
 * of it from the same audit reads as the API's; the page records nothing but the access the audit reads record.
 */
@Controller
class AuditPages {

    static final int PAGE_SIZE = 100;
    /** The newest access records of the course an admin sees on the page. */
    static final int ACCESS_RECORDS = 50;

    private final CourseHistory history;
    private final CourseVerification verification;
    private final CourseQueries courses;
    private final WhatIf whatIf;
    private final JdbcProtocolCatalog protocols;
    private final CurrentActor actor;
    private final org.kap.api.rems.MonitoringForms forms;
    private final CourseExport export;
    private final CourseFhirBundle fhir;
    private final org.kap.api.audit.AccessRecords access;
    private final ClinicTime clinic;
    private final org.kap.api.audit.TimelinePage timeline;

    AuditPages(ClinicTime clinic, org.kap.api.audit.TimelinePage timeline, CourseHistory history, CourseVerification verification, CourseQueries courses, WhatIf whatIf,
               JdbcProtocolCatalog protocols, CurrentActor actor, org.kap.api.rems.MonitoringForms forms,
               CourseExport export, CourseFhirBundle fhir, org.kap.api.audit.AccessRecords access) {
        this.clinic = clinic;
        this.timeline = timeline;
        this.forms = forms;
        this.export = export;
        this.fhir = fhir;
        this.access = access;
        this.history = history;
        this.verification = verification;
        this.courses = courses;
        this.whatIf = whatIf;
        this.protocols = protocols;
        this.actor = actor;
    }

    @GetMapping("/pages/courses/{courseId}/audit")
    String audit(@PathVariable String courseId, @RequestParam(defaultValue = "0") int page,
                 @RequestParam(required = false) String asOf, Model model) {
        PageModel.signedIn(model, actor.get());
        CourseHistory.Page entries = history.page(courseId, Math.max(0, page), PAGE_SIZE);
        model.addAttribute("courseId", courseId);
        model.addAttribute("entries", entries);
        model.addAttribute("pages", (entries.total() + PAGE_SIZE - 1) / PAGE_SIZE);
        // the verdict is fetched by the page once shown (verifying can read every event of the course): see verification()
        // the versions of the course's protocol, for what-if (the entries carry it: no second read of the course)
        String protocolId = entries.events().isEmpty() ? null : entries.events().get(0).protocolId();
        model.addAttribute("versions", protocols.protocols().stream().filter(p -> p.protocolId().equals(protocolId)).toList());
        var me = actor.get();
        if (PageAccess.apiAllows(me.role(), HttpMethod.GET, "/api/v1/audit/access-events")) {
            model.addAttribute("accessRecords", access.rowsOf(courseId, ACCESS_RECORDS));
        }
        model.addAttribute("mayDownload", CoursePages.mayOpen(me, HttpMethod.GET, "/pages/courses/*/downloads/*"));
        if (asOf != null && !asOf.isBlank()) {
            model.addAttribute("asOfText", asOf);
            try {
                Instant at = clinic.parse("asOf", asOf);
                model.addAttribute("asOf", at);
                model.addAttribute("asOfCourse", courses.view(history.asOf(courseId, at, null)));
            } catch (IllegalArgumentException malformed) {
                model.addAttribute("asOfProblem", malformed.getMessage());
            } catch (CourseNotFound before) {
                model.addAttribute("asOfProblem", "the course had not begun by then");
            }
        }
        return "pages/audit";
    }

    @PostMapping("/pages/courses/{courseId}/what-if")
    String whatIf(@PathVariable String courseId, @RequestParam String protocolVersion, Model model) {
        String id = protocolVersion.substring(0, Math.max(0, protocolVersion.lastIndexOf('/')));
        int version = Integer.parseInt(protocolVersion.substring(protocolVersion.lastIndexOf('/') + 1));
        model.addAttribute("report", whatIf.evaluate(courseId, new ProtocolRef(id, version)));
        return audit(courseId, 0, null, model);
    }

    /**
     * The course's record to take away, from the audit view: the verifiable export (JSON Lines, for {@code ./kap verify}),
     * the timeline as CSV, as a FHIR R4 Bundle, or as a printable page. The same files as the API's, and access records
     * like theirs.
     */
    @GetMapping("/pages/courses/{courseId}/downloads/{kind}")
    Object download(@PathVariable String courseId, @PathVariable String kind, Model model) {
        switch (kind) {
            case "export" -> {
                if (!export.exists(courseId)) {
                    throw new CourseNotFound(courseId);
                }
                var inclusion = export.inclusion(courseId, null);
                return org.springframework.http.ResponseEntity.ok().contentType(MediaType.parseMediaType("application/x-ndjson"))
                        .header("Content-Disposition", "attachment; filename=\"" + courseId + ".kap-export.jsonl\"")
                        .body((org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody)
                                out -> export.write(courseId, inclusion, out));
            }
            case "csv" -> {
                return org.springframework.http.ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
                        .header("Content-Disposition", "attachment; filename=\"" + courseId + ".timeline.csv\"").body(history.csv(courseId));
            }
            case "fhir" -> {
                return org.springframework.http.ResponseEntity.ok().contentType(MediaType.parseMediaType(CourseFhirBundle.MEDIA_TYPE))
                        .header("Content-Disposition", "attachment; filename=\"" + courseId + ".fhir.json\"").body(fhir.of(courseId));
            }
            case "timeline" -> {
                // the API's printable timeline, rendered the same way
                return timeline.timeline(courseId, model);
            }
            default -> throw new CourseNotFound(courseId + " download " + kind);
        }
    }

    /**
     * The verification verdict of the course's record (hash chain, signatures, signed head), as the part of the audit view
     * its script puts in place, or as a page of its own without scripts. Apart from the view because it can read every
     * event of the course (always with {@code whole=true}; otherwise those after its verified prefix).
     */
    @GetMapping("/pages/courses/{courseId}/verification")
    String verification(@PathVariable String courseId, @RequestParam(required = false) String part,
                        @RequestParam(defaultValue = "false") boolean whole, Model model) {
        PageModel.signedIn(model, actor.get());
        model.addAttribute("courseId", courseId);
        model.addAttribute("verdict", (whole ? verification.verifyWhole(courseId) : verification.verify(courseId))
                .orElseThrow(() -> new CourseNotFound(courseId)));
        return "part".equals(part) ? "pages/verification :: verdict" : "pages/verification";
    }

    /** The REMS Patient Monitoring Form of a session as a page that prints on one sheet. */
    @GetMapping("/pages/courses/{courseId}/sessions/{sessionNumber}/monitoring-form")
    String monitoringForm(@PathVariable String courseId, @PathVariable int sessionNumber, Model model) {
        PageModel.signedIn(model, actor.get());
        model.addAttribute("form", forms.of(courseId, sessionNumber));
        return "pages/monitoring-form";
    }
}
