package org.kap.api;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.stream.Collectors;

/** Tells the person who started the engine where it is, where its docs are, and who can log in. */
@Component
class ReadyBanner {

    private static final Logger log = LoggerFactory.getLogger(ReadyBanner.class);

    private final Environment env;
    private final KapProperties properties;

    ReadyBanner(Environment env, KapProperties properties) {
        this.env = env;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        String base = "http://localhost:" + env.getProperty("local.server.port", env.getProperty("server.port", "8080"));
        List<KapProperties.User> users = properties.security() == null || properties.security().users() == null
                ? List.of() : properties.security().users();
        String who = env.matchesProfiles("jwt") ? "bearer tokens (jwt profile)"
                : users.stream().map(u -> u.name() + " (" + u.role().name().toLowerCase() + ")").collect(Collectors.joining(", "))
                // the demo password rule is the embedded default's; a production profile never advertises it
                + (env.matchesProfiles("postgres") ? "" : "; demo passwords are <name>-demo");
        log.info("""

                  KAP protocol engine is ready
                    pages      {}{}
                    API        {}/api/v1
                    API docs   {}/swagger-ui.html  (OpenAPI: {}/v3/api-docs)
                    health     {}/actuator/health
                    users      {}
                """, base, env.matchesProfiles("jwt") ? "/  (not served under the jwt profile)" : "/  (sign in with a user below)",
                base, base, base, base, who);
    }
}
