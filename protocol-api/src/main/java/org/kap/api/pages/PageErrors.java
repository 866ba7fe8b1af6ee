package org.kap.api.pages;

import org.kap.api.courses.CourseNotFound;
import org.kap.core.protocol.UnknownProtocolException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * A page that cannot be shown answers with a page saying why, not with the API's problem JSON, and with the API's
 * status: a course or a protocol that does not exist (404), a request that is not well formed (400), a protocol version
 * or course record that fails its integrity check (503). An act sent from a form is answered on its course's page
 * instead (CourseActs). Anything else reaches the API's problem handler (logged, answered 500 with nothing recorded).
 */
@ControllerAdvice(basePackageClasses = PageErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageErrors {

    @ExceptionHandler({CourseNotFound.class, UnknownProtocolException.class})
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(RuntimeException e, Model model) {
        model.addAttribute("title", "Not found");
        model.addAttribute("message", e.getMessage());
        return "pages/error";
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, org.springframework.web.bind.MissingServletRequestParameterException.class})
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    String malformed(Exception e, Model model) {
        model.addAttribute("title", "Not a page address");
        model.addAttribute("message", "the address is not well formed: " + e.getMessage());
        return "pages/error";
    }

    /** A request the engine names a field of (a session the course does not have, say), as the API's 400 does. */
    @ExceptionHandler(IllegalArgumentException.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    String invalid(IllegalArgumentException e, Model model) {
        model.addAttribute("title", "Not possible");
        model.addAttribute("message", e.getMessage());
        return "pages/error";
    }

    /**
     * A protocol version or a course record that fails its integrity check: the engine decides nothing under it and
     * records nothing on it (503, as the API answers), and the page says so rather than showing a stale or partial view.
     */
    @ExceptionHandler({org.kap.api.protocols.ProtocolIntegrityException.class, org.kap.api.protocols.ProtocolMeaningChanged.class,
            org.kap.api.audit.CourseIntegrityException.class})
    @ResponseStatus(HttpStatus.SERVICE_UNAVAILABLE)
    String integrity(RuntimeException e, Model model) {
        model.addAttribute("title", "Not safe to go on");
        model.addAttribute("message", e.getMessage() + ". Nothing was recorded; tell the engine's administrator "
                + "(docs/audit.md).");
        return "pages/error";
    }
}
