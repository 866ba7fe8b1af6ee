package org.kap.api.protocols;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.kap.api.security.CurrentActor;
import org.kap.api.security.SignedAct;
import org.kap.core.terminology.ValueSetLibrary;
import org.kap.dsl.Diagnostic;
import org.kap.dsl.ProtocolCompiler;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * Libraries of value sets: published once per version, like protocols, and imported by protocols by name and version
 * ({@code import psychotic_disorders from "kap-terms" version 1}).
 */
@RestController
@RequestMapping("/api/v1/value-set-libraries")
@Tag(name = "Value-set libraries", description = "Publish libraries of value sets that protocols import; read them back")
class LibraryController {

    record Summary(String id, int version, String title, String sourceSha256, Instant publishedAt, String publishedBy) {
        static Summary of(PublishedProtocol p) {
            return new Summary(p.protocolId(), p.version(), p.title(), p.sourceSha256(), p.publishedAt(), p.publishedBy());
        }
    }

    /** {@code importedBy}: the published protocol versions that import a set of this library version. */
    record Detail(Summary library, List<ValueSetView> valueSets, List<String> importedBy, List<String> warnings,
                  String sourceText) {
    }

    private final ProtocolPublisher publisher;
    private final JdbcProtocolCatalog catalog;
    private final CurrentActor actor;

    LibraryController(ProtocolPublisher publisher, JdbcProtocolCatalog catalog, CurrentActor actor) {
        this.publisher = publisher;
        this.catalog = catalog;
        this.actor = actor;
    }

    @SignedAct("authorship")
    @PostMapping(consumes = MediaType.TEXT_PLAIN_VALUE, produces = {MediaType.APPLICATION_JSON_VALUE,
            MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    @Operation(summary = "Publish a library of value sets (protocol designer). 201 when published, 200 when the identical "
            + "text already was, 422 with every error's line and column, 409 when the version exists with different text")
    ResponseEntity<?> publish(@RequestBody String text) {
        ProtocolPublisher.Outcome outcome = publisher.publish("request.kap", text, actor.get().id(), ProtocolPublished.LIBRARY);
        if (outcome.check().hasErrors()) {
            return CheckFailed.answer(outcome.check(), "library");
        }
        ValueSetLibrary library = outcome.library();
        Detail detail = detail(library.id(), library.version(), outcome.check().warnings());
        URI location = URI.create("/api/v1/value-set-libraries/" + library.id() + "/versions/" + library.version());
        return outcome.published() ? ResponseEntity.created(location).body(detail) : ResponseEntity.ok(detail);
    }

    @GetMapping
    @Operation(summary = "Every published library version")
    List<Summary> list() {
        return catalog.libraries().stream().map(Summary::of).toList();
    }

    @GetMapping("/{id}/versions/{version}")
    @Operation(summary = "One library version with its value sets, the protocols that import it, and its text")
    Detail get(@PathVariable String id, @PathVariable int version) {
        return detail(id, version, List.of());
    }

    private Detail detail(String id, int version, List<Diagnostic> warnings) {
        PublishedProtocol row = catalog.publishedOfKind(id, version, ProtocolPublished.LIBRARY)
                .orElseThrow(() -> new UnknownLibraryException(id, version));
        // the stored text is read again: what an auditor is shown is what its seal vouches for, or a 503
        catalog.libraryIntegrityProblem(id, version).ifPresent(problem -> {
            throw new ProtocolIntegrityException(problem);
        });
        ValueSetLibrary library;
        try {
            library = catalog.find(id, version).orElseThrow(() -> new UnknownLibraryException(id, version));
        } catch (org.kap.dsl.Libraries.Unavailable broken) {
            throw new ProtocolIntegrityException("library " + id + " v" + version + ": " + broken.getMessage());
        }
        // read from each protocol's text, not its compiled rules: a protocol that cannot be served still names its imports
        List<String> importedBy = catalog.protocols().stream()
                .filter(p -> ProtocolCompiler.imports(p.sourceText()).stream().anyMatch(i -> i.id().equals(id) && i.version() == version))
                .map(p -> p.protocolId() + " v" + p.version()).toList();
        return new Detail(Summary.of(row), library.sets().stream().map(ValueSetView::of).toList(), importedBy,
                warnings.stream().map(Diagnostic::toString).toList(), row.sourceText());
    }
}
