package org.kap.api.http;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.PathContainer;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Spring MVC's mapping of requests to controller methods, with a mapping's path tried before its other conditions.
 * A request whose path has variables ({@code /api/v1/courses/{courseId}/vitals}) is held against every mapping of the
 * engine, some eighty, and Spring checks each one's method, parameters, headers, content type and accepted types
 * (the last two parse the request's headers again for every mapping) before its path, which nearly all of them fail
 * on: six per cent of a cheap command's CPU (docs/benchmarks.md). A mapping matches only when every condition holds,
 * so checking the path first, a match of the already parsed path against a few patterns, changes which mappings
 * match in no case; the mapping that matches then goes through all of Spring's checks as before, and a request no
 * mapping takes is still answered as Spring would (404, 405, 406 or 415), from all mappings.
 */
public final class PathFirstHandlerMapping extends RequestMappingHandlerMapping {

    @Override
    protected RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
        PathPatternsRequestCondition paths = info.getPathPatternsCondition();
        if (paths != null && !anyMatches(paths, ServletRequestPathUtils.getParsedRequestPath(request).pathWithinApplication())) {
            return null;
        }
        return super.getMatchingMapping(info, request);
    }

    private static boolean anyMatches(PathPatternsRequestCondition paths, PathContainer path) {
        for (PathPattern pattern : paths.getPatterns()) {
            if (pattern.matches(path)) {
                return true;
            }
        }
        return false;
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
