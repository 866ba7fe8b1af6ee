package org.kap.api.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.StrictErrorHandler;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ValidationResult;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Provenance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.kap.api.ApiTest;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The course's record in the readable forms an auditor takes away: a FHIR R4 Bundle that a strict FHIR parser reads
 * and the official FHIR R4 XML schema accepts, and an HTML timeline that prints.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadableExportsApiTest extends ApiTest {

    private static final FhirContext R4 = FhirContext.forR4();

    static {
        R4.setParserErrorHandler(new StrictErrorHandler());
    }

    private String course;

    @BeforeAll
    void a_course_with_a_refusal_a_signed_approval_and_a_correction() {
        assertThat(publish("api-test.kap").status()).isIn(200, 201);
        course = "readable-" + UUID.randomUUID();
        String c = "/api/v1/courses/" + course;
        Instant t = Instant.now().minus(2, ChronoUnit.DAYS);
        post("clinician", "/api/v1/courses", Map.of("courseId", course, "clientId", "client-r",
                "protocol", Map.of("id", "api-test", "version", 1), "indication", "depression", "at", t.toString(),
                "profile", profile(40, "80 kg")));
        post("clinician", c + "/consent", Map.of("at", t.plusSeconds(60).toString()));
        post("therapist", c + "/preparation-sessions", Map.of("at", t.plusSeconds(120).toString()));
        assertThat(post("prescriber", c + "/dose-approvals", Map.of("route", "IM", "dose", "0.7 mg/kg",
                "at", t.plusSeconds(170).toString())).status()).isEqualTo(422);
        assertThat(post("prescriber", c + "/dose-approvals", Map.of("route", "IM", "dose", "0.5 mg/kg",
                "at", t.plusSeconds(180).toString())).status()).isEqualTo(200);
        assertThat(post("clinician", c + "/corrections", Map.of("entryNumber", 3, "correction", "preparation was 50 minutes",
                "reason", "late note from the therapist")).status()).isEqualTo(200);
        assertThat(get("auditor", c + "/verification").status()).isEqualTo(200);
    }

    @Test
    void the_fhir_bundle_is_valid_r4_with_a_provenance_per_entry_and_an_audit_event_per_read() {
        Answer answer = get("auditor", "/api/v1/courses/" + course + "/history?format=fhir");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.headers().getContentType().toString()).startsWith("application/fhir+json");

        Bundle bundle = R4.newJsonParser().parseResource(Bundle.class, answer.raw());
        assertThat(schemaErrors(bundle)).isEmpty();
        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.COLLECTION);
        assertThat(bundle.getIdentifier().getValue()).isEqualTo(course);

        List<Provenance> acts = bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(Provenance.class::isInstance).map(Provenance.class::cast).toList();
        assertThat(acts).extracting(p -> p.getActivity().getCodingFirstRep().getCode()).containsExactly("ClientScreened",
                "ConsentRecorded", "PreparationSessionRecorded", "DoseApprovalRefused", "DoseApproved", "EntryCorrected");
        assertThat(acts).allSatisfy(p -> assertThat(p.getPolicy().get(0).getValue()).isEqualTo("urn:kap:protocol:api-test:1"));

        Provenance refused = acts.get(3);
        assertThat(refused.getReasonFirstRep().getCodingFirstRep().getCode()).isEqualTo("DOSE-IM-START");
        assertThat(refused.getOccurredDateTimeType().getValue()).as("clinical time, days before it was recorded")
                .isBefore(refused.getRecorded());
        assertThat(refused.getAgentFirstRep().getWho().getIdentifier().getValue()).isEqualTo("prescriber");
        assertThat(refused.getAgentFirstRep().getRoleFirstRep().getText()).isEqualTo("prescriber");
        assertThat(refused.getSignature()).as("a refusal is not a signature").isEmpty();

        Provenance approved = acts.get(4);
        assertThat(approved.getSignature()).hasSize(1);
        var signature = approved.getSignatureFirstRep();
        assertThat(signature.getType()).extracting(t -> t.getCode()).containsExactly("ProofOfapproval", "approval");
        assertThat(signature.getWho().getDisplay()).isEqualTo("Dr Ben Prescriber");
        assertThat(signature.getWho().getIdentifier().getValue()).isEqualTo("prescriber");
        assertThat(signature.getWhen()).isNotNull();

        Provenance correction = acts.get(5);
        assertThat(correction.getEntityFirstRep().getRole()).isEqualTo(Provenance.ProvenanceEntityRole.REVISION);
        assertThat(correction.getEntityFirstRep().getWhat().getIdentifier().getValue()).isEqualTo(course + "#3");
        assertThat(correction.getSignatureFirstRep().getType()).extracting(t -> t.getCode()).contains("authorship");

        List<AuditEvent> reads = bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(AuditEvent.class::isInstance).map(AuditEvent.class::cast).toList();
        assertThat(reads).anySatisfy(read -> {
            assertThat(read.getAction()).isEqualTo(AuditEvent.AuditEventAction.R);
            assertThat(read.getAgentFirstRep().getWho().getIdentifier().getValue()).isEqualTo("auditor");
            assertThat(read.getSubtypeFirstRep().getCode()).isEqualTo("verification");
        });
        assertThat(bundle.getEntry()).extracting(Bundle.BundleEntryComponent::getFullUrl).doesNotHaveDuplicates()
                .allSatisfy(url -> assertThat(url).startsWith("urn:uuid:"));
    }

    @Test
    void the_schema_check_finds_what_the_fhir_r4_schema_forbids() throws Exception {
        String valid = get("auditor", "/api/v1/courses/" + course + "/history?format=fhir").raw();
        JsonNode bundle = json.readTree(valid);
        ((ObjectNode) bundle.at("/entry/0/resource")).remove("recorded");
        assertThat(schemaErrors(R4.newJsonParser().parseResource(Bundle.class, bundle.toString())))
                .as("Provenance.recorded is required").isNotEmpty();

        JsonNode unknown = json.readTree(valid);
        ((ObjectNode) unknown.at("/entry/0/resource")).put("signedBy", "someone");
        assertThatThrownBy(() -> R4.newJsonParser().parseResource(Bundle.class, unknown.toString()))
                .as("an element FHIR does not define").isInstanceOf(DataFormatException.class);
    }

    @Test
    void the_timeline_page_prints_every_entry_with_its_verdict_signatures_refusals_and_corrections() {
        Answer page = get("auditor", "/api/v1/courses/" + course + "/history?format=html");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.headers().getContentType().toString()).startsWith("text/html");
        String html = page.raw();
        assertThat(html).contains("Audit timeline of course " + course).contains("Verified intact: 6 events")
                .contains("@media print").contains("Signed by Dr Ben Prescriber (approval)")
                .contains("href=\"#entry-3\"").contains("corrected by #6").contains("late entry");
        assertThat(html.split("<tr id=\"entry-", -1)).as("a row per entry").hasSize(7);
        assertThat(html).contains("<tr id=\"entry-4\" class=\"refused\"");
        assertThat(html).contains("DOSE-IM-START");

        assertThat(get("clinician", "/api/v1/courses/" + course + "/history?format=html").status())
                .as("the same access as the history").isEqualTo(403);
        assertThat(get("auditor", "/api/v1/courses/no-such-course/history?format=html").status()).isEqualTo(404);
    }

    /** What the official FHIR R4 XML schema finds wrong with the resource (HAPI encodes it as XML to check it). */
    private static List<String> schemaErrors(Bundle bundle) {
        FhirValidator validator = R4.newValidator();
        validator.setValidateAgainstStandardSchema(true);
        validator.setValidateAgainstStandardSchematron(false);
        ValidationResult result = validator.validateWithResult(bundle);
        return result.getMessages().stream().map(m -> m.getSeverity() + " " + m.getLocationString() + ": " + m.getMessage()).toList();
    }
}
