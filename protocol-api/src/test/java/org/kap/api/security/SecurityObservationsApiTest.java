package org.kap.api.security;

import org.junit.jupiter.api.Test;
import org.kap.api.ApiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.ObservationFilterChainDecorator;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Security observes nothing of its own (issue 17's profile found its observations, one around every filter,
 * among the costliest frames of a command), while every request is still timed.
 */
class SecurityObservationsApiTest extends ApiTest {

    @Autowired
    ApplicationContext context;

    @Test
    void security_wraps_no_filter_in_an_observation_and_the_requests_timer_stays() {
        FilterChainProxy chains = context.getBean("springSecurityFilterChain", FilterChainProxy.class);
        Object decorator = ReflectionTestUtils.getField(chains, "filterChainDecorator");
        assertThat(decorator).as("the filters run as they are, not each inside an observation")
                .isNotNull().isNotInstanceOf(ObservationFilterChainDecorator.class);

        assertThat(get("auditor", "/api/v1/protocols").status()).isEqualTo(200);
        Answer metrics = get("admin", "/actuator/metrics");
        assertThat(metrics.status()).isEqualTo(200);
        var names = new java.util.ArrayList<String>();
        metrics.body().at("/names").forEach(name -> names.add(name.asText()));
        assertThat(names).contains("http.server.requests").noneMatch(name -> name.startsWith("spring.security"));
    }
}
