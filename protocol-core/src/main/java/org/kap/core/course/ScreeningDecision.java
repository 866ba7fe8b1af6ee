package org.kap.core.course;

import org.kap.core.protocol.Indication;
import org.kap.core.protocol.Protocol;
import org.kap.core.rule.Evidence;
import org.kap.core.rule.Finding;
import org.kap.core.screening.ClientProfile;
import org.kap.core.screening.ScreeningRule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Screening: every exclusion and warning of the protocol over the client's profile. A fact a rule
 * reads that the profile does not hold fires the rule as "not known" (see {@link org.kap.core.screening.Match}).
 */
public final class ScreeningDecision {

    private ScreeningDecision() {
    }

    /**
     * All findings; any refusal makes the client ineligible until (for relative rules) overridden. A value of the
     * profile the protocol cannot read (a word outside its vocabulary) refuses the command as malformed input.
     */
    public static List<Finding> findings(Protocol protocol, Indication indication, ClientProfile client, Instant at) {
        return findings(protocol, indication, client, at, VocabularyCheck.Mode.COMMAND);
    }

    /**
     * The findings a recorded screening would have had under {@code protocol} (what-if): there is no command to
     * refuse, so a value the protocol cannot read is reported as a warning.
     */
    public static List<Finding> rederive(Protocol protocol, Indication indication, ClientProfile client, Instant at) {
        return findings(protocol, indication, client, at, VocabularyCheck.Mode.REDERIVE);
    }

    private static List<Finding> findings(Protocol protocol, Indication indication, ClientProfile client, Instant at,
                                          VocabularyCheck.Mode mode) {
        List<Finding> findings = new ArrayList<>();
        if (!protocol.indications().isEmpty() && !protocol.indications().contains(indication)) {
            findings.add(EngineRules.INDICATION.fired(protocol.ref(),
                    Evidence.of(indication.code(), "not in", protocol.indications().stream().map(Indication::code).sorted().toList())));
        }
        findings.addAll(VocabularyCheck.findings(protocol, client, mode));
        for (ScreeningRule rule : protocol.screening()) {
            // a rule about the dose's own time (a stimulant taken hours before it) waits for the dosing act
            if (!rule.when().actRelative()) {
                rule.check(protocol.ref(), client, at).ifPresent(findings::add);
            }
        }
        return findings;
    }
}
