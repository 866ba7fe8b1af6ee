package org.kap.api.http;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The browser-facing security headers on every answer: no framing, no third-party content, no referrer
 * leaking course ids in URLs, no content sniffing. Spring Security writes them on what passes its filters;
 * answers given before them (a refused body, a container error) set them here.
 */
public final class SecurityHeaders {

    /** Only the engine's own pages and scripts (the API docs), never framed; inline styles for the API docs' page. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private SecurityHeaders() {
    }

    public static void apply(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate");
    }
}
