package dev.enoscoap.junit;

import static dev.enoscoap.junit.EnosAssertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's first test is, verbatim, a test of this build ({@code readme/DeviceConnectsTest}). */
class ReadmeTest {

    @Test
    void theReadmeExampleIsTheSourceOfATestInTheBuild() throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        String source = Files.readString(Path.of("src/test/java/dev/enoscoap/junit/readme/DeviceConnectsTest.java"));
        String example = source.substring(source.indexOf("import static")).stripTrailing();

        assertThat(readme).contains("```java\n" + example + "\n```");
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
