package org.kap.core.screening;

import org.kap.core.rule.Evidence;

import java.util.List;
import java.util.Objects;

/**
 * What a condition over the client's facts says: it holds (with what it saw), it does not, or it
 * cannot be told because a fact it reads is not recorded. A missing fact is never guessed: the
 * rule's enforcement treats "not known" like a match (absolute: refused; relative: override
 * required; warning: a warning), and the finding names the missing facts.
 */
public sealed interface Match {

    NotHolds NO = new NotHolds();

    static Match holds(Evidence evidence) {
        return new Holds(evidence);
    }

    static Match unknown(String missingFact) {
        return new Unknown(List.of(missingFact));
    }

    record Holds(Evidence evidence) implements Match {
        public Holds {
            Objects.requireNonNull(evidence, "evidence");
        }
    }

    record NotHolds() implements Match {
    }

    /** @param missing the facts that are not recorded, in the words of the protocol ("screening systolic", "age") */
    record Unknown(List<String> missing) implements Match {
        public Unknown {
            missing = List.copyOf(missing);
            if (missing.isEmpty()) {
                throw new IllegalArgumentException("an unknown match names the missing facts");
            }
        }

        /** {@code screening systolic, screening diastolic not recorded} */
        public Evidence evidence() {
            return Evidence.of(String.join(", ", missing), "not", "recorded");
        }
    }

    /** The evidence a rule fires on: what held, or which facts are missing; null when the condition does not hold. */
    default Evidence firingEvidence() {
        if (this instanceof Holds h) {
            return h.evidence();
        }
        return this instanceof Unknown u ? u.evidence() : null;
    }
}
