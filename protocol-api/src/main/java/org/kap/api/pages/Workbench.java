package org.kap.api.pages;

import jakarta.servlet.http.HttpServletRequest;
import org.kap.api.protocols.DryRun;
import org.kap.api.protocols.JdbcProtocolCatalog;
import org.kap.api.protocols.ProtocolChecks;
import org.kap.api.protocols.ProtocolPublished;
import org.kap.api.protocols.ProtocolPublisher;
import org.kap.api.protocols.PublishedProtocol;
import org.kap.api.security.CurrentActor;
import org.kap.api.security.SignedActs;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

import java.util.Comparator;
import java.util.List;

/**
 * The protocol designer's workbench: protocol text in an editor, checked as it is typed by the same check as
 * publishing (its errors and warnings at their line and column, the rules explained, the changes against the newest
 * published version), and published from the page as a signed act, like the API's publication.
 */
@Controller
class Workbench {

    private final ProtocolChecks checks;
    private final ProtocolPublisher publisher;
    private final JdbcProtocolCatalog catalog;
    private final CurrentActor actor;
    private final SignedActs signatures;
    private final DryRun dryRuns;

    Workbench(ProtocolChecks checks, ProtocolPublisher publisher, JdbcProtocolCatalog catalog, CurrentActor actor,
              SignedActs signatures, DryRun dryRuns) {
        this.dryRuns = dryRuns;
        this.checks = checks;
        this.publisher = publisher;
        this.catalog = catalog;
        this.actor = actor;
        this.signatures = signatures;
    }

    /** The editor, holding the text of {@code from} ({@code id/version}) or of the newest published version. */
    @GetMapping("/pages/protocols/workbench")
    String workbench(@RequestParam(required = false) String from, Model model) {
        PageModel.signedIn(model, actor.get());
        List<PublishedProtocol> published = catalog.protocols().stream().sorted(Comparator.comparing(PublishedProtocol::protocolId).thenComparing(PublishedProtocol::version)).toList();
        model.addAttribute("published", published);
        if (!model.containsAttribute("text")) {
            String text = published.stream().filter(p -> from == null || from.equals(p.protocolId() + "/" + p.version()))
                    .reduce((first, second) -> second).map(PublishedProtocol::sourceText).orElse("");
            model.addAttribute("text", text);
        }
        model.addAttribute("check", checks.check((String) model.getAttribute("text")));
        if (!model.containsAttribute("sample")) {
            model.addAttribute("sample", java.util.Map.of("indication", "depression", "ageYears", "40", "weight", "70 kg",
                    "restingSystolic", "124 mmHg", "route", "im", "dose", "0.5 mg/kg", "dischargeAfterMinutes", "120"));
        }
        model.addAttribute("routes", org.kap.core.dosing.Route.values());
        model.addAttribute("indications", org.kap.core.protocol.Indication.values());
        return "pages/workbench";
    }

    /** The check the editor asks for as the designer types: nothing is published. */
    @PostMapping(value = "/pages/protocols/check", consumes = MediaType.TEXT_PLAIN_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ProtocolChecks.Report check(@RequestBody String text) {
        return checks.check(text);
    }

    /**
     * The text tried on a sample client (docs/pages.md, "The protocol workbench"): each act's decision under the text,
     * in a course held in memory; nothing is recorded.
     */
    @PostMapping("/pages/protocols/dry-run")
    String dryRun(@RequestParam String text, @RequestParam java.util.Map<String, String> form, Model model) {
        model.addAttribute("text", text);
        model.addAttribute("sample", form);
        var protocol = checks.compiled(text);
        if (protocol.isEmpty()) {
            model.addAttribute("dryRunProblem", "the text does not check: fix its errors first");
            return workbench(null, model);
        }
        try {
            model.addAttribute("dryRun", dryRuns.run(protocol.get(), new DryRun.SampleClient(form.get("indication"),
                    number(form.get("ageYears")), form.get("weight"), form.get("restingSystolic"), form.get("route"),
                    form.get("dose"), blankToNull(form.get("infusionDuration")), number(form.get("dischargeAfterMinutes")))));
        } catch (IllegalArgumentException malformed) {
            model.addAttribute("dryRunProblem", malformed.getMessage());
        }
        return workbench(null, model);
    }

    private static Integer number(String text) {
        try {
            return text == null || text.isBlank() ? null : Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number");
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    /** Publishing from the page: the signer's password again, then the same publication as the API's. */
    @PostMapping("/pages/protocols")
    String publish(@RequestParam String text, @RequestParam(required = false) String signaturePassword,
                   HttpServletRequest request, Model model) {
        String outcome;
        try {
            signatures.signFromPage(request, signaturePassword);
            ProtocolPublisher.Outcome published = publisher.publish("workbench.kap", text, actor.get().id(), ProtocolPublished.PROTOCOL);
            outcome = published.check().hasErrors() ? "not published: the text does not check (see the findings)"
                    : (published.published() ? "published " : "already published with this very text: ")
                    + published.protocol().ref().id() + " v" + published.protocol().ref().version();
        } catch (SignedActs.SignatureRefused | org.kap.api.protocols.ProtocolVersionConflict refused) {
            outcome = "not published: " + refused.getMessage();
        }
        model.addAttribute("text", text);
        model.addAttribute("publishOutcome", outcome);
        return workbench(null, model);
    }
}
