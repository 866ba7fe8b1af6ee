package org.kap.api.errors;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.kap.api.KapProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/** An oversized request body is malformed input: answered 400 before anything reads it. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestSizeFilter extends OncePerRequestFilter {

    private final long maxBytes;
    private final ObjectMapper json;

    RequestSizeFilter(KapProperties properties, ObjectMapper json) {
        this.maxBytes = properties.maxRequestBytes();
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long length = request.getContentLengthLong();
        if (length > maxBytes) {
            var problem = Problems.of(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request",
                    "body: " + length + " bytes; requests carry at most " + maxBytes);
            problem.setProperty("errors", java.util.List.of(new ProblemHandler.FieldError("body",
                    length + " bytes is more than the " + maxBytes + " allowed")));
            Problems.write(response, json, problem);
            return;
        }
        chain.doFilter(request, response);
    }
}
