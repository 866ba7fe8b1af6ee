package org.kap.core.course;

import org.kap.core.rule.RuleInfo;

/**
 * Safety invariants the engine enforces under every protocol. Their ids start with
 * {@code ENGINE-}, a prefix protocols may not use, so a finding always names one rule unambiguously.
 */
final class EngineRules {

    private static final String DESIGN = "KAP engine safety invariant (docs/rules.md)";

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

    static final RuleInfo CONSENT = RuleInfo.absolute("ENGINE-CONSENT",
            "No dose is approved or given before the client's consent is recorded", DESIGN);

    static final RuleInfo SESSION_OPEN = RuleInfo.absolute("ENGINE-SESSION-OPEN",
            "A session is still open: discharge the client before the next session's dose", DESIGN);

    static final RuleInfo NO_SESSION = RuleInfo.absolute("ENGINE-NO-SESSION",
            "A booster is given within an open session of its route, not stopped", DESIGN);

    static final RuleInfo NO_APPROVAL = RuleInfo.absolute("ENGINE-NO-APPROVAL",
            "No dose is given without a prescriber's approval for it", DESIGN);

    static final RuleInfo ENDED = RuleInfo.absolute("ENGINE-COURSE-ENDED",
            "The course has ended; no dose is approved or given in it", DESIGN);

    static final RuleInfo CORRECTION_REVIEW = RuleInfo.absolute("ENGINE-CORRECTION-REVIEW",
            "A past decision rests on a value since corrected: a prescriber reviews it", DESIGN);

    static final RuleInfo UNKNOWN_CODE = new RuleInfo(org.kap.core.rule.RuleId.of("ENGINE-UNKNOWN-CODE"),
            "Not checked against any rule: the code is in none of the protocol's value sets", DESIGN,
            org.kap.core.rule.Enforcement.WARNING);

    static final RuleInfo UNCHECKED = new RuleInfo(org.kap.core.rule.RuleId.of("ENGINE-UNCHECKED"),
            "Not checked against any rule: no rule of the protocol reads it for this field", DESIGN,
            org.kap.core.rule.Enforcement.WARNING);

    static final RuleInfo MIGRATION_UNREADABLE = RuleInfo.absolute("ENGINE-MIGRATION-UNREADABLE",
            "The client's record holds a value the new version cannot read, so its rules could not check it: record it "
                    + "as a code or in the new version's words before the course moves", DESIGN);

    private static final java.util.List<RuleInfo> ALL = java.util.List.of(ROUTE, INDICATION, OPEN_SERIOUS_ADVERSE_EVENT,
            OPEN_ADVERSE_EVENT, HALTED, CONSENT, SESSION_OPEN, NO_SESSION, NO_APPROVAL, ENDED, CORRECTION_REVIEW,
            UNKNOWN_CODE, UNCHECKED, MIGRATION_UNREADABLE);

    /** The engine rule of this id, for findings on obligations the engine itself created. */
    static java.util.Optional<RuleInfo> byId(org.kap.core.rule.RuleId id) {
        return ALL.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    private EngineRules() {
    }
}
