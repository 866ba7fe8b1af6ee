package org.kap.api.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

@RestController
@Tag(name = "Audit")
class AccessRecordController {

    private final AccessRecords records;

    AccessRecordController(AccessRecords records) {
        this.records = records;
    }

    @GetMapping("/api/v1/audit/access-events")
    @Operation(summary = "Who read which course's record, who tried what their role may not, and who failed to sign in: "
            + "FHIR R4 AuditEvent resources, newest first (admin)")
    List<Map<String, Object>> accessEvents(@RequestParam(defaultValue = "100") int limit) {
        return records.asAuditEvents(limit);
    }
}
