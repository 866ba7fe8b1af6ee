package org.kap.api.security;

import org.kap.api.KapProperties;
import org.kap.core.course.Actor;
import org.kap.core.rule.Role;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Who is acting, from the authenticated principal only (never from a request body): the user id,
 * the printed name shown on signed records, and the role. A principal holds one engine role.
 */
@Component
public class CurrentActor {

    private final Map<String, String> displayNames;

    public CurrentActor(KapProperties properties) {
        List<KapProperties.User> users = properties.security() == null || properties.security().users() == null
                ? List.of() : properties.security().users();
        // keyed as the user store keys them: names are case-insensitive at sign-in
        this.displayNames = users.stream().collect(Collectors.toMap(u -> u.name().toLowerCase(java.util.Locale.ROOT),
                u -> u.displayName() == null ? u.name() : u.displayName(), (a, b) -> a));
    }

    public Actor get() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated()) {
            throw new InsufficientAuthenticationException("no authenticated principal");
        }
        Role role = roleOf(auth).orElseThrow(() -> new InsufficientAuthenticationException("the principal has no engine role"));
        String name = auth.getPrincipal() instanceof Jwt jwt
                ? Optional.ofNullable(jwt.getClaimAsString("name")).orElse(auth.getName())
                : displayNames.getOrDefault(auth.getName().toLowerCase(java.util.Locale.ROOT), auth.getName());
        return new Actor(auth.getName(), name, role);
    }

    /** Whether a name is one of the configured users (a name typed at sign-in may be anything, even a password). */
    public boolean isConfiguredUser(String name) {
        return name != null && displayNames.containsKey(name.toLowerCase(java.util.Locale.ROOT));
    }

    /** The engine role an authenticated principal holds, if any. */
    public static Optional<Role> roleOf(Authentication auth) {
        Map<String, Role> byAuthority = Arrays.stream(Role.values())
                .collect(Collectors.toMap(r -> "ROLE_" + r.name(), Function.identity()));
        return auth.getAuthorities().stream().map(GrantedAuthority::getAuthority).map(byAuthority::get)
                .filter(java.util.Objects::nonNull).findFirst();
    }
}
