package org.kap.dsl;

import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Token;
import org.kap.dsl.ast.Ast.Pos;
import org.kap.dsl.ast.Ast.ProtocolFile;
import org.kap.dsl.ast.AstBuilder;
import org.kap.dsl.check.Diagnostics;
import org.kap.dsl.check.LibraryChecker;
import org.kap.dsl.check.ProtocolChecker;
import org.kap.dsl.grammar.ProtocolLexer;
import org.kap.dsl.grammar.ProtocolParser;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Protocol text to the core rule model: parse, build the syntax tree, check and compile. Every
 * problem is reported with file, line and column; no input makes it throw.
 */
public final class ProtocolCompiler {

    /** Far above any real protocol (the four examples are under 10 kB), low enough to refuse a runaway file at once. */
    public static final int MAX_CHARACTERS = 1_000_000;
    /** Parenthesised conditions nest this deep at most; deeper text is refused before it can exhaust the stack. */
    public static final int MAX_NESTING = 50;
    /** Characters in one number, the decimal point included: far above any dose, time or score. */
    public static final int MAX_NUMBER_LENGTH = 20;

    private static final String EMPTY = "the file is empty; a protocol starts with: protocol \"kap-im\" version 1";

    private ProtocolCompiler() {
    }

    /** Compiles a protocol that imports no library, or a library. */
    public static CompileResult compile(String file, String text) {
        return compile(file, text, Libraries.NONE);
    }

    /** Compiles a protocol, finding the libraries it imports in {@code libraries}, or a library. */
    public static CompileResult compile(String file, String text, Libraries libraries) {
        Diagnostics diagnostics = new Diagnostics(file);
        if (text.length() > MAX_CHARACTERS) {
            diagnostics.error(new Pos(1, 1), "the file has " + text.length() + " characters; a protocol has at most "
                    + MAX_CHARACTERS + ". Is this the right file?");
            return new CompileResult(diagnostics.all(), null);
        }
        if (text.isBlank()) {
            diagnostics.error(new Pos(1, 1), EMPTY);
            return new CompileResult(diagnostics.all(), null);
        }
        int control = firstControlCharacter(text);
        if (control >= 0) {
            // a NUL or an escape sequence in a title or a comment cannot be stored or printed faithfully
            diagnostics.error(positionOf(text, control), "a control character (U+" + String.format("%04X", (int) text.charAt(control))
                    + ") is not allowed in a protocol; only tabs and line breaks are");
            return new CompileResult(diagnostics.all(), null);
        }
        Pos tooDeep = tooDeep(text);
        if (tooDeep != null) {
            diagnostics.error(tooDeep, "conditions are nested more than " + MAX_NESTING + " parentheses deep; simplify them");
            return new CompileResult(diagnostics.all(), null);
        }
        try {
            ProtocolLexer lexer = new ProtocolLexer(CharStreams.fromString(text, file));
            SyntaxErrors errors = new SyntaxErrors(diagnostics);
            lexer.removeErrorListeners();
            lexer.addErrorListener(errors);
            CommonTokenStream tokens = new CommonTokenStream(lexer);
            tokens.fill();
            if (tokens.size() == 1) {
                // only comments and blanks: one clear error rather than one per missing part of the header
                diagnostics.error(new Pos(1, 1), "the file has only comments; a protocol starts with: protocol \"kap-im\" version 1");
                return new CompileResult(diagnostics.all(), null);
            }
            Token tooLong = tokens.getTokens().stream()
                    .filter(t -> t.getType() == ProtocolLexer.NUMBER && t.getText().length() > MAX_NUMBER_LENGTH).findFirst().orElse(null);
            if (tooLong != null) {
                // refused before any arithmetic: a number of a million digits takes seconds to convert
                diagnostics.error(new Pos(tooLong.getLine(), tooLong.getCharPositionInLine() + 1), "a number of "
                        + tooLong.getText().length() + " characters; a number in a protocol has at most " + MAX_NUMBER_LENGTH);
                return new CompileResult(diagnostics.all(), null);
            }
            ProtocolParser parser = new ProtocolParser(tokens);
            parser.setErrorHandler(new SectionRecovery());
            parser.removeErrorListeners();
            parser.addErrorListener(errors);
            ProtocolParser.ProtocolFileContext tree = parser.protocolFile();
            ProtocolFile ast = new AstBuilder(errors.offendingTokens()).build(tree);
            if (ast.library()) {
                var library = new LibraryChecker(diagnostics).check(ast, sha256(text));
                return new CompileResult(diagnostics.all(), null, library.orElse(null));
            }
            var protocol = new ProtocolChecker(diagnostics, libraries).check(ast, sha256(text));
            return new CompileResult(diagnostics.all(), protocol.orElse(null));
        } catch (Libraries.Failure notTheText) {
            // finding a library failed (a database down): the caller's problem, not a finding on the text
            throw (RuntimeException) notTheText.getCause();
        } catch (RuntimeException | StackOverflowError unexpected) {
            // a defect of ours, not the designer's: still an answer with a position, never a stack trace
            diagnostics.error(new Pos(1, 1), "the checker could not read this file (" + unexpected.getClass().getSimpleName()
                    + "); please report it with the file");
            return new CompileResult(diagnostics.all(), null);
        }
    }

    /** A published text's identity as its first line says it: a protocol or a library, its id and version. */
    public record Header(boolean library, String id, int version) {
    }

    /** The kind, id and version a text starts with, read by the lexer alone (so comments and strings are as the language reads them). */
    public static java.util.Optional<Header> header(String text) {
        List<Token> tokens = tokens(text);
        if (tokens.size() < 4 || !tokens.get(2).getText().equals("version") || tokens.get(1).getType() != ProtocolLexer.STRING) {
            return java.util.Optional.empty();
        }
        String kind = tokens.get(0).getText();
        if (!kind.equals("protocol") && !kind.equals("library")) {
            return java.util.Optional.empty();
        }
        return whole(tokens.get(3)).map(v -> new Header(kind.equals("library"), unquote(tokens.get(1).getText()), v));
    }

    /**
     * The library versions a protocol text imports ({@code import ... from "kap-terms" version 1}), read by the lexer alone,
     * in the order written: what an auditor holding only the text needs beside it.
     */
    public static List<Header> imports(String text) {
        List<Token> tokens = tokens(text);
        List<Header> imports = new java.util.ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (!tokens.get(i).getText().equals("import")) {
                continue;
            }
            int from = i + 1;
            while (from < tokens.size() && !tokens.get(from).getText().equals("from")) {
                from++;
            }
            if (from + 3 < tokens.size() && tokens.get(from + 1).getType() == ProtocolLexer.STRING
                    && tokens.get(from + 2).getText().equals("version")) {
                Token library = tokens.get(from + 1);
                whole(tokens.get(from + 3)).ifPresent(v -> imports.add(new Header(true, unquote(library.getText()), v)));
            }
            i = from;
        }
        return imports;
    }

    private static List<Token> tokens(String text) {
        ProtocolLexer lexer = new ProtocolLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        CommonTokenStream stream = new CommonTokenStream(lexer);
        stream.fill();
        return stream.getTokens().stream().filter(t -> t.getType() != Token.EOF).toList();
    }

    private static java.util.Optional<Integer> whole(Token number) {
        if (number.getType() != ProtocolLexer.NUMBER || number.getText().length() > MAX_NUMBER_LENGTH) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(new java.math.BigDecimal(number.getText()).intValueExact());
        } catch (ArithmeticException notWhole) {
            return java.util.Optional.empty();
        }
    }

    private static String unquote(String string) {
        return string.substring(1, string.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
    }

    /** The SHA-256 of the text as UTF-8, in lower-case hex: audits re-derive decisions from the text it names. */
    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** C0 and C1 controls and DEL, except tab, line feed and carriage return. */
    private static boolean isControl(char c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F);
    }

    /** The index of the first control character, or -1. */
    private static int firstControlCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isControl(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** The line and column (1-based) of an index in the text. */
    private static Pos positionOf(String text, int index) {
        int lineStart = text.lastIndexOf('\n', index - 1) + 1;
        int line = (int) text.substring(0, lineStart).chars().filter(c -> c == '\n').count() + 1;
        return new Pos(line, index - lineStart + 1);
    }

    private static Pos tooDeep(String text) {
        int depth = 0;
        int line = 1;
        int column = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            column++;
            if (c == '\n') {
                line++;
                column = 0;
            } else if (c == '(') {
                if (++depth > MAX_NESTING) {
                    return new Pos(line, column);
                }
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
            }
        }
        return null;
    }
}
