package org.kap.api.security;

import org.kap.core.rule.Role;
import org.springframework.http.HttpMethod;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Who may open or act on which page. A page holds no role rules of its own: each page path stands for the API endpoint
 * it reads or sends the command of, and takes that endpoint's roles from {@link EndpointAccess}. So a page can never
 * show or do more than the same user could through the API, and a change to the API's table changes the pages with it.
 */
public final class PageAccess {

    /** A page path ({@code *} one path segment) and the API endpoint whose roles it takes. */
    public record PageRule(HttpMethod method, String path, HttpMethod apiMethod, String apiPath) {

        /** The roles of the API endpoint this page stands for; an endpoint missing from the API's table is a bug. */
        public Set<Role> roles() {
            return EndpointAccess.RULES.stream().filter(r -> r.method() == apiMethod && r.path().equals(apiPath))
                    .map(EndpointAccess.Rule::roles).findFirst()
                    .orElseThrow(() -> new IllegalStateException(method + " " + path + " stands for " + apiMethod + " "
                            + apiPath + ", which the API's endpoint table does not hold"));
        }
    }

    private static final String COURSE_PAGE = "/pages/courses/*";
    private static final String COURSE_API = "/api/v1/courses/*";

    /**
     * The course acts a page offers as forms: each posts to the page path named like the API's, and sends that
     * endpoint's command.
     */
    public static final List<String> COURSE_ACTS = List.of("consent", "preparation-sessions", "dose-approvals", "sessions",
            "vitals", "session-scores", "adverse-events", "discharge", "integrations", "outcome-measures");

    public static final List<PageRule> RULES = rules();

    private static List<PageRule> rules() {
        List<PageRule> rules = new ArrayList<>(List.of(
                new PageRule(HttpMethod.GET, "/pages/courses/new", HttpMethod.POST, "/api/v1/courses"),
                new PageRule(HttpMethod.POST, "/pages/courses", HttpMethod.POST, "/api/v1/courses"),
                // the course and its overview: the two have the same roles, and the overview's rule is the one named
                new PageRule(HttpMethod.GET, COURSE_PAGE, HttpMethod.GET, COURSE_API + "/overview"),
                new PageRule(HttpMethod.GET, COURSE_PAGE + "/audit", HttpMethod.GET, COURSE_API + "/history"),
                new PageRule(HttpMethod.POST, COURSE_PAGE + "/what-if", HttpMethod.POST, COURSE_API + "/what-if"),
                new PageRule(HttpMethod.GET, COURSE_PAGE + "/verification", HttpMethod.GET, COURSE_API + "/verification"),
                new PageRule(HttpMethod.GET, COURSE_PAGE + "/downloads/*", HttpMethod.GET, COURSE_API + "/export"),
                new PageRule(HttpMethod.GET, COURSE_PAGE + "/sessions/*/monitoring-form", HttpMethod.GET,
                        COURSE_API + "/sessions/*/monitoring-form"),
                new PageRule(HttpMethod.GET, "/pages/protocols/workbench", HttpMethod.POST, "/api/v1/protocol-checks"),
                new PageRule(HttpMethod.POST, "/pages/protocols/check", HttpMethod.POST, "/api/v1/protocol-checks"),
                new PageRule(HttpMethod.POST, "/pages/protocols/dry-run", HttpMethod.POST, "/api/v1/protocol-checks"),
                new PageRule(HttpMethod.POST, "/pages/protocols", HttpMethod.POST, "/api/v1/protocols")));
        COURSE_ACTS.forEach(act -> rules.add(new PageRule(HttpMethod.POST, COURSE_PAGE + "/" + act, HttpMethod.POST,
                COURSE_API + "/" + act)));
        return List.copyOf(rules);
    }

    /** Whether the API's endpoint table lets {@code role} call the endpoint: a page shows no more than that. */
    public static boolean apiAllows(Role role, HttpMethod method, String apiPath) {
        return EndpointAccess.RULES.stream().anyMatch(r -> r.method() == method && r.path().equals(apiPath) && r.roles().contains(role));
    }

    private PageAccess() {
    }
}
