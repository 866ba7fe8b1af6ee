package org.kap.api.obligations;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/obligations")
@Tag(name = "Obligations", description = "Monitoring forms, adverse-event reports and reviews that are due")
class ObligationController {

    private final Obligations obligations;

    ObligationController(Obligations obligations) {
        this.obligations = obligations;
    }

    /** At most this many obligations a page. */
    static final int MAX_PAGE = 500;

    @GetMapping
    @Operation(summary = "Obligations across courses, by deadline: open (default), overdue or all; a page of size (default "
            + "100, at most 500) with the total and the next page's cursor (after), which costs the same at any depth")
    ObligationPage list(@Parameter(example = "overdue") @RequestParam(defaultValue = "open") String status,
                        @RequestParam(required = false) String courseId,
                        @RequestParam(defaultValue = "100") int size,
                        @Parameter(description = "the next of the page before") @RequestParam(required = false) String after) {
        if (size < 1 || size > MAX_PAGE) {
            throw new org.kap.core.course.InvalidCommandException("size", "1 to " + MAX_PAGE);
        }
        return obligations.page(status, courseId, size, after);
    }
}
