package dev.enoscoap.bench;

import java.nio.file.Path;

/** Where the child JVMs come from: this JVM's {@code java} and class path. */
final class Jvm {
    private Jvm() {
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static String classpath() {
        return System.getProperty("java.class.path");
    }
}
