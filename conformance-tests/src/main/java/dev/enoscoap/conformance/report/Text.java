package dev.enoscoap.conformance.report;

import dev.enoscoap.mock.protocol.LogText;

/**
 * Makes client output safe to show: evidence quotes what a client printed, so it may hold
 * terminal escapes, carriage returns, NUL bytes or broken UTF-16, none of which may garble a
 * terminal, an HTML page or an XML file.
 */
final class Text {
    private static final char REPLACEMENT = '\uFFFD';

    private Text() {
    }

    /** {@code s} with every unpaired surrogate replaced by U+FFFD, so it encodes as UTF-8. */
    static String wellFormed(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean bad;
            if (Character.isHighSurrogate(c)) {
                bad = i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
                if (!bad) {
                    if (sb != null) {
                        sb.append(c).append(s.charAt(i + 1));
                    }
                    i++;
                    continue;
                }
            } else {
                bad = Character.isLowSurrogate(c);
            }
            if (bad && sb == null) {
                sb = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (sb != null) {
                sb.append(bad ? REPLACEMENT : c);
            }
        }
        return sb == null ? s : sb.toString();
    }

    /**
     * {@code s} with every control character but line feed and tab shown as its Unicode control
     * picture (ESC as ␛, NUL as ␀, a lone CR as ␍; CR LF becomes LF), C1 controls and the
     * non-characters U+FFFE/U+FFFF as U+FFFD. Safe for a terminal, HTML and XML 1.0 text.
     */
    static String visible(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String shown = shown(s, i, c);
            if (shown == null) {
                if (sb != null) {
                    sb.append(c);
                }
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            sb.append(shown);
        }
        return sb == null ? s : sb.toString();
    }

    /** What to show for the character at {@code i}, or {@code null} to keep it. */
    private static String shown(String s, int i, char c) {
        if (c == '\n' || c == '\t') {
            return null;
        }
        if (c == '\r') {
            return i + 1 < s.length() && s.charAt(i + 1) == '\n' ? "" : "\u240D";
        }
        if (c < 0x20) {
            return String.valueOf((char) (0x2400 + c));
        }
        if (c == 0x7F) {
            return "\u2421";
        }
        if (c >= 0x80 && c <= 0x9F || c == '\uFFFE' || c == '\uFFFF') {
            return String.valueOf(REPLACEMENT);
        }
        if (LogText.isControl(c)) {
            return String.valueOf(REPLACEMENT); // line separators and bidirectional overrides, which reorder what is shown
        }
        if (Character.isSurrogate(c)) {
            boolean paired = Character.isHighSurrogate(c) ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
                    : i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
            return paired ? null : String.valueOf(REPLACEMENT);
        }
        return null;
    }

    /**
     * {@code s} made {@link #visible}, for markup: {@code &}, {@code <} and {@code >} as entities, and
     * so each character of {@code alsoEscaped} among {@code "}, {@code '}, line feed and tab.
     */
    static String markup(String s, String alsoEscaped) {
        String v = visible(s);
        StringBuilder sb = new StringBuilder(v.length() + 16);
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            String entity = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                case '\n' -> "&#10;";
                case '\t' -> "&#9;";
                default -> null;
            };
            boolean always = c == '&' || c == '<' || c == '>';
            if (entity != null && (always || alsoEscaped.indexOf(c) >= 0)) {
                sb.append(entity);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** {@code s} on one line: {@link #visible} with line feeds and tabs as spaces. */
    static String oneLine(String s) {
        return visible(s).replace('\n', ' ').replace('\t', ' ');
    }
}
