package org.kap.api.http;

import org.junit.jupiter.api.Test;
import org.kap.api.ApiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine's controllers are mapped by {@link PathFirstHandlerMapping}, and it picks for every request exactly the
 * mappings Spring's own order of checks picks: each of the engine's mappings is held against requests to every path
 * the engine maps, with every method and the content and accepted types the API sees, both ways.
 */
class PathFirstHandlerMappingApiTest extends ApiTest {

    private static final String PREFLIGHT = "pre-flight";
    /** The methods, and a CORS pre-flight (an OPTIONS request asking for a POST), which Spring matches apart. */
    private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", PREFLIGHT);
    private static final List<String> ACCEPTS = List.of("", "application/json", "text/html", "application/problem+json",
            "text/csv", "image/png");
    private static final List<String> CONTENT_TYPES = List.of("", "application/json", "text/plain",
            "application/x-www-form-urlencoded");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mapping;

    @Test
    void theControllersAreMappedPathFirst() {
        assertThat(mapping).isInstanceOf(PathFirstHandlerMapping.class);
        assertThat(mapping.getHandlerMethods()).as("the engine's mappings").hasSizeGreaterThan(50);
    }

    @Test
    void everyRequestMatchesTheMappingsSpringsOwnOrderMatches() {
        PathFirstHandlerMapping pathFirst = (PathFirstHandlerMapping) mapping;
        Set<RequestMappingInfo> infos = mapping.getHandlerMethods().keySet();
        int compared = 0;
        int matched = 0;
        for (String path : paths(infos)) {
            for (String method : METHODS) {
                for (String accept : ACCEPTS) {
                    for (String contentType : CONTENT_TYPES) {
                        MockHttpServletRequest request = request(method, path, accept, contentType);
                        for (RequestMappingInfo info : infos) {
                            RequestMappingInfo spring = info.getMatchingCondition(request);
                            assertThat(pathFirst.getMatchingMapping(info, request))
                                    .as("%s %s (Accept %s, Content-Type %s) against %s", method, path, accept, contentType, info)
                                    .isEqualTo(spring);
                            compared++;
                            matched += spring == null ? 0 : 1;
                        }
                    }
                }
            }
        }
        assertThat(compared).isGreaterThan(100_000);
        assertThat(matched).as("requests some mapping takes").isGreaterThan(1_000);
    }

    /**
     * A request the security rules let through (they refuse every method and path they do not name, so no request
     * reaches a 404 or 405) that no mapping takes for its content type: Spring's answer, from all the mappings.
     */
    @Test
    void aBodyOfATypeNoMappingTakesIsRefusedAsSpringRefusesIt() {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth("clinician", "clinician-demo");
        headers.setContentType(MediaType.TEXT_PLAIN);
        var wrongType = http.exchange("/api/v1/courses/course-1/vitals", HttpMethod.POST, new HttpEntity<>("x", headers), String.class);
        assertThat(wrongType.getStatusCode().value()).isEqualTo(415);
        assertThat(wrongType.getHeaders().getAccept()).contains(MediaType.APPLICATION_JSON);
    }

    /**
     * Each mapped path pattern with its variables filled in, each of those with a trailing separator, and paths no
     * pattern has as written: the root, empty segments, an encoded letter (Spring matches the decoded segment).
     */
    private static Set<String> paths(Set<RequestMappingInfo> infos) {
        Set<String> paths = new LinkedHashSet<>();
        for (RequestMappingInfo info : infos) {
            for (PathPattern pattern : info.getPathPatternsCondition().getPatterns()) {
                paths.add(pattern.getPatternString().replaceAll("\\{\\*?[^}]+}", "x-1").replace("**", "x/y"));
            }
        }
        for (String path : List.copyOf(paths)) {
            paths.add(path + "/");
        }
        paths.addAll(List.of("/api/v1/nowhere/x-1", "", "/", "//api/v1/courses", "/api/v1/courses//vitals",
                "/api/v1/cour%73es/x-1/vitals", "/api/v1/courses/x%2D1", "/api/v1/courses/x-1;a=b/vitals"));
        return paths;
    }

    private static MockHttpServletRequest request(String method, String path, String accept, String contentType) {
        MockHttpServletRequest request = new MockHttpServletRequest(method.equals(PREFLIGHT) ? "OPTIONS" : method, path);
        if (method.equals(PREFLIGHT)) {
            request.addHeader(HttpHeaders.ORIGIN, "https://clinic.example");
            request.addHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST");
        }
        if (!accept.isEmpty()) {
            request.addHeader(HttpHeaders.ACCEPT, accept);
        }
        if (!contentType.isEmpty()) {
            request.setContentType(contentType);
        }
        ServletRequestPathUtils.parseAndCache(request);
        return request;
    }
}
