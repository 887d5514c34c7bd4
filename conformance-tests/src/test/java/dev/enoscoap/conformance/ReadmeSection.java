package dev.enoscoap.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A part of README.md that a test generates, between two markers: written to {@code target/} for
 * reading, compared with the README's copy, and copied into the README when the build is run with
 * the update property set.
 */
public final class ReadmeSection {
    private ReadmeSection() {
    }

    /**
     * @param what what the section holds, for the messages, e.g. {@code kill matrix}
     * @param start the marker before it
     * @param end the marker after it
     * @param fileName its file under {@code target/}
     * @param updateProperty the system property that, {@code true}, copies it into the README
     * @param generated the section as the build made it
     */
    public static void writeAndCompare(String what, String start, String end, String fileName, String updateProperty,
            String generated) throws IOException {
        Path out = Path.of("target", fileName);
        Files.createDirectories(out.getParent());
        Files.writeString(out, generated);
        Path readme = Path.of("..", "README.md");
        String text = Files.readString(readme);
        int from = text.indexOf(start);
        int to = text.indexOf(end);
        assertThat(from).as("README.md marks the %s with %s and %s", what, start, end).isNotNegative();
        assertThat(to).as("README.md marks the %s with %s and %s", what, start, end).isGreaterThan(from);
        String current = text.substring(from + start.length(), to).strip() + "\n";
        if (!current.equals(generated) && Boolean.getBoolean(updateProperty)) {
            Files.writeString(readme, text.substring(0, from + start.length()) + "\n" + generated + text.substring(to));
            return;
        }
        assertThat(current).as("README.md's %s differs from conformance-tests/target/%s, which this build wrote; copy "
                + "it between the markers, or run the build once with -D%s=true", what, fileName, updateProperty)
                .isEqualTo(generated);
    }
}
