package dev.enoscoap.mock.protocol;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
/**
 * Makes text that came from a peer (identities, paths, tokens, JSON excerpts, error messages that
 * quote them) safe to put into one log or journal line: no input can end a line or forge another.
 *
 * <p>Control characters (C0, DEL, C1), the Unicode line and paragraph separators and the bidi
 * controls are written as escapes: {@code \n}, {@code \r}, {@code \t}, {@code \0}, else
 * {@code \}{@code uXXXX}; a backslash is doubled so an escape in the input cannot pass for one of
 * ours.
 */
@API(status = INTERNAL, since = "0.1")
public final class LogText {
    private LogText() {
    }

    /** {@code text} with every control character escaped; {@code null} stays {@code null}. */
    public static String escape(String text) {
        return text == null ? null : escape(text, true);
    }

    /**
     * {@code text} as one line: control characters escaped as in {@link #escape}, backslashes left
     * alone. The last guard of every journal line, after each field was escaped on its own.
     */
    public static String oneLine(String text) {
        return escape(text, false);
    }

    /** {@code text} with its control characters escaped, and its backslashes doubled if {@code backslashes}. */
    private static String escape(String text, boolean backslashes) {
        int n = text.length();
        int i = 0;
        while (i < n && !needsEscape(text.charAt(i), backslashes)) {
            i++;
        }
        if (i == n) {
            return text;
        }
        StringBuilder sb = new StringBuilder(n + 16).append(text, 0, i);
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (!needsEscape(c, backslashes)) {
                sb.append(c);
                continue;
            }
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\0' -> sb.append(backslashes ? "\\0" : "\\u0000");
                default -> sb.append(String.format("\\u%04x", (int) c));
            }
        }
        return sb.toString();
    }

    /** Whether {@code text} holds a character {@link #escape} would escape, other than a backslash. */
    public static boolean hasControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isControl(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean needsEscape(char c, boolean backslashes) {
        return backslashes && c == '\\' || isControl(c);
    }

    /** C0, DEL, C1, line and paragraph separators, bidi embedding/override/isolate controls. */
    public static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029'
                || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069') || c == '\u200e'
                || c == '\u200f' || c == '\u0085';
    }
}
