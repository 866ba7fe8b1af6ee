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
 * A page that cannot be shown answers with a page saying why, not with the API's problem JSON: a course or a protocol
 * that does not exist, an address that is not well formed. Anything else reaches the API's problem handler (logged,
 * answered 500 with nothing recorded).
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
}
