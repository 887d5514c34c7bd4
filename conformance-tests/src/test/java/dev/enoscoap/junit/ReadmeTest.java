package dev.enoscoap.junit;

import static dev.enoscoap.junit.EnosAssertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The README's first test is, verbatim, the test of the consumer project the build runs
 * ({@code src/it/consumer}, with the README's pom);
 * every other Java example of the JUnit section is a marked part of a test in {@code readme/}.
 */
class ReadmeTest {

    @Test
    void theReadmeExampleIsTheSourceOfATestInTheBuild() throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        String source = Files.readString(Path.of("src/it/consumer/src/test/java/com/example/device/DeviceConnectsTest.java"));
        String example = source.substring(source.indexOf("import static")).stripTrailing();

        assertThat(readme).contains("```java\n" + example + "\n```");
    }

    @ParameterizedTest
    @CsvSource({
        "LenientServer.java, configurer",
        "LenientServerTest.java, annotation",
        "BuiltServerTest.java, builder",
        "SoftlyTest.java, extension",
        "SoftlyTest.java, softly",
        "SoftlyTest.java, assertSoftly",
        "SoftlyTest.java, useCustom",
        "UplinkAssert.java, custom",
        "FaultsTest.java, faults",
        "FaultsTest.java, faultsJournal",
        "ActivationTest.java, activation"})
    void everyOtherReadmeExampleIsPartOfATestInTheBuild(String file, String tag) throws IOException {
        List<String> readme = stripped(Files.readString(Path.of("../README.md")));
        String source = Files.readString(Path.of("src/test/java/dev/enoscoap/junit/readme", file));
        int start = source.indexOf("// tag::" + tag + "[]");
        int end = source.indexOf("// end::" + tag + "[]");
        assertThat(start).as("tag %s in %s", tag, file).isNotNegative().isLessThan(end);
        List<String> example = stripped(source.substring(source.indexOf('\n', start) + 1, end));

        assertThat(Collections.indexOfSubList(readme, example))
                .as("the README holds the lines of %s in %s:%n%s", tag, file, String.join("\n", example))
                .isNotNegative();
    }

    /** The lines without their indentation, so that an example may sit at another depth than in its test. */
    private static List<String> stripped(String text) {
        return text.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }

    @Test
    void theReadmeDependencyIsTheOneThisModuleBuilds() throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        String pom = Files.readString(Path.of("pom.xml"));
        String parent = Files.readString(Path.of("../pom.xml"));

        assertThat(pom).contains("<artifactId>enos-coap-conformance</artifactId>");
        assertThat(parent).contains("<version>0.1.0-SNAPSHOT</version>", "<junit.version>5.14.4</junit.version>");
        assertThat(readme).contains("<artifactId>enos-coap-conformance</artifactId>\n    <version>0.1.0-SNAPSHOT</version>")
                .contains("<version>5.14.4</version>");
    }
}
