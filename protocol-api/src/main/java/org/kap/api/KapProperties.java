package org.kap.api;

import org.kap.core.rule.Role;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/** The engine's settings (prefix {@code kap}); see application.yml for the defaults. */
@ConfigurationProperties("kap")
public record KapProperties(Path dataDir,
                            @DefaultValue("100") int snapshotThreshold,
                            ClinicalTime clinicalTime,
                            Obligations obligations,
                            @DefaultValue("true") boolean publishExampleProtocols,
                            @DefaultValue("65536") long maxRequestBytes,
                            Security security) {

    public record ClinicalTime(@DefaultValue("2m") Duration allowedFutureSkew,
                               @DefaultValue("1h") Duration lateEntryAfter,
                               @DefaultValue("UTC") ZoneId clinicZone) {
    }

    public record Obligations(@DefaultValue("1m") Duration checkInterval) {
    }

    public record Security(List<User> users) {
    }

    /** A user of the embedded default: a name, the printed name for signatures, one role, a hashed password. */
    public record User(String name, String displayName, Role role, String password) {
    }
}
