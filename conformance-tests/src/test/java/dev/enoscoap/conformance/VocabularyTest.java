package dev.enoscoap.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code dev.enoscoap.mock.protocol} is the one place EnOS paths, topics, methods, identities and
 * response codes are written and read: no other main source of the mock or the conformance kit
 * writes them as text. Comments are not code and are left out.
 */
class VocabularyTest {
    /**
     * A string literal with a topic, activation path, EnOS method or cipher suite name; an identity
     * joined with commas; a CoAP code as text.
     */
    static final Pattern ENOS_TEXT = Pattern.compile("\"[^\"]*(/topic|/sys/|/ext/session|thing[./]|TLS_PSK_WITH|PSK-AES)[^\"]*\"|\"_reply"
            + "|\\+ *\",\" *\\+|\"[2-5]\\.[0-9]{2}\"|startsWith\\(\"[2-5]\\.\"\\)|\"\\[2-5\\]");
    private static final Pattern COMMENT = Pattern.compile("^\\s*(\\*|//|/\\*)");
    private static final String PROTOCOL = "dev/enoscoap/mock/protocol/";

    @Test
    void noEnosPathIdentityOrCodeIsWrittenOutsideTheProtocolPackage() {
        List<String> found = new ArrayList<>();
        for (Path root : List.of(Path.of("src/main/java"), Path.of("../mock-server/src/main/java"))) {
            assertThat(root).isDirectory();
            found.addAll(scan(root));
        }
        assertThat(found).as("EnOS text outside %s; make or read it through the protocol package", PROTOCOL).isEmpty();
    }

    @Test
    void theCheckFindsWhatItLooksFor() {
        assertThat(List.of(
                "return \"/topic/sys/\" + pk + \"/\" + dk;",
                "String id = pk + \",\" + dk + \",2,60\";",
                "body.put(\"method\", \"thing.measurepoint.post\");",
                "send(topic + \"_reply\");",
                "if (code.equals(\"2.04\")) {",
                "return code.startsWith(\"2.\");",
                "String suite = \"TLS_PSK_WITH_AES_128_CCM_8\";",
                "if (!code.matches(\"[2-5]\\\\.\\\\d\\\\d\")) {"))
                .allMatch(line -> ENOS_TEXT.matcher(line).find());
        assertThat(List.of("String.join(\",\", names)", "\"command_reply\"", "LOG.info(\"{}\", line);"))
                .noneMatch(line -> ENOS_TEXT.matcher(line).find());
    }

    private static List<String> scan(Path root) {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                if (file.toString().replace('\\', '/').contains(PROTOCOL)) {
                    continue;
                }
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i);
                    if (!COMMENT.matcher(line).find() && ENOS_TEXT.matcher(line).find()) {
                        found.add(root.relativize(file) + ":" + (i + 1) + ": " + line.strip());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }
}
