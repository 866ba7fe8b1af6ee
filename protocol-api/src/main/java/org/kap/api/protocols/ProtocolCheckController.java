package org.kap.api.protocols;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Checking protocol text without publishing it: every finding at its line and column, and what it would change. */
@RestController
@Tag(name = "Protocols")
class ProtocolCheckController {

    private final ProtocolChecks checks;

    ProtocolCheckController(ProtocolChecks checks) {
        this.checks = checks;
    }

    @PostMapping(value = "/api/v1/protocol-checks", consumes = MediaType.TEXT_PLAIN_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Check protocol text as publishing would, and publish nothing (protocol designer, admin): 200 with "
            + "ok, every error and warning at its line and column, the rules explained and the changes against the newest "
            + "published version of the protocol")
    ProtocolChecks.Report check(@RequestBody String text) {
        return checks.check(text);
    }
}
