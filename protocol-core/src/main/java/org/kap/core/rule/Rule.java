package org.kap.core.rule;

/** Anything a protocol states that can fire: it has an id, a message, a citation and an enforcement. */
public interface Rule {

    RuleInfo info();

    /** A one-line summary of the rule's parameters with units, for {@code kap explain} and audits. */
    String describe();
}
