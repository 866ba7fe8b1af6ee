package org.kap.api.obligations;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@RequestMapping("/api/v1/obligations")
@Tag(name = "Obligations", description = "Monitoring forms, adverse-event reports and reviews that are due")
class ObligationController {

    private final Obligations obligations;

    ObligationController(Obligations obligations) {
        this.obligations = obligations;
    }

    @GetMapping
    @Operation(summary = "Obligations across courses: open (default), overdue or all")
    List<ObligationView> list(@Parameter(example = "overdue") @RequestParam(defaultValue = "open") String status,
                              @RequestParam(required = false) String courseId) {
        return obligations.list(status, courseId);
    }
}
