package org.kap.core.course;

import org.kap.core.rule.RuleInfo;

/**
 * Safety invariants the engine enforces under every protocol (DESIGN 3.2). Their ids start with
 * {@code ENGINE-}, a prefix protocols may not use, so a finding always names one rule unambiguously.
 */
final class EngineRules {

    private static final String DESIGN = "KAP engine safety invariant (DESIGN 3.2)";

    static final RuleInfo ROUTE = RuleInfo.absolute("ENGINE-ROUTE",
            "The protocol has no dosing section for this route, so no dose by it may be approved", DESIGN);

    static final RuleInfo INDICATION = RuleInfo.absolute("ENGINE-INDICATION",
            "The protocol is not written for this indication", DESIGN);

    static final RuleInfo OPEN_SERIOUS_ADVERSE_EVENT = RuleInfo.absolute("ENGINE-OPEN-SERIOUS-AE",
            "A serious adverse event is still open; no session starts until it is resolved", DESIGN);

    static final RuleInfo OPEN_ADVERSE_EVENT = RuleInfo.absolute("ENGINE-OPEN-AE",
            "An adverse event is still open; resolve it before discharge", DESIGN);

    static final RuleInfo HALTED = RuleInfo.absolute("ENGINE-HALTED",
            "The course is halted until a prescriber reviews it", DESIGN);

    private EngineRules() {
    }
}
