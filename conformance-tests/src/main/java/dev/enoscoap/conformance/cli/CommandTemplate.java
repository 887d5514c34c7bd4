package dev.enoscoap.conformance.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A command template split into words the way a shell splits a simple command line (blanks
 * separate words; single quotes keep text literally; double quotes keep text with {@code \"},
 * {@code \\} as escapes; a backslash outside quotes escapes the next character), then filled
 * word by word. A placeholder's value never splits a word and is never seen by a shell, so
 * values need no quoting. No shell runs: for pipes or redirections the template names a shell
 * itself, e.g. {@code bash -c '...'}.
 */
final class CommandTemplate {
    /** Every placeholder a template may use. */
    static final Set<String> PLACEHOLDERS = Set.of("action", "host", "port", "uri", "productKey", "deviceKey",
            "secureMode", "lifetime", "secret", "keyHex", "identity", "suites", "topic", "payload", "count", "time", "event");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");

    private final String source;
    private final List<String> words;

    private CommandTemplate(String source, List<String> words) {
        this.source = source;
        this.words = words;
    }

    /** Parses a template; unbalanced quotes and unknown placeholders are errors. */
    static CommandTemplate parse(String template) {
        if (template == null || template.isBlank()) {
            throw new IllegalArgumentException("the client command template is empty");
        }
        List<String> words = split(template);
        for (String w : words) {
            Matcher m = PLACEHOLDER.matcher(w);
            while (m.find()) {
                if (!PLACEHOLDERS.contains(m.group(1))) {
                    throw new IllegalArgumentException("unknown placeholder {" + m.group(1) + "} in client command '"
                            + template + "'; known: " + PLACEHOLDERS.stream().sorted().toList());
                }
            }
        }
        return new CommandTemplate(template, List.copyOf(words));
    }

    /** The command for one call: every placeholder replaced by its value (missing ones by ""). */
    List<String> render(Map<String, String> values) {
        List<String> out = new ArrayList<>(words.size());
        for (String w : words) {
            Matcher m = PLACEHOLDER.matcher(w);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(sb, Matcher.quoteReplacement(values.getOrDefault(m.group(1), "")));
            }
            m.appendTail(sb);
            out.add(sb.toString());
        }
        return out;
    }

    /** The words before filling. */
    List<String> words() {
        return words;
    }

    @Override
    public String toString() {
        return source;
    }

    private static List<String> split(String s) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\'') {
                int end = s.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unbalanced single quote at position " + i + " of '" + s + "'");
                }
                word.append(s, i + 1, end);
                inWord = true;
                i = end + 1;
            } else if (c == '"') {
                i++;
                boolean closed = false;
                while (i < s.length()) {
                    char d = s.charAt(i);
                    if (d == '"') {
                        closed = true;
                        i++;
                        break;
                    }
                    if (d == '\\' && i + 1 < s.length() && "\"\\$`".indexOf(s.charAt(i + 1)) >= 0) {
                        word.append(s.charAt(i + 1));
                        i += 2;
                    } else {
                        word.append(d);
                        i++;
                    }
                }
                if (!closed) {
                    throw new IllegalArgumentException("unbalanced double quote in '" + s + "'");
                }
                inWord = true;
            } else if (c == '\\' && i + 1 < s.length()) {
                word.append(s.charAt(i + 1));
                inWord = true;
                i += 2;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                i++;
            } else {
                word.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
