package org.kap.api.errors;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;

/**
 * Errors raised outside Spring MVC (a filter's {@code sendError}, the security firewall refusing a path,
 * an exception escaping a filter) reach the container's error page, {@code /error}; it answers them as
 * problem+json like every other error. Asked for directly, {@code /error} is not a resource: 404.
 */
@RestController
@io.swagger.v3.oas.annotations.Hidden
class ProblemErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

    private final ObjectMapper json;

    ProblemErrorController(ObjectMapper json) {
        this.json = json;
    }

    @RequestMapping("/error")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null ? HttpStatus.valueOf(value)
                : code == null ? HttpStatus.NOT_FOUND : HttpStatus.INTERNAL_SERVER_ERROR;
        Throwable failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable t ? t : null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestBodyRefused refused) {
                response.resetBuffer();
                Problems.write(response, json, RequestLimitsFilter.refusedBody(refused));
                return;
            }
            if (cause instanceof org.springframework.http.converter.HttpMessageNotReadableException
                    || cause instanceof org.springframework.security.web.firewall.RequestRejectedException) {
                // a body or parameters a filter could not read: the client's input, not the engine, is at fault
                status = HttpStatus.BAD_REQUEST;
                failure = null;
                break;
            }
        }
        if (failure != null && status.is5xxServerError()) {
            log.error("unexpected failure outside the controllers", failure);
        }
        String detail = switch (status) {
            case NOT_FOUND -> "no such resource";
            case BAD_REQUEST -> "the request could not be read (its path, headers or encoding are malformed)";
            case INTERNAL_SERVER_ERROR -> "the engine could not answer; nothing was recorded unless the answer says so. "
                    + "The failure is logged.";
            default -> status.getReasonPhrase();
        };
        response.resetBuffer();
        Problems.write(response, json, Problems.of(status, Problems.typeOf(status.value()), status.getReasonPhrase(), detail));
    }
}
