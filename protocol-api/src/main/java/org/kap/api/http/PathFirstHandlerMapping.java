package org.kap.api.http;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.PathContainer;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Spring MVC's mapping of requests to controller methods, with a mapping's path tried before its other conditions. A
 * request whose path has variables ({@code /api/v1/courses/{courseId}/vitals}) is held against every mapping of the
 * engine, some eighty, and Spring checks each one's method, parameters, headers, content type and accepted types before
 * its path, which nearly all of them fail on: 7% of the engine's CPU under load went to finding a request's controller
 * method (docs/benchmarks.md). Here a mapping is first held to its path's length, the number of segments and separators
 * a path it matches has (a pattern without {@code **} or a {@code {*rest}} capture matches paths of one length only),
 * then to its patterns, then to all of Spring's checks. A mapping matches only when every condition holds, so trying
 * the path first changes which mappings match in no case (a test holds it to Spring's own order for every path the
 * engine maps, with every method and media type); a request no mapping takes is still answered as Spring answers it
 * (404, 405, 406 or 415), from all the mappings.
 */
public final class PathFirstHandlerMapping extends RequestMappingHandlerMapping {

    /** The parsed path of the request being looked up on this thread, read once rather than once per mapping. */
    private static final ThreadLocal<PathContainer> LOOKING_UP = new ThreadLocal<>();

    /**
     * Each mapping's patterns with their path lengths, worked out on the mapping's first lookup (a mapping's hash is
     * computed once, when it is made): read for every mapping on every lookup, so no sorted set is walked and no
     * pattern hashed then.
     */
    private final Map<RequestMappingInfo, Paths> paths = new ConcurrentHashMap<>();

    /** A mapping's patterns, and the length of the paths each matches, or {@link #ANY_LENGTH}. */
    private record Paths(PathPattern[] patterns, int[] lengths) {

        static Paths of(PathPatternsRequestCondition condition) {
            PathPattern[] patterns = condition.getPatterns().toArray(PathPattern[]::new);
            int[] lengths = new int[patterns.length];
            for (int i = 0; i < patterns.length; i++) {
                lengths[i] = lengthOf(patterns[i]);
            }
            return new Paths(patterns, lengths);
        }

        boolean anyMatches(PathContainer path) {
            int length = path.elements().size();
            for (int i = 0; i < patterns.length; i++) {
                // one more: a trailing separator, which a pattern parser may be set to let through
                boolean possible = lengths[i] == ANY_LENGTH || length == lengths[i] || length == lengths[i] + 1;
                if (possible && patterns[i].matches(path)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final int ANY_LENGTH = -1;

    @Override
    protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request) throws Exception {
        LOOKING_UP.set(parsedPath(request));
        try {
            return super.lookupHandlerMethod(lookupPath, request);
        } finally {
            LOOKING_UP.remove();
        }
    }

    @Override
    protected RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
        PathPatternsRequestCondition condition = info.getPathPatternsCondition();
        // without patterns or a parsed path (an application set to Spring's older path matcher): Spring's checks alone
        if (condition != null) {
            PathContainer path = LOOKING_UP.get() != null ? LOOKING_UP.get() : parsedPath(request);
            if (path != null && !paths(info, condition).anyMatches(path)) {
                return null;
            }
        }
        return super.getMatchingMapping(info, request);
    }

    private Paths paths(RequestMappingInfo info, PathPatternsRequestCondition condition) {
        Paths known = paths.get(info);
        return known != null ? known : paths.computeIfAbsent(info, i -> Paths.of(condition));
    }

    private static PathContainer parsedPath(HttpServletRequest request) {
        return ServletRequestPathUtils.hasParsedRequestPath(request)
                ? ServletRequestPathUtils.getParsedRequestPath(request).pathWithinApplication() : null;
    }

    /**
     * The elements (separators and segments) of every path the pattern matches: each of its separators and segments
     * matches exactly one of a path's, a variable as much as a literal, unless the pattern has a part that matches
     * many ({@code **}, {@code {*rest}}) or a variable whose expression holds a separator; those match any length.
     */
    private static int lengthOf(PathPattern pattern) {
        String text = pattern.getPatternString();
        if (text.contains("**") || text.contains("{*") || text.matches(".*\\{[^}]*/.*")) {
            return ANY_LENGTH;
        }
        return PathContainer.parsePath(text).elements().size();
    }

    /** Spring Boot configures this mapping as it would its own (interceptors, content negotiation, path parsing). */
    @Configuration(proxyBeanMethods = false)
    static class Registration {

        @Bean
        WebMvcRegistrations pathFirstHandlerMapping() {
            return new WebMvcRegistrations() {
                @Override
                public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
                    return new PathFirstHandlerMapping();
                }
            };
        }
    }
}
