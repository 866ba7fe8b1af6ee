package org.kap.core.course;

import org.kap.core.rule.Role;

import java.util.Objects;

/**
 * Who acts, as the authenticated principal says: never taken from a request body. The id is an
 * opaque user id; {@code name} is the printed name shown on signed records (21 CFR 11.50).
 */
public record Actor(String id, String name, Role role) {
    public Actor {
        Objects.requireNonNull(id, "actor id");
        Objects.requireNonNull(role, "actor role");
        name = name == null || name.isBlank() ? id : name;
    }

    public static Actor of(String id, Role role) {
        return new Actor(id, id, role);
    }
}
