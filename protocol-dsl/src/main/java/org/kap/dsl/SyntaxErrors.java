package org.kap.dsl;

import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.kap.dsl.ast.Ast.Pos;
import org.kap.dsl.check.Diagnostics;

import java.util.TreeSet;

/**
 * Reports syntax errors in plain words: what was found, and what may be written there instead,
 * rather than ANTLR's "mismatched input ... expecting {...}".
 */
final class SyntaxErrors extends BaseErrorListener {

    private final Diagnostics diagnostics;

    SyntaxErrors(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    @Override
    public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int column, String antlrMessage,
                            RecognitionException e) {
        Pos pos = new Pos(line, column + 1);
        if (!(recognizer instanceof Parser parser) || !(offendingSymbol instanceof Token token)) {
            diagnostics.error(pos, "unexpected character: " + antlrMessage);
            return;
        }
        String found = token.getType() == Token.EOF ? "the end of the file" : describe(token);
        IntervalSet expected = e != null && e.getExpectedTokens() != null ? e.getExpectedTokens() : parser.getExpectedTokens();
        diagnostics.error(pos, "unexpected " + found + expectation(parser, expected));
    }

    private static String describe(Token token) {
        String text = token.getText();
        if (text.length() > 40) {
            text = text.substring(0, 40) + "...";
        }
        return switch (token.getType()) {
            case org.kap.dsl.grammar.ProtocolLexer.OTHER -> "character '" + text + "'";
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
