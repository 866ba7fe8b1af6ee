package org.kap.api.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;

/**
 * Where the requests the security layer refuses are kept (the access records). The layer reports
 * every 401 it answers (no credentials, or credentials that did not sign anyone in) and every 403
 * (a signed-in user whose role the endpoint table does not allow), exactly once each. Keeping the
 * record must never change the answer.
 */
public interface RefusedRequests {

    void unauthenticated(HttpServletRequest request);

    void forbidden(HttpServletRequest request, Authentication who);
}
