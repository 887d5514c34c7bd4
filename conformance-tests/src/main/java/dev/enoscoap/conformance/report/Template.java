package dev.enoscoap.conformance.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A page template with named fragments, read from one resource file. A line
 * {@code <!--# name -->} starts the fragment {@code name}; in a fragment, {@code {{key}}} is
 * replaced by a text value, HTML-escaped (control characters shown as control pictures), and
 * {@code {{{key}}}} by HTML made from other fragments, as it is. A value is never scanned for
 * placeholders again, and a placeholder without a value is an error.
 */
final class Template {
    private static final Pattern START = Pattern.compile("^<!--# ([a-z][a-z0-9-]*) -->$");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\{([a-zA-Z][a-zA-Z0-9]*)}}}|\\{\\{([a-zA-Z][a-zA-Z0-9]*)}}");

    private final String source;
    private final Map<String, String> fragments;

    private Template(String source, Map<String, String> fragments) {
        this.source = source;
        this.fragments = fragments;
    }

    /** The template in the resource {@code name} next to this class. */
    static Template load(String name) {
        try (InputStream in = Template.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("template " + name + " is not on the classpath next to "
                        + Template.class.getName());
            }
            return parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template " + name, e);
        }
    }

    static Template parse(String source, String text) {
        Map<String, String> fragments = new LinkedHashMap<>();
        String name = null;
        StringBuilder body = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            Matcher m = START.matcher(line.strip());
            if (m.matches()) {
                if (name != null) {
                    put(source, fragments, name, body);
                }
                name = m.group(1);
                body.setLength(0);
            } else if (name != null) {
                body.append(line).append('\n');
            } else if (!line.isBlank()) {
                throw new IllegalStateException(source + ": text before the first fragment: " + line);
            }
        }
        if (name != null) {
            put(source, fragments, name, body);
        }
        return new Template(source, Map.copyOf(fragments));
    }

    private static void put(String source, Map<String, String> fragments, String name, StringBuilder body) {
        String text = body.toString();
        while (text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        if (fragments.put(name, text) != null) {
            throw new IllegalStateException(source + ": fragment " + name + " appears twice");
        }
    }

    /** The fragment names. */
    Set<String> names() {
        return fragments.keySet();
    }

    /** Values for one rendering of a fragment. */
    static final class Values {
        private final Map<String, String> text = new HashMap<>();
        private final Map<String, String> html = new HashMap<>();

        /** A text value for {@code {{key}}}; it is escaped. */
        Values text(String key, Object value) {
            text.put(key, String.valueOf(value));
            return this;
        }

        /** Made HTML for {@code {{{key}}}}; inserted as it is. */
        Values html(String key, CharSequence value) {
            html.put(key, value.toString());
            return this;
        }
    }

    /** Fragment {@code name} with its placeholders filled. */
    String render(String name, Values values) {
        String fragment = fragments.get(name);
        if (fragment == null) {
            throw new IllegalStateException(source + " has no fragment " + name + "; it has " + fragments.keySet());
        }
        Matcher m = PLACEHOLDER.matcher(fragment);
        StringBuilder out = new StringBuilder(fragment.length() + 256);
        int last = 0;
        while (m.find()) {
            out.append(fragment, last, m.start());
            if (m.group(1) != null) {
                String v = values.html.get(m.group(1));
                if (v == null) {
                    throw new IllegalStateException(source + ": fragment " + name + " needs HTML for {{{" + m.group(1)
                            + "}}}");
                }
                out.append(v);
            } else {
                String v = values.text.get(m.group(2));
                if (v == null) {
                    throw new IllegalStateException(source + ": fragment " + name + " needs a value for {{"
                            + m.group(2) + "}}");
                }
                out.append(escape(v));
            }
            last = m.end();
        }
        return out.append(fragment, last, fragment.length()).toString();
    }

    /** Escapes text for HTML element content and attribute values; control characters become visible. */
    static String escape(String s) {
        return Text.markup(s, "\"'");
    }
}
