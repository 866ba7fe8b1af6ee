package org.kap.core.rule;

/** A relation between an observed value and a limit, as written in a protocol. */
public enum Comparison {
    LESS("<"), AT_MOST("<="), GREATER(">"), AT_LEAST(">="), EQUAL("="), NOT_EQUAL("!=");

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** Whether {@code observed <relation> limit} holds, given {@code observed.compareTo(limit)}. */
    public boolean holds(int comparisonResult) {
        return switch (this) {
            case LESS -> comparisonResult < 0;
            case AT_MOST -> comparisonResult <= 0;
            case GREATER -> comparisonResult > 0;
            case AT_LEAST -> comparisonResult >= 0;
            case EQUAL -> comparisonResult == 0;
            case NOT_EQUAL -> comparisonResult != 0;
        };
    }

    /** The relation that holds when this one does not: shown in a finding about a failed requirement. */
    public Comparison negated() {
        return switch (this) {
            case LESS -> AT_LEAST;
            case AT_MOST -> GREATER;
            case GREATER -> AT_MOST;
            case AT_LEAST -> LESS;
            case EQUAL -> NOT_EQUAL;
            case NOT_EQUAL -> EQUAL;
        };
    }

    public static Comparison fromSymbol(String symbol) {
        for (Comparison c : values()) {
            if (c.symbol.equals(symbol)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown comparison '" + symbol + "'");
    }
}
