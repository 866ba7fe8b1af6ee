package org.kap.dsl;

import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.kap.dsl.ast.Ast.Pos;
import org.kap.dsl.check.Diagnostics;
import org.kap.dsl.grammar.ProtocolParser;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reports syntax errors in plain words: what was found, and what may be written there instead,
 * rather than ANTLR's "mismatched input ... expecting {...}".
 */
final class SyntaxErrors extends BaseErrorListener {

    private final Diagnostics diagnostics;
    /** The index of every token a syntax error was reported at, so that the rules holding one can be left out. */
    private final Set<Integer> offendingTokens = new HashSet<>();

    SyntaxErrors(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    Set<Integer> offendingTokens() {
        return offendingTokens;
    }

    @Override
    public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int column, String antlrMessage,
                            RecognitionException e) {
        Pos pos = new Pos(line, column + 1);
        if (!(recognizer instanceof Parser parser) || !(offendingSymbol instanceof Token token)) {
            diagnostics.error(pos, "unexpected character: " + antlrMessage);
            return;
        }
        offendingTokens.add(token.getTokenIndex());
        String found = token.getType() == Token.EOF ? "end of file" : describe(token);
        // a mismatch's own expected set may be ANTLR's from an earlier state (where the rule could still have continued),
        // e.g. {'/', 'per'} for "max 1 mg/kg per sessoin"; what may be written at the offending token is the parser's
        IntervalSet expected = e == null || e instanceof InputMismatchException || e.getExpectedTokens() == null
                ? parser.getExpectedTokens() : e.getExpectedTokens();
        String expectation = betweenRules(parser, token, expected);
        diagnostics.error(pos, "unexpected " + found + (expectation != null ? expectation : expectation(parser, expected)));
    }

    /**
     * Between two rules of a section the expected set is long (every section keyword), and it leaves out the message
     * and citation the rule before may still take; this names what may come there, or null elsewhere.
     */
    private static String betweenRules(Parser parser, Token token, IntervalSet expected) {
        if (!(parser.getContext() instanceof ProtocolParser.SectionContext section)
                || section.getClass() == ProtocolParser.SectionContext.class || !expected.contains(SectionRecovery.RULE)) {
            return null;
        }
        int index = token.getTokenIndex();
        Token next = index >= 0 && index + 1 < parser.getInputStream().size() ? parser.getInputStream().get(index + 1) : null;
        String word = token.getText();
        if (next != null && ":".equals(next.getText()) && word != null && !word.isEmpty() && Character.isLowerCase(word.charAt(0))) {
            return "; a section starts with one of: screening, dosing route ..., spacing, sequencing, session, vitals, "
                    + "observation, discharge, adverse events, obligations, outcomes";
        }
        List<String> options = new ArrayList<>();
        ParserRuleContext last = section.getChildCount() == 0 || !(section.getChild(section.getChildCount() - 1)
                instanceof ParserRuleContext rule) ? null : rule;
        ProtocolParser.RuleTailContext tail = last == null ? null : last.getRuleContext(ProtocolParser.RuleTailContext.class, 0);
        if (last != null && (tail == null || (tail.message == null && tail.cite == null))) {
            options.add("message \"...\"");
        }
        if (last != null && (tail == null || tail.cite == null)) {
            options.add("cite \"...\"");
        }
        options.addAll(List.of("'rule'", "a section", "the end of the file"));
        return "; expected one of: " + String.join(", ", options);
    }

    private static String describe(Token token) {
        String text = token.getText();
        if (text.length() > 40) {
            text = text.substring(0, 40) + "...";
        }
        return switch (token.getType()) {
            case org.kap.dsl.grammar.ProtocolLexer.OTHER -> text.equals("\"")
                    ? "'\"' with no closing '\"' on its line (a quoted text ends on the line it starts)"
                    : "character '" + text + "'";
            case org.kap.dsl.grammar.ProtocolLexer.STRING -> "text " + text;
            case org.kap.dsl.grammar.ProtocolLexer.NUMBER -> "number " + text;
            default -> "'" + text + "'";
        };
    }

    private static String expectation(Parser parser, IntervalSet expected) {
        if (expected == null || expected.isNil()) {
            return "";
        }
        TreeSet<String> words = new TreeSet<>();
        for (int type : expected.toList()) {
            words.add(name(parser, type));
        }
        if (words.size() > 12) {
            return "; this is not a place for it (check the line against the language reference, docs/dsl.md)";
        }
        return "; expected " + (words.size() == 1 ? "" : "one of: ") + String.join(", ", words);
    }

    private static String name(Parser parser, int type) {
        if (type == Token.EOF) {
            return "the end of the file";
        }
        return switch (parser.getVocabulary().getSymbolicName(type) == null ? "" : parser.getVocabulary().getSymbolicName(type)) {
            case "WORD" -> "a name";
            case "NUMBER" -> "a number";
            case "STRING" -> "a \"quoted text\"";
            default -> parser.getVocabulary().getDisplayName(type);
        };
    }
}
