package org.kap.api.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

@RestController
@Tag(name = "Audit")
class AllCoursesExportController {

    private final CourseExport export;

    AllCoursesExportController(CourseExport export) {
        this.export = export;
    }

    @GetMapping(value = "/api/v1/courses-export", produces = "application/x-ndjson")
    @Operation(summary = "Every course's record and every protocol version as one JSON Lines file for ./kap verify (auditor)")
    ResponseEntity<StreamingResponseBody> exportAll() {
        return ResponseEntity.ok().contentType(org.springframework.http.MediaType.parseMediaType("application/x-ndjson"))
                .header("Content-Disposition", "attachment; filename=\"kap-export.jsonl\"")
                .body(out -> export.write(null, java.util.Optional.empty(), out));
    }
}
