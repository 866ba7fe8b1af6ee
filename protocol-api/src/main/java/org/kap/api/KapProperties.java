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
                            @DefaultValue("2000") int cachedCourses,
                            @DefaultValue("20000") int cachedFoldEntries,
                            ClinicalTime clinicalTime,
                            Obligations obligations,
                            @DefaultValue("true") boolean publishExampleProtocols,
                            @DefaultValue("65536") long maxRequestBytes,
                            @DefaultValue Limits limits,
                            Security security,
                            @DefaultValue SignIn signIn,
                            @DefaultValue Audit audit,
                            @DefaultValue Signing signing,
                            @DefaultValue Anchor anchor,
                            @DefaultValue ReadModels readModels) {

    public record ClinicalTime(@DefaultValue("2m") Duration allowedFutureSkew,
                               @DefaultValue("1h") Duration lateEntryAfter,
                               @DefaultValue("UTC") ZoneId clinicZone,
                               @DefaultValue("3650d") Duration maxBackEntry) {
    }

    public record Obligations(@DefaultValue("1m") Duration checkInterval) {
    }

    public record Security(List<User> users) {
    }

    /**
     * What one client may take of the engine, so no one can starve it (docs/security.md).
     *
     * @param maxPathLength             no path of the API is longer; a longer one is 414
     * @param bodyReadTimeout           a request body arrives whole within this, or is refused (408)
     * @param concurrentBodiesPerClient request bodies one client address may be sending at once (429 beyond)
     * @param unauthenticatedPerMinute  requests without credentials one address may make per minute (429 beyond)
     */
    public record Limits(@DefaultValue("1000") int maxPathLength,
                         @DefaultValue("10s") Duration bodyReadTimeout,
                         @DefaultValue("16") int concurrentBodiesPerClient,
                         @DefaultValue("60") int unauthenticatedPerMinute) {
    }

    /**
     * Throttling of password guessing: after this many failed sign-ins within the lockout period, the
     * user name (whoever tries it) or the client address (whichever user it tries) is refused for the
     * lockout period, the right password included. A password that matched, or a bearer token the decoder accepted, is
     * not checked in full again for {@code verifiedCredentialsTtl} (zero: every request is checked in full); see
     * {@code VerifiedCredentials} and {@code VerifiedTokens}.
     */
    public record SignIn(@DefaultValue("10") int maxFailuresPerUser,
                         @DefaultValue("30") int maxFailuresPerAddress,
                         @DefaultValue("15m") Duration lockout,
                         @DefaultValue("5m") Duration verifiedCredentialsTtl) {
    }

    /** How long access records are kept: six years, the HIPAA retention period for required documentation. */
    /**
     * @param accessRecordRetention how long access records are kept
     * @param verifiedPrefixMaxAge  a course's verification starts from its verified prefix (the events a verification
     *                              last recomputed in full) only while the prefix is younger than this, and recomputes
     *                              the whole chain otherwise; 0s: every verification recomputes the whole chain
     */
    public record Audit(@DefaultValue("2192d") Duration accessRecordRetention, @DefaultValue("10m") Duration verifiedPrefixMaxAge) {
    }

    /**
     * The engine's signing keys (docs/audit.md), kept outside the database: a directory of PEM files,
     * {@code <id>.pub} for each key whose signatures are trusted, {@code <id>.key} beside the one the engine signs
     * with.
     *
     * @param keyDir          the directory; unset, {@code keys} under the data directory
     * @param keyId           the key to sign with; unset, the only key in the directory with a private part
     * @param createIfMissing create a key when the directory holds none (the embedded default); otherwise the
     *                        engine refuses to start without one ({@code ./kap keygen DIR} makes one)
     */
    public record Signing(Path keyDir, String keyId, @DefaultValue("true") boolean createIfMissing) {
    }

    /**
     * The anchor (docs/audit.md): a signed tree head over every course's signed head, made every {@code interval}
     * when anything changed, appended to {@code tree-heads.jsonl} in {@code dir} (unset: {@code anchor} under the
     * data directory), a file to copy somewhere the operator cannot rewrite.
     */
    public record Anchor(Path dir, @DefaultValue("1h") Duration interval) {
    }

    /**
     * @param batchLinger while the course list's processor is busy (its last batch began moments ago) and the next event
     *                    is fresh, how long it lets more events arrive before it takes the next batch, so a burst of
     *                    commands is written and committed as one batch, not one each; an idle list, a replay and a
     *                    catch-up take events at once (the obligations always do). 0s: never waits; at most 1s
     * @param fetchInterval while commands commit faster than this, the read models' one reader of the event store is
     *                      woken once per interval to read all of them, not after each commit (the first commit after a
     *                      quiet moment wakes it at once). 0s: after each commit, as Axon does; at most 1s
     * @param cachedEvents how many of the newest events that reader keeps for the read models to take from (Axon's
     *                     default is 10,000). The read models take an event within milliseconds of its fetch; a read
     *                     model further behind than this reads the store itself until it has caught up. Kept events
     *                     live long enough to be copied into the collector's old generation, and at 10,000 (about a
     *                     minute of a busy clinic's events) they made most of its young pauses (docs/benchmarks.md)
     */
    public record ReadModels(@DefaultValue("10ms") Duration batchLinger, @DefaultValue("10ms") Duration fetchInterval,
                             @DefaultValue("1000") int cachedEvents) {
        public ReadModels {
            if (cachedEvents < 1) {
                throw new IllegalArgumentException("kap.read-models.cached-events is " + cachedEvents + "; it must be 1 or more");
            }
        }
    }

    /** A user of the embedded default: a name, the printed name for signatures, one role, a hashed password. */
    public record User(String name, String displayName, Role role, String password) {
    }
}
