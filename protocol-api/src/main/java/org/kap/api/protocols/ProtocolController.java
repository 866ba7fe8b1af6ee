package org.kap.api.protocols;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.kap.api.security.CurrentActor;
import org.kap.core.protocol.Protocol;
import org.kap.core.rule.ProtocolRef;
import org.kap.dsl.Diagnostic;
import org.kap.dsl.ProtocolExplainer;
import org.kap.core.observation.ObservationRule;
import org.kap.core.rule.Rule;
import org.kap.core.screening.ClientCondition;
import org.kap.core.screening.ScreeningRule;
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
import java.util.Map;

/** Protocol designers publish protocol text; everyone reads the published versions. */
@RestController
// every answer is JSON: a request that accepts none is refused (406) before it publishes, activates or retires anything
@RequestMapping(value = "/api/v1/protocols", produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
@Tag(name = "Protocols", description = "Publish checked protocol text as immutable versions; read them back")
class ProtocolController {

    /** {@code meaningSha256}: the SHA-256 of the version's pinned meaning (what its text compiled to at publication). */
    record Summary(String id, int version, String status, String title, String sourceSha256, String meaningSha256,
                   Instant publishedAt, String publishedBy) {
        static Summary of(PublishedProtocol p) {
            return new Summary(p.protocolId(), p.version(), p.status(), p.title(), p.sourceSha256(), p.meaningSha256(),
                    p.publishedAt(), p.publishedBy());
        }
    }

    record Diff(String id, int from, int to, List<ProtocolDiffs.DifferenceView> differences) {
    }

    /** {@code reads}: for a rule over the client, the facts it reads (what an integrator must send); empty otherwise. */
    record RuleView(String id, String kind, String parameters, String enforcement, String message, String citation,
                    List<String> reads) {
    }

    /**
     * {@code requiredFacts}: the facts a screening must record under this version (its {@code require} rules);
     * {@code vocabulary}: the words it accepts in diagnoses, history and medications when it declares value sets (an
     * empty list: a version written before value sets, which reads words as they come).
     */
    record Detail(Summary protocol, List<String> indications, List<String> requiredFacts, List<RuleView> rules,
                  List<ValueSetView> valueSets, List<String> vocabulary, List<String> warnings, String sourceText) {
    }

    private final ProtocolPublisher publisher;
    private final JdbcProtocolCatalog catalog;
    private final CurrentActor actor;

    /** Why a version is retired: said once, kept on its Retired event. */
    record Retirement(@jakarta.validation.constraints.NotBlank @jakarta.validation.constraints.Size(max = 2000)
                      @io.swagger.v3.oas.annotations.media.Schema(example = "Replaced by version 3") String reason) {
    }

    private final org.axonframework.commandhandling.gateway.CommandGateway commands;

    private final ProtocolDiffs diffs;

    ProtocolController(ProtocolPublisher publisher, JdbcProtocolCatalog catalog, CurrentActor actor,
                       org.axonframework.commandhandling.gateway.CommandGateway commands, ProtocolDiffs diffs) {
        this.commands = commands;
        this.diffs = diffs;
        this.publisher = publisher;
        this.catalog = catalog;
        this.actor = actor;
    }

    @org.kap.api.security.SignedAct("authorship")
    @PostMapping(consumes = MediaType.TEXT_PLAIN_VALUE)
    @Operation(summary = "Publish protocol text (protocol designer). 201 when published, 200 when the identical text "
            + "already was, 422 with every error's line and column, 409 when the version exists with different text")
    ResponseEntity<?> publish(@RequestBody String text) {
        ProtocolPublisher.Outcome outcome = publisher.publish("request.kap", text, actor.get().id(), ProtocolPublished.PROTOCOL);
        if (outcome.check().hasErrors()) {
            return CheckFailed.answer(outcome.check(), "protocol");
        }
        ProtocolRef ref = outcome.protocol().ref();
        // the text just checked is what was published: it answers without loading (and caching) the stored copy
        Detail detail = detail(ref.id(), ref.version(), outcome.check().warnings(), outcome.protocol());
        URI location = URI.create("/api/v1/protocols/" + ref.id() + "/versions/" + ref.version());
        return outcome.published() ? ResponseEntity.created(location).body(detail) : ResponseEntity.ok(detail);
    }

    @GetMapping
    @Operation(summary = "Every published protocol version")
    List<Summary> list() {
        return catalog.protocols().stream().map(Summary::of).toList();
    }

    @org.kap.api.security.SignedAct("authorship")
    @PostMapping("/{id}/versions/{version}/activation")
    @Operation(summary = "Ask for a draft to become active (protocol designer). With a second signature required (the "
            + "default), the version then awaits approval; 409 when it is not a draft")
    Summary activate(@PathVariable String id, @PathVariable int version) {
        return lifecycle(id, version, new ProtocolLifecycle.RequestActivation(PublishProtocol.publicationId(id, version), actor.get().id()));
    }

    @org.kap.api.security.SignedAct("approval")
    @PostMapping("/{id}/versions/{version}/approval")
    @Operation(summary = "Approve an activation someone else asked for (a second protocol designer, or an admin): the "
            + "version screens new clients from now; 409 when nothing awaits approval or the approver asked for it")
    Summary approve(@PathVariable String id, @PathVariable int version) {
        return lifecycle(id, version, new ProtocolLifecycle.ApproveActivation(PublishProtocol.publicationId(id, version), actor.get().id()));
    }

    @org.kap.api.security.SignedAct("responsibility")
    @PostMapping("/{id}/versions/{version}/retirement")
    @Operation(summary = "Retire a version (protocol designer or admin): it screens no new client; the courses under it go "
            + "on under it")
    Summary retire(@PathVariable String id, @PathVariable int version,
                   @jakarta.validation.Valid @RequestBody Retirement body) {
        return lifecycle(id, version, new ProtocolLifecycle.Retire(PublishProtocol.publicationId(id, version), actor.get().id(),
                body.reason()));
    }

    private Summary lifecycle(String id, int version, Object command) {
        catalog.publishedOfKind(id, version, ProtocolPublished.PROTOCOL)
                .orElseThrow(() -> new org.kap.core.protocol.UnknownProtocolException(new ProtocolRef(id, version)));
        // the signer's re-authentication goes onto the recorded act, as on a course's signed acts
        java.util.Map<String, Object> metadata = new java.util.HashMap<>();
        org.kap.api.security.SignedActs.currentMethod()
                .ifPresent(method -> metadata.put(org.kap.api.security.SignedActs.SIGNATURE_METHOD, method));
        commands.sendAndWait(org.axonframework.commandhandling.GenericCommandMessage.asCommandMessage(command).withMetaData(metadata));
        return Summary.of(catalog.published(id, version).orElseThrow());
    }

    @GetMapping("/{id}/diff")
    @Operation(summary = "What changed between two published versions: each rule, value set and the header added, removed "
            + "or changed, with the old and the new meaning (compared on the meanings pinned at publication)")
    Diff diff(@PathVariable String id, @org.springframework.web.bind.annotation.RequestParam int from,
              @org.springframework.web.bind.annotation.RequestParam int to) {
        return new Diff(id, from, to, diffs.between(id, from, to));
    }

    @GetMapping("/{id}/versions/{version}")
    @Operation(summary = "One version with its compiled rules and source hash")
    Detail get(@PathVariable String id, @PathVariable int version) {
        return detail(id, version, List.of(), null);
    }

    /** A version as published; {@code compiled} when the caller has it, otherwise the catalog's (verified against its seal). */
    private Detail detail(String id, int version, List<Diagnostic> warnings, Protocol compiled) {
        PublishedProtocol row = catalog.publishedOfKind(id, version, ProtocolPublished.PROTOCOL)
                .orElseThrow(() -> new org.kap.core.protocol.UnknownProtocolException(new ProtocolRef(id, version)));
        Protocol p = compiled != null ? compiled : catalog.require(new ProtocolRef(id, version));
        List<RuleView> rules = p.rules().stream().map(r -> new RuleView(r.info().id().value(), ProtocolExplainer.kind(r),
                r.describe(), r.info().enforcement().toString(), r.info().message(), r.info().citation(), reads(r))).toList();
        List<String> required = p.screening().stream().map(ScreeningRule::when)
                .filter(ClientCondition.Recorded.class::isInstance).flatMap(c -> c.reads().stream()).distinct().sorted().toList();
        return new Detail(Summary.of(row), p.indications().stream().map(i -> i.code()).sorted().toList(), required, rules,
                p.valueSets().stream().map(ValueSetView::of).toList(),
                p.valueSets().isEmpty() ? List.of() : List.copyOf(p.vocabulary()),
                warnings.stream().map(Diagnostic::toString).toList(), row.sourceText());
    }

    private static List<String> reads(Rule rule) {
        if (rule instanceof ScreeningRule s) {
            return s.when().reads().stream().sorted().toList();
        }
        if (rule instanceof ObservationRule.ObservationExtension e) {
            return e.when().reads().stream().sorted().toList();
        }
        if (rule instanceof org.kap.core.dosing.DoseRule.ForClients f) {
            return f.when().reads().stream().sorted().toList();
        }
        if (rule instanceof org.kap.core.session.SessionStartRule.ForClients f) {
            return f.when().reads().stream().sorted().toList();
        }
        return List.of();
    }
}
