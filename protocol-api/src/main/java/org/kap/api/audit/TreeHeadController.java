package org.kap.api.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/** The signed tree heads the engine has anchored (docs/audit.md), and making one now. */
@RestController
// JSON only: a request that accepts none is refused (406) before a tree head is made
@RequestMapping(value = "/api/v1/audit/tree-heads", produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
@Tag(name = "Audit", description = "Verify, replay and export a course's record")
class TreeHeadController {

    private final TreeHeads treeHeads;

    TreeHeadController(TreeHeads treeHeads) {
        this.treeHeads = treeHeads;
    }

    @GetMapping
    @Operation(summary = "Every signed tree head, oldest first, as the lines of the anchor file (auditor, admin)")
    List<Map<String, Object>> all() {
        return treeHeads.all().stream().map(TreeHeads::line).toList();
    }

    @PostMapping
    @Operation(summary = "Make and anchor a tree head now (admin): 201 with it, or 200 with the latest when no course changed")
    ResponseEntity<Map<String, Object>> publish() {
        return treeHeads.publish().map(made -> ResponseEntity.status(HttpStatus.CREATED).body(TreeHeads.line(made)))
                .orElseGet(() -> ResponseEntity.ok(treeHeads.latest().map(TreeHeads::line).orElse(Map.of())));
    }
}
