package org.kap.api.security;

import org.junit.jupiter.api.Test;
import org.kap.api.ApiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.DefaultSecurityFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The security chains match requests by path patterns and run without Spring MVC's handler lookup in front of them
 * (RequestMatching says why); what each role may call is the access matrix's to test.
 */
class RequestMatchingApiTest extends ApiTest {

    @Autowired
    ApplicationContext context;

    @Test
    void the_filter_chain_has_no_handler_lookup_in_front() {
        Object chain = context.getBean(RequestMatching.FILTER_CHAIN);
        assertThat(chain).isInstanceOf(FilterChainProxy.class);
        // Spring Security's web configuration wraps the chain in a filter that parses the request's path once (kept)
        // and, when Spring MVC is present, in another that looks its handler up first (taken away)
        assertThat(chain.getClass().getName()).doesNotContain("WebMvcSecurityConfiguration");
    }

    @Test
    void the_pages_chain_is_chosen_by_path_patterns() {
        SecurityFilterChain pages = context.getBean("pages", SecurityFilterChain.class);
        var matcher = ((DefaultSecurityFilterChain) pages).getRequestMatcher();
        assertThat(matcher).isInstanceOf(OrRequestMatcher.class);
        // PathPatternRequestMatcher names itself "PathPattern [...]"; an MvcRequestMatcher would be "Mvc [pattern=...]"
        assertThat(matcher.toString()).contains("PathPattern [/pages/**]").doesNotContain("Mvc");
    }

    @Test
    void an_api_request_and_a_page_are_still_answered_through_their_chains() {
        assertThat(get("clinician", "/api/v1/protocols").status()).isEqualTo(200);
        assertThat(get(null, "/api/v1/protocols").status()).isEqualTo(401);
        assertThat(http.getForEntity("/login", String.class).getStatusCode().value()).isEqualTo(200);
    }
}
