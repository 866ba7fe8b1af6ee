package org.kap.api.rems;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Audit")
class MonitoringFormController {

    private final MonitoringForms forms;

    MonitoringFormController(MonitoringForms forms) {
        this.forms = forms;
    }

    @GetMapping("/api/v1/courses/{courseId}/sessions/{sessionNumber}/monitoring-form")
    @Operation(summary = "The REMS Patient Monitoring Form of a session, produced from its events, linked to its 7-day obligation")
    MonitoringForm form(@PathVariable String courseId, @PathVariable int sessionNumber) {
        return forms.of(courseId, sessionNumber);
    }
}
