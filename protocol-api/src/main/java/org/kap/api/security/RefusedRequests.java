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

    /** Who a refused request came from when it signed no one in; in parentheses, so as not to read as a user's name. */
    String ANONYMOUS = "(anonymous)";

    void unauthenticated(HttpServletRequest request);

    void forbidden(HttpServletRequest request, Authentication who);

    /**
     * A 403 of a page's form sent without its session's CSRF token: a form that outlived its session, or a request forged
     * by another site. Not a refusal for the role.
     */
    void formRefused(HttpServletRequest request, Authentication who);

    /**
     * A throttle started refusing a client (429): recorded once per throttled period, not per request, so
     * a flood cannot fill the records.
     *
     * @param who    the user name tried, or {@link #ANONYMOUS}
     * @param action what is throttled: {@code unauthenticated-throttled} or {@code sign-in-locked}
     */
    void throttled(HttpServletRequest request, String who, String action);
}
