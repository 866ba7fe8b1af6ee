package org.kap.api.security;

import org.kap.api.KapProperties;
import org.springframework.context.annotation.Profile;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The demo users' passwords ({@code <name>-demo}) are published in the README. The production profile
 * ({@code postgres}) refuses to start while any configured user still has its demo password, unless
 * {@code kap.security.allow-demo-passwords=true} says plainly that this is a demonstration. It checks the
 * hashes once, at start, never per request.
 */
@Component
@Profile("postgres & !jwt")
class DemoPasswordGuard {

    DemoPasswordGuard(KapProperties properties, org.springframework.core.env.Environment env) {
        if (env.getProperty("kap.security.allow-demo-passwords", Boolean.class, false)) {
            return;
        }
        List<KapProperties.User> users = properties.security() == null || properties.security().users() == null
                ? List.of() : properties.security().users();
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        List<String> demo = users.stream().filter(u -> encoder.matches(u.name() + "-demo", u.password()))
                .map(KapProperties.User::name).toList();
        if (!demo.isEmpty()) {
            throw new IllegalStateException("the postgres profile will not start with the demo passwords of " + demo
                    + " (they are published in the README): configure your users under kap.security.users with their own "
                    + "bcrypt hashes, or run with the jwt profile; kap.security.allow-demo-passwords=true allows them for a demonstration");
        }
    }
}
