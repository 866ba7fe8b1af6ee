package org.kap.api.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConstructorArgumentValues;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.web.PathPatternRequestMatcherBuilderFactoryBean;

import java.util.List;

/**
 * How the security chains match a request to the endpoint table: by the table's own path patterns, parsed once at
 * start, not by asking Spring MVC which handler the request would reach.
 * <p>
 * Spring Security 6 matches a path given as text with an {@code MvcRequestMatcher}, which asks Spring MVC's handler
 * mappings about the request; so that it asks once per request, not once per rule, Spring Security wraps its filter
 * chain in a filter that looks up the request's handler before anything else, for every request. Measured under one
 * client's cheap commands, that lookup and the matchers were 11% of the engine's CPU samples (docs/benchmarks.md), on
 * top of the lookup Spring MVC makes itself to dispatch. With the table's patterns parsed into
 * {@code PathPatternRequestMatcher}s (the same {@code PathPattern} syntax and defaults as the controllers' mappings,
 * and Spring Security 7's default), nothing asks Spring MVC, so the wrapping filter is taken away again. What each
 * role may call is unchanged: the access matrix tests every endpoint for every role.
 */
@Configuration(proxyBeanMethods = false)
class RequestMatching {

    private static final Logger log = LoggerFactory.getLogger(RequestMatching.class);
    static final String FILTER_CHAIN = "springSecurityFilterChain";
    private static final String WRAPPER =
            "org.springframework.security.config.annotation.web.configuration.WebMvcSecurityConfiguration$CompositeFilterChainProxy";
    private static final String LOOKUP_CACHE = "HandlerMappingIntrospectorCacheFilterFactoryBean";

    /** Every {@code requestMatchers("/path")} and {@code securityMatcher("/path")} becomes a path-pattern matcher. */
    @Bean
    static PathPatternRequestMatcherBuilderFactoryBean pathPatternMatchers() {
        return new PathPatternRequestMatcherBuilderFactoryBean();
    }

    /**
     * Puts back the filter chain as Spring Security built it (behind the filter that parses the request's path once,
     * which path patterns use), without the handler lookup in front (which only {@code MvcRequestMatcher}s use). Runs after every bean definition is registered, so after the wrapping; if a
     * later Spring Security wraps the chain otherwise, the chain is left as it is and a warning says so.
     */
    @Bean
    static BeanFactoryPostProcessor withoutHandlerLookupPerRequest() {
        return beanFactory -> {
            if (!(beanFactory instanceof BeanDefinitionRegistry registry) || !registry.containsBeanDefinition(FILTER_CHAIN)) {
                return;
            }
            BeanDefinition chain = registry.getBeanDefinition(FILTER_CHAIN);
            if (!WRAPPER.equals(chain.getBeanClassName())) {
                return;
            }
            ConstructorArgumentValues.ValueHolder wrapped = chain.getConstructorArgumentValues().getIndexedArgumentValue(0, List.class);
            if (wrapped != null && wrapped.getValue() instanceof List<?> filters && filters.size() == 2
                    && filters.get(0) instanceof BeanDefinition lookup && lookup.getBeanClassName() != null
                    && lookup.getBeanClassName().endsWith(LOOKUP_CACHE) && filters.get(1) instanceof BeanDefinition built) {
                registry.removeBeanDefinition(FILTER_CHAIN);
                registry.registerBeanDefinition(FILTER_CHAIN, built);
            } else {
                log.warn("Spring Security's filter chain is wrapped in a way this engine does not know; left as it is, "
                        + "so each request may pay a handler lookup before the security filters");
            }
        };
    }
}
