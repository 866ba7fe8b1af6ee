package org.kap.dsl;

import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.atn.ATNState;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.kap.dsl.grammar.ProtocolParser;

import java.util.HashMap;
import java.util.Map;

/**
 * ANTLR's error recovery, made to fit a language whose sections are not closed and whose section
 * keywords also occur inside rules ("max 1 mg per session", "pre-dose vitals within 30 min").
 * <p>
 * ANTLR recovers by skipping to a token that may follow, and a section keyword may always follow; so
 * after something unexpected between two rules (a misspelt {@code message}, a stray character) it
 * left the section and skipped to the next section keyword, even one inside a rule. The rules in
 * between were never checked (a later unit mismatch or duplicate id went unreported) and the keyword
 * gave a bogus error of its own ("unexpected 'message'; expected ':'"). Here:
 * <ul>
 * <li>between rules, unexpected tokens are reported once and skipped up to the next {@code rule}, a
 *     section head or the end, and the section goes on; a misspelt section head ("screenings:") is
 *     skipped with its rules, which belong to no known section;</li>
 * <li>skipping never stops at a section keyword that does not start a section (the keyword followed by
 *     ':', or 'dosing route', or 'adverse events').</li>
 * </ul>
 */
final class SectionRecovery extends DefaultErrorStrategy {

    static final int RULE = type("'rule'");
    /** Starts a value set's definition, as 'rule' starts a rule. */
    private static final int SET = type("'set'");
    private static final int COLON = type("':'");
    /** Each section keyword, and the token that follows it in a section head. */
    private static final Map<Integer, Integer> SECTION_HEADS = new HashMap<>();

    static {
        for (String keyword : new String[]{"screening", "spacing", "sequencing", "session", "vitals", "observation", "discharge",
                "obligations", "outcomes"}) {
            SECTION_HEADS.put(type("'" + keyword + "'"), COLON);
        }
        SECTION_HEADS.put(type("'dosing'"), type("'route'"));
        SECTION_HEADS.put(type("'adverse'"), type("'events'"));
        SECTION_HEADS.put(type("'value'"), type("'sets'"));
    }

    private static int type(String literal) {
        for (int t = 1; t <= ProtocolParser.VOCABULARY.getMaxTokenType(); t++) {
            if (literal.equals(ProtocolParser.VOCABULARY.getLiteralName(t))) {
                return t;
            }
        }
        throw new IllegalStateException("the grammar has no token " + literal);
    }

    @Override
    public void sync(Parser recognizer) throws RecognitionException {
        TokenStream tokens = recognizer.getInputStream();
        int la = tokens.LA(1);
        // a section keyword is left to the section rule, which names what is wrong with the head ("dosing rote IM:")
        boolean fits = la == Token.EOF || la == RULE || la == SET || SECTION_HEADS.containsKey(la);
        if (fits || inErrorRecoveryMode(recognizer) || !betweenRules(recognizer)) {
            super.sync(recognizer);
            return;
        }
        reportUnwantedToken(recognizer);
        if (sectionLike(tokens)) {
            // a misspelt section head: its rules belong to no known section
            do {
                recognizer.consume();
            } while (tokens.LA(1) != Token.EOF && !sectionHead(tokens));
            return;
        }
        while (tokens.LA(1) != Token.EOF && tokens.LA(1) != RULE && tokens.LA(1) != SET && !sectionHead(tokens)) {
            recognizer.consume();
        }
    }

    @Override
    protected void consumeUntil(Parser recognizer, IntervalSet set) {
        TokenStream tokens = recognizer.getInputStream();
        int la = tokens.LA(1);
        while (la != Token.EOF && (!set.contains(la) || (SECTION_HEADS.containsKey(la) && !sectionHead(tokens)))) {
            recognizer.consume();
            la = tokens.LA(1);
        }
    }

    /** At the loop over a section's rules (before the first rule or after one), in a section that has begun. */
    private static boolean betweenRules(Parser recognizer) {
        if (!(recognizer.getContext() instanceof ProtocolParser.SectionContext section)
                || section.getClass() == ProtocolParser.SectionContext.class) {
            return false;
        }
        int type = recognizer.getInterpreter().atn.states.get(recognizer.getState()).getStateType();
        return type == ATNState.STAR_LOOP_BACK || type == ATNState.STAR_LOOP_ENTRY || type == ATNState.STAR_BLOCK_START;
    }

    private static boolean sectionHead(TokenStream tokens) {
        Integer next = SECTION_HEADS.get(tokens.LA(1));
        return next != null && tokens.LA(2) == next;
    }

    /** A lower-case word and ':' where a rule belongs: a misspelt section head (an upper-case word is a rule id). */
    private static boolean sectionLike(TokenStream tokens) {
        String text = tokens.LT(1).getText();
        return tokens.LA(2) == COLON && text != null && !text.isEmpty() && Character.isLowerCase(text.charAt(0));
    }
}
