package org.kap.core.screening;

import org.kap.core.rule.Evidence;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The clients a limit or a requirement is for: the {@code when} part of {@code max 1 mg/kg per session when age >= 65 years}. Only a rule that would refuse asks
 * whether the client is in the group: for a client outside it the rule is silent; when what the condition reads is
 * not recorded, the refusal stands, naming what is missing, because whether the rule applies cannot be told.
 */
public record ClientGroup(ClientCondition when) {

    public ClientGroup {
        Objects.requireNonNull(when, "condition");
    }

    /** The refusal that stands for this client at {@code at}; {@code client} null when what is known of it was not given. */
    public Optional<Evidence> refusal(Optional<Evidence> refused, ClientProfile client, Instant at) {
        if (refused.isEmpty()) {
            return refused;
        }
        if (client == null) {
            return Optional.of(Evidence.of("what is known of the client", "needed to tell whether it applies:", when));
        }
        Match match = when.evaluate(client, at);
        if (match instanceof Match.Unknown unknown) {
            return Optional.of(Evidence.of(String.join(", ", unknown.missing()) + " not recorded",
                    "needed to tell whether it applies:", when));
        }
        return match instanceof Match.Holds ? refused : Optional.empty();
    }

    @Override
    public String toString() {
        return when.toString();
    }
}
