package org.kap.api.audit;

import org.kap.api.courses.DecisionView.FindingView;
import org.springframework.stereotype.Service;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A course's record as a FHIR R4 Bundle (type collection) for systems that read FHIR: a Provenance for each entry
 * of the course (what was done, by whom in which role, when on both clocks, under which protocol version, the
 * rules' findings as its reasons, the entry it corrects, and the manifestation of an electronic signature), and an
 * AuditEvent for each access record of the course (who read it, when, and whether they were refused).
 * <p>
 * This is a readable rendering, not evidence: the signature bytes and the hash chain are checked in the JSON Lines
 * export ({@code ./kap verify}). A course is not a FHIR resource, so resources name it and its entries by
 * identifier ({@code urn:kap:course}, {@code urn:kap:course-entry}) rather than by reference.
 */
@Service
public class CourseFhirBundle {

    public static final String MEDIA_TYPE = "application/fhir+json";
    static final String ENTRY_SYSTEM = "urn:kap:course-entry";
    static final String EVENT_TYPE_SYSTEM = "urn:kap:event-type";
    static final String RULE_SYSTEM = "urn:kap:rule";
    static final String MEANING_SYSTEM = "urn:kap:signature-meaning";
    private static final String PARTICIPANT_TYPE = "http://terminology.hl7.org/CodeSystem/provenance-participant-type";
    private static final String ASTM_SIGNATURE = "urn:iso-astm:E1762-95:2013";
    private static final String ETSI_SIGNATURE = "http://uri.etsi.org/01903/v1.2.2";

    private final CourseHistory history;
    private final AccessRecords access;
    private final Clock clock;

    public CourseFhirBundle(CourseHistory history, AccessRecords access, Clock clock) {
        this.history = history;
        this.access = access;
        this.clock = clock;
    }

    public Map<String, Object> of(String courseId) {
        CourseHistory.Entries entries = history.entries(courseId);
        List<Map<String, Object>> bundleEntries = new ArrayList<>();
        for (CourseHistory.Item item : entries.items()) {
            bundleEntries.add(entry("entry " + courseId + "#" + item.sequence(), provenance(courseId, item)));
        }
        for (Map<String, Object> auditEvent : access.auditEventsOf(courseId)) {
            bundleEntries.add(entry("access " + auditEvent.get("id"), auditEvent));
        }
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put("resourceType", "Bundle");
        bundle.put("identifier", Map.of("system", AccessRecords.COURSE_SYSTEM, "value", courseId));
        bundle.put("type", "collection");
        bundle.put("timestamp", clock.instant().toString());
        bundle.put("entry", bundleEntries);
        return bundle;
    }

    /** A stable full URL per resource (the same course gives the same URLs on every export). */
    private static Map<String, Object> entry(String name, Map<String, Object> resource) {
        UUID id = UUID.nameUUIDFromBytes(("kap " + name).getBytes(StandardCharsets.UTF_8));
        return Map.of("fullUrl", "urn:uuid:" + id, "resource", resource);
    }

    private static Map<String, Object> provenance(String courseId, CourseHistory.Item item) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("resourceType", "Provenance");
        p.put("target", List.of(Map.of("identifier", entryIdentifier(courseId, item.entryNumber()),
                "display", "entry " + item.entryNumber() + " of course " + courseId + ": " + item.type())));
        p.put("occurredDateTime", item.clinicalTime().toString());
        p.put("recorded", item.recordedTime().toString());
        p.put("policy", List.of("urn:kap:protocol:" + item.protocolId() + ":" + item.protocolVersion()));
        if (!item.findings().isEmpty()) {
            p.put("reason", item.findings().stream().map(CourseFhirBundle::reason).toList());
        }
        p.put("activity", Map.of("coding", List.of(Map.of("system", EVENT_TYPE_SYSTEM, "code", item.type())),
                "text", item.summary() + (item.lateEntry() ? " (late entry)" : "")));
        p.put("agent", List.of(Map.of(
                "type", Map.of("coding", List.of(Map.of("system", PARTICIPANT_TYPE, "code", "author", "display", "Author"))),
                "role", List.of(Map.of("text", item.actorRole())),
                "who", actor(item.actorId(), item.actorName()))));
        if (item.corrects() != null) {
            p.put("entity", List.of(Map.of("role", "revision", "what", Map.of("identifier", entryIdentifier(courseId, item.corrects()),
                    "display", "the entry this one corrects"))));
        }
        if (item.signature() != null) {
            p.put("signature", List.of(signature(item)));
        }
        return p;
    }

    private static Map<String, Object> reason(FindingView finding) {
        return Map.of("coding", List.of(Map.of("system", RULE_SYSTEM, "code", finding.ruleId())),
                "text", finding.severity() + ": " + finding.text());
    }

    /**
     * The signature's manifestation (21 CFR 11.50): printed name, when, and its meaning, as a standard signature
     * type and as the engine's own word for it. The signer is the actor of the entry.
     */
    private static Map<String, Object> signature(CourseHistory.Item item) {
        CourseHistory.Signature s = item.signature();
        List<Map<String, Object>> types = new ArrayList<>();
        switch (s.meaning()) {
            case "approval" -> types.add(Map.of("system", ETSI_SIGNATURE, "code", "ProofOfapproval", "display", "Proof of approval"));
            case "review" -> types.add(Map.of("system", ASTM_SIGNATURE, "code", "1.2.840.10065.1.12.1.13", "display", "Review Signature"));
            // "override" is how records from before sealed signatures name an override's meaning
            case "authorship", "responsibility", "override" ->
                    types.add(Map.of("system", ASTM_SIGNATURE, "code", "1.2.840.10065.1.12.1.1", "display", "Author's Signature"));
            // a meaning recorded by another engine build keeps its own word only: the record is rendered, never refused
            default -> { }
        }
        types.add(Map.of("system", MEANING_SYSTEM, "code", s.meaning()));
        return Map.of("type", types,
                "when", s.signedAt(),
                "who", actor(s.signerId() != null ? s.signerId() : item.actorId(), s.name()));
    }

    private static Map<String, Object> entryIdentifier(String courseId, long entryNumber) {
        return Map.of("system", ENTRY_SYSTEM, "value", courseId + "#" + entryNumber);
    }

    private static Map<String, Object> actor(String id, String name) {
        Map<String, Object> who = new LinkedHashMap<>();
        who.put("identifier", Map.of("system", AccessRecords.ACTOR_SYSTEM, "value", id));
        if (name != null && !name.isBlank()) {
            who.put("display", name);
        }
        return who;
    }
}
