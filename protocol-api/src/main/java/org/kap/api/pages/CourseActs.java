package org.kap.api.pages;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.axonframework.modelling.command.ConcurrencyException;
import org.kap.api.courses.CourseController;
import org.kap.api.courses.CourseRequests;
import org.kap.api.courses.CourseView;
import org.kap.api.courses.DecisionView;
import org.kap.api.courses.SafetyRefusal;
import org.kap.api.errors.StrictRequestJson;
import org.kap.api.security.PageAccess;
import org.kap.api.security.SignedActs;
import org.kap.core.course.CourseException;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * The course page's forms. A form decides nothing: its fields are read into the very request the API takes (by the
 * API's strict JSON reading and its validation), handed to the API's own handler, and the engine's answer (the decision
 * with its findings, a refusal with its rule and values, or why the input was not taken) is shown in place on the course
 * page. A signed act asks the signer's password again in its form, checked as the API's header is.
 */
@Controller
class CourseActs {

    /** The engine's answer to a form, shown on the page it returns to. */
    public record Answer(String act, String outcome, List<DecisionView.FindingView> findings, String problem) {

        public boolean refused() {
            return "refused".equals(outcome);
        }
    }

    /** One act: the API request its form fills and the API handler it goes to. */
    private record Act<T>(Class<T> request, BiFunction<String, T, DecisionView> send) {

        DecisionView send(String courseId, Object body) {
            return send.apply(courseId, request.cast(body));
        }
    }

    /** Form fields that may be given more than once, read as a list (check boxes). */
    private static final Set<String> LISTS = Set.of("setting", "seriousness");
    /** Form fields that hold a list as words separated by commas (codes a person types). */
    private static final Set<String> COMMA_LISTS = Set.of("profile.diagnoses", "profile.history", "profile.medications");
    /** Form fields that hold a clinical time: a browser's date and time field gives it in the clinic's zone. */
    private static final Set<String> CLINICAL_TIMES = Set.of("at", "vitals.measuredAt");
    /** Form fields that only carry the act (the CSRF token, the signer's password), never part of the request. */
    private static final Set<String> NOT_REQUEST = Set.of("_csrf", "signaturePassword");

    private final CourseController api;
    private final ObjectMapper json;
    private final Validator validator;
    private final SignedActs signatures;
    private final Map<String, Act<?>> acts;
    private final ClinicTime clinic;

    CourseActs(CourseController api, ObjectMapper mapper, Validator validator, SignedActs signatures, ClinicTime clinic) {
        this.clinic = clinic;
        this.api = api;
        this.json = StrictRequestJson.strict(mapper);
        this.validator = validator;
        this.signatures = signatures;
        this.acts = acts(api);
        if (!acts.keySet().equals(Set.copyOf(PageAccess.COURSE_ACTS))) {
            throw new IllegalStateException("the page acts " + acts.keySet() + " are not those the page access rules name "
                    + PageAccess.COURSE_ACTS);
        }
    }

    private static Map<String, Act<?>> acts(CourseController api) {
        Map<String, Act<?>> acts = new LinkedHashMap<>();
        acts.put("consent", new Act<>(CourseRequests.At.class, api::consent));
        acts.put("preparation-sessions", new Act<>(CourseRequests.At.class, api::preparation));
        acts.put("dose-approvals", new Act<>(CourseRequests.DoseApproval.class, api::approveDose));
        acts.put("sessions", new Act<>(CourseRequests.SessionStart.class, api::startSession));
        acts.put("vitals", new Act<>(CourseRequests.Reading.class, api::vitals));
        acts.put("session-scores", new Act<>(CourseRequests.SessionScore.class, api::sessionScore));
        acts.put("adverse-events", new Act<>(CourseRequests.AdverseEvent.class, api::adverseEvent));
        acts.put("discharge", new Act<>(CourseRequests.Discharge.class, api::discharge));
        acts.put("integrations", new Act<>(CourseRequests.At.class, api::integration));
        acts.put("outcome-measures", new Act<>(CourseRequests.OutcomeMeasure.class, api::outcome));
        return acts;
    }

    /** Screening from the new-course form: on success, the new course's page. */
    @PostMapping("/pages/courses")
    String screen(@RequestParam MultiValueMap<String, String> form, RedirectAttributes flash) {
        try {
            // the protocol is chosen as one option, "id/version"
            MultiValueMap<String, String> fields = new org.springframework.util.LinkedMultiValueMap<>(form);
            String chosen = fields.getFirst("protocolVersion");
            fields.remove("protocolVersion");
            if (chosen != null && chosen.contains("/")) {
                fields.add("protocol.id", chosen.substring(0, chosen.lastIndexOf('/')));
                fields.add("protocol.version", chosen.substring(chosen.lastIndexOf('/') + 1));
            }
            Object body = request(fields, CourseRequests.Screen.class);
            CourseView course = api.screen((CourseRequests.Screen) body).getBody();
            flash.addFlashAttribute("answer", new Answer("screening", course.eligible() ? "allowed" : "recorded",
                    course.screeningFindings(), null));
            return "redirect:/pages/courses/" + UriUtils.encodePathSegment(course.courseId(), StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            flash.addFlashAttribute("answer", problem("screening", e));
            flash.addFlashAttribute("form", form.toSingleValueMap());
            return "redirect:/pages/courses/new";
        }
    }

    @PostMapping("/pages/courses/{courseId}/{act}")
    String act(@PathVariable String courseId, @PathVariable String act, @RequestParam MultiValueMap<String, String> form,
               HttpServletRequest request, RedirectAttributes flash) {
        Act<?> chosen = acts.get(act);
        if (chosen == null) {
            throw new org.springframework.web.server.ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND);
        }
        Answer answer;
        try {
            Object body = request(form, chosen.request());
            String apiPath = "/api/v1/courses/" + courseId + "/" + act;
            if (SignedActs.meaningOf("POST", apiPath).isPresent()) {
                signatures.signFromPage(request, form.getFirst("signaturePassword"));
            }
            DecisionView decision = chosen.send(courseId, body);
            answer = new Answer(act, decision.outcome(), decision.findings(), null);
        } catch (RuntimeException e) {
            answer = problem(act, e);
        }
        flash.addFlashAttribute("answer", answer);
        return "redirect:/pages/courses/" + UriUtils.encodePathSegment(courseId, StandardCharsets.UTF_8) + "#answer";
    }

    /** The form read as the API's JSON request: dotted names nest ({@code vitals.systolic}), empty fields are absent. */
    private <T> T request(MultiValueMap<String, String> form, Class<T> type) {
        Map<String, Object> body = new TreeMap<>();
        form.forEach((name, values) -> {
            List<String> given = values.stream().filter(v -> v != null && !v.isBlank()).map(String::trim).toList();
            if (NOT_REQUEST.contains(name) || given.isEmpty()) {
                return;
            }
            if (CLINICAL_TIMES.contains(name)) {
                put(body, name, clinicalTime(name, given.get(0)));
            } else if (COMMA_LISTS.contains(name)) {
                put(body, name, java.util.Arrays.stream(given.get(0).split(",")).map(String::trim).filter(w -> !w.isEmpty()).toList());
            } else {
                put(body, name, LISTS.contains(name) ? given : given.get(0));
            }
        });
        T request;
        try {
            request = json.convertValue(body, type);
        } catch (IllegalArgumentException unreadable) {
            throw new PageInputRefused(readable(unreadable));
        }
        Set<ConstraintViolation<T>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new PageInputRefused(violations.stream().map(v -> v.getPropertyPath() + " " + v.getMessage()).sorted()
                    .reduce((a, b) -> a + "; " + b).orElseThrow());
        }
        return request;
    }

    /** A clinical time typed on the page, read in the clinic's zone (ClinicTime), as the API's ISO 8601 text. */
    private String clinicalTime(String field, String value) {
        try {
            return clinic.parse(field, value).toString();
        } catch (IllegalArgumentException refused) {
            throw new PageInputRefused(refused.getMessage());
        }
    }

    /** Puts a field at its dotted path; a field that is both a value and a group of fields is no request. */
    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> body, String name, Object value) {
        String[] path = name.split("\\.");
        Map<String, Object> at = body;
        for (int i = 0; i < path.length - 1; i++) {
            Object next = at.computeIfAbsent(path[i], k -> new TreeMap<>());
            if (!(next instanceof Map)) {
                throw new PageInputRefused(name + ": " + path[i] + " is given as a value and as a group of fields");
            }
            at = (Map<String, Object>) next;
        }
        if (at.get(path[path.length - 1]) instanceof Map) {
            throw new PageInputRefused(name + " is given as a value and as a group of fields");
        }
        at.put(path[path.length - 1], value);
    }

    /** Jackson's message names the field by its path; the rest of its text (the source location) is not for people. */
    private static String readable(IllegalArgumentException unreadable) {
        Throwable cause = unreadable.getCause() instanceof com.fasterxml.jackson.databind.JsonMappingException mapping ? mapping : unreadable;
        if (cause instanceof com.fasterxml.jackson.databind.JsonMappingException mapping) {
            String field = mapping.getPath().stream().map(r -> r.getFieldName() == null ? "[" + r.getIndex() + "]" : r.getFieldName())
                    .reduce((a, b) -> a + "." + b).orElse("input");
            String reason = mapping.getOriginalMessage();
            return field + ": " + (reason.length() > 200 ? reason.substring(0, 200) + "..." : reason);
        }
        return unreadable.getMessage();
    }

    /** What the engine answered instead of a decision: each is what the API would have answered with its problem. */
    private static Answer problem(String act, RuntimeException e) {
        if (e instanceof SafetyRefusal refusal) {
            DecisionView decision = DecisionView.of(refusal.courseId(), refusal.decision());
            return new Answer(act, "refused", decision.findings(), null);
        }
        if (e instanceof PageInputRefused || e instanceof CourseException || e instanceof IllegalArgumentException
                || e instanceof SignedActs.SignatureRefused || e instanceof org.kap.api.courses.CourseNotFound) {
            return new Answer(act, "not taken", List.of(), e.getMessage());
        }
        if (e instanceof org.axonframework.messaging.timeout.AxonTimeoutException) {
            return new Answer(act, "not taken", List.of(), "the engine ran out of time for this act and stopped it; "
                    + "nothing was recorded: send it again");
        }
        if (e instanceof ConcurrencyException) {
            return new Answer(act, "not taken", List.of(), "another act on this course was recorded at the same moment; "
                    + "nothing was recorded for this one: send it again");
        }
        throw e;
    }

    /** A form whose fields do not make the API's request: nothing was sent. */
    static final class PageInputRefused extends RuntimeException {
        PageInputRefused(String reason) {
            super(reason);
        }
    }
}
