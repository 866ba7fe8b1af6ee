package org.kap.api.errors;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.axonframework.messaging.timeout.AxonTimeoutException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.kap.api.courses.CourseNotFound;
import org.kap.api.courses.DecisionView;
import org.kap.api.courses.SafetyRefusal;
import org.kap.api.protocols.ProtocolVersionConflict;
import org.kap.core.course.ClinicalTimeException;
import org.kap.core.course.CourseStateConflict;
import org.kap.core.course.InvalidCommandException;
import org.kap.core.course.NotPermittedException;
import org.kap.core.course.UnknownReferenceException;
import org.kap.core.protocol.UnknownProtocolException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Every error as problem+json (RFC 9457), never a stack trace: 400 names each bad field and records
 * nothing; 404 for an unknown course or protocol; 409 for a state conflict or a concurrent
 * modification; 422 for a safety refusal, which is already recorded, with its violations; 503 for a request the engine
 * cannot answer now (a command stopped by its time limit, a record that fails its integrity check), which records nothing.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    /** One malformed field and why. */
    public record FieldError(String field, String reason) {
    }

    @ExceptionHandler(SafetyRefusal.class)
    ResponseEntity<ProblemDetail> refused(SafetyRefusal refusal) {
        DecisionView decision = DecisionView.of(refusal.courseId(), refusal.decision());
        ProblemDetail p = Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, "safety-refusal", "Refused by the protocol",
                refusal.decision().refusals().stream().map(Object::toString).collect(Collectors.joining("; ")));
        p.setProperty("courseId", refusal.courseId());
        p.setProperty("violations", decision.findings().stream().filter(f -> f.severity().equals("refusal")).toList());
        p.setProperty("findings", decision.findings());
        return problem(p);
    }

    @ExceptionHandler(InvalidCommandException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidCommandException e) {
        return badRequest(List.of(new FieldError(e.field(), e.getMessage().substring(e.field().length() + 2))));
    }

    @ExceptionHandler(ClinicalTimeException.class)
    ResponseEntity<ProblemDetail> clinicalTime(ClinicalTimeException e) {
        if (e.malformed()) {
            return badRequest(List.of(new FieldError("at", e.getMessage())));
        }
        return problem(Problems.of(HttpStatus.CONFLICT, "clinical-time-order", "Out of order", e.getMessage()));
    }

    @ExceptionHandler(CourseStateConflict.class)
    ResponseEntity<ProblemDetail> conflict(CourseStateConflict e) {
        return problem(Problems.of(HttpStatus.CONFLICT, "state-conflict", "Not possible in the course's current state", e.getMessage()));
    }

    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<ProblemDetail> concurrent(ConcurrencyException e) {
        return problem(Problems.of(HttpStatus.CONFLICT, "concurrent-modification", "The course changed meanwhile",
                "another command changed this course at the same moment; read it again and retry"));
    }

    @ExceptionHandler(org.axonframework.modelling.command.AggregateStreamCreationException.class)
    ResponseEntity<ProblemDetail> createdMeanwhile(org.axonframework.modelling.command.AggregateStreamCreationException e) {
        // two requests (perhaps on two engines) created the same course at the same moment: one of them did
        return problem(Problems.of(HttpStatus.CONFLICT, "state-conflict", "Not possible in the course's current state",
                "a course with this id was created at the same moment by another request; read it"));
    }

    @ExceptionHandler(org.kap.api.protocols.ProtocolLifecycleConflict.class)
    ResponseEntity<ProblemDetail> lifecycleConflict(org.kap.api.protocols.ProtocolLifecycleConflict e) {
        return problem(Problems.of(HttpStatus.CONFLICT, "protocol-lifecycle", "Not possible in the version's lifecycle", e.getMessage()));
    }

    @ExceptionHandler(ProtocolVersionConflict.class)
    ResponseEntity<ProblemDetail> protocolConflict(ProtocolVersionConflict e) {
        return problem(Problems.of(HttpStatus.CONFLICT, "protocol-version-exists", "Version already published", e.getMessage()));
    }

    @ExceptionHandler({CourseNotFound.class, AggregateNotFoundException.class, UnknownReferenceException.class,
            UnknownProtocolException.class, org.kap.api.protocols.UnknownLibraryException.class,
            org.kap.api.audit.UnknownSigningKey.class})
    ResponseEntity<ProblemDetail> notFound(RuntimeException e) {
        String detail = e instanceof AggregateNotFoundException ? "no such course" : e.getMessage();
        return problem(Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not found", detail));
    }

    /** The compiler changed under a published version: the engine will not decide under a meaning nobody published. */
    @ExceptionHandler(org.kap.api.protocols.ProtocolMeaningChanged.class)
    ResponseEntity<ProblemDetail> protocolMeaning(org.kap.api.protocols.ProtocolMeaningChanged e) {
        ProblemDetail p = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "protocol-meaning-changed",
                "This engine reads the protocol version otherwise than it was published", e.getMessage());
        p.setProperty("differences", e.differences().stream().map(d -> {
            // an entry added or removed has no other side: null, not the text "null"
            java.util.Map<String, Object> difference = new java.util.LinkedHashMap<>();
            difference.put("entry", d.entry());
            difference.put("change", d.change());
            difference.put("published", d.before());
            difference.put("now", d.after());
            return difference;
        }).toList());
        return problem(p);
    }

    /** Not a refusal by the protocol and not the caller's fault: the engine will not decide under a text it cannot vouch for. */
    @ExceptionHandler(org.kap.api.protocols.ProtocolIntegrityException.class)
    ResponseEntity<ProblemDetail> protocolIntegrity(org.kap.api.protocols.ProtocolIntegrityException e) {
        return problem(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "protocol-integrity", "Protocol version fails its integrity check",
                e.getMessage()));
    }

    /** A course whose stored record is not the one signed: nothing more is recorded on it. */
    @ExceptionHandler(org.kap.api.audit.CourseIntegrityException.class)
    ResponseEntity<ProblemDetail> courseIntegrity(org.kap.api.audit.CourseIntegrityException e) {
        return problem(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "course-integrity", "Course record fails its integrity check",
                e.getMessage()));
    }

    /**
     * A command that ran past the engine's time limit (CommandTimeLimit) was stopped inside its unit of work, which
     * rolled back: nothing was recorded, and it is not the caller's fault, so it may be sent again. Answering 500, as
     * for a defect, would leave a clinical system to guess whether to retry.
     */
    @ExceptionHandler(AxonTimeoutException.class)
    ResponseEntity<ProblemDetail> timedOut(AxonTimeoutException e) {
        log.warn("a request ran past the engine's time limit and was answered 503: {}", e.getMessage());
        return problem(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "time-limit", "The engine ran out of time for this request",
                "it ran longer than the engine's time limit and was stopped; nothing was recorded. Send it again (with the"
                        + " same Idempotency-Key, if it had one)."));
    }

    /** A signed act whose signer did not prove who they are at the moment of signing. */
    @ExceptionHandler(org.kap.api.security.SignedActs.SignatureRefused.class)
    ResponseEntity<ProblemDetail> signatureRefused(org.kap.api.security.SignedActs.SignatureRefused e) {
        return problem(Problems.of(HttpStatus.UNAUTHORIZED, "signature-refused", "Signing needs re-authentication",
                e.getMessage() + "; nothing was recorded (docs/security.md, electronic signatures)"));
    }

    @ExceptionHandler(NotPermittedException.class)
    ResponseEntity<ProblemDetail> notPermitted(NotPermittedException e) {
        // the role may act, but not on this record (e.g. correct another author's entry)
        return problem(Problems.of(HttpStatus.FORBIDDEN, "not-permitted", "Not permitted on this record", e.getMessage()));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> illegalArgument(IllegalArgumentException e) {
        // a domain value refused on construction (a negative quantity, SpO2 over 100 %): malformed input
        return badRequest(List.of(new FieldError("body", e.getMessage())));
    }

    @ExceptionHandler(org.springframework.security.web.firewall.RequestRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(org.springframework.security.web.firewall.RequestRejectedException e) {
        // the security firewall refusing what a form body or the query holds (a parameter name it does not allow)
        return badRequest(List.of(new FieldError("body", "has parameter names or values that cannot be read")));
    }

    @ExceptionHandler(RequestBodyRefused.class)
    ResponseEntity<ProblemDetail> bodyRefused(RequestBodyRefused e) {
        return problem(RequestLimitsFilter.refusedBody(e));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        return badRequest(List.of(new FieldError(e.getName(), "cannot read '" + e.getValue() + "'")));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("unexpected failure", e);
        return problem(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error",
                "the engine could not answer; nothing was recorded unless the answer says so. The failure is logged."));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = e.getBindingResult().getFieldErrors().stream()
                .map(f -> new FieldError(f.getField(), f.getDefaultMessage())).toList();
        return cast(badRequest(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RequestBodyRefused refused) {
                // a body cut off while Jackson read it: the limit, not the JSON, is the problem
                return cast(problem(RequestLimitsFilter.refusedBody(refused)));
            }
        }
        Throwable cause = e.getCause();
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            String reason;
            if (cause instanceof UnrecognizedPropertyException) {
                reason = "is not a field of this request";
            } else if (cause instanceof InvalidFormatException format && format.getTargetType() != null
                    && format.getTargetType().isEnum()) {
                reason = "'" + format.getValue() + "' is not one of " + List.of(format.getTargetType().getEnumConstants())
                        .stream().map(c -> c.toString().toLowerCase(java.util.Locale.ROOT)).toList();
            } else if (mapping.getCause() instanceof IllegalArgumentException domain) {
                reason = domain.getMessage();
            } else {
                reason = "cannot be read as " + (cause instanceof InvalidFormatException f && f.getTargetType() != null
                        ? f.getTargetType().getSimpleName() : "the expected type");
            }
            return cast(badRequest(List.of(new FieldError(field, reason))));
        }
        return cast(badRequest(List.of(new FieldError("body", "is not valid JSON for this request"))));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        // Spring MVC's own errors (unsupported media type, method not allowed, ...) as problem+json with a type
        HttpStatus status = HttpStatus.valueOf(statusCode.value());
        String detail = body instanceof ProblemDetail framework && framework.getDetail() != null ? framework.getDetail()
                : status.getReasonPhrase();
        ProblemDetail p = Problems.of(status, Problems.typeOf(status.value()), status.getReasonPhrase(), detail);
        // keep what the framework says the client may use instead: Allow on a 405, Accept on a 415
        return ResponseEntity.status(status).headers(headers).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(p);
    }

    private static ResponseEntity<ProblemDetail> badRequest(List<FieldError> errors) {
        ProblemDetail p = Problems.of(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request",
                errors.stream().map(f -> f.field() + ": " + f.reason()).collect(Collectors.joining("; ")));
        p.setProperty("errors", errors);
        return problem(p);
    }

    private static ResponseEntity<ProblemDetail> problem(ProblemDetail p) {
        return ResponseEntity.status(p.getStatus()).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ResponseEntity<Object> cast(ResponseEntity<ProblemDetail> response) {
        return (ResponseEntity) response;
    }
}
