package dev.enoscoap.conformance.cli;

import dev.enoscoap.mock.protocol.LogText;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** A client program's output made fit for evidence: bounded in size, control characters escaped. */
final class Text {
    private Text() {
    }

    /** The last {@code maxBytes} bytes of a file as UTF-8 (malformed bytes replaced), with a note when cut. */
    static String tail(Path file, int maxBytes) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long length = f.length();
            long from = Math.max(0, length - maxBytes);
            byte[] bytes = new byte[(int) (length - from)];
            f.seek(from);
            f.readFully(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8);
            return from == 0 ? text : "(" + from + " earlier bytes not shown)\n" + text;
        }
    }

    /** The last {@code n} non-blank lines. */
    static String lastLines(String text, int n) {
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
    }

    /** Every line escaped ({@link #escape}) and cut after {@code maxChars} characters. */
    static String escapedLines(String text, int maxChars) {
        return text.lines().map(l -> {
            String e = escape(l);
            return e.length() <= maxChars ? e : e.substring(0, maxChars) + "…(" + e.length() + " chars)";
        }).collect(Collectors.joining("\n"));
    }

    /** Control characters written as {@code \t}, {@code \r} or {@code \xNN}; {@code null} as "null". */
    static String escape(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\t') {
                sb.append("\\t");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                sb.append(String.format("\\x%02x", (int) c));
            } else if (LogText.isControl(c)) {
                sb.append(String.format("\\u%04x", (int) c)); // line separators, bidirectional overrides
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
