package dev.enoscoap.junit;

import dev.enoscoap.mock.registry.Registry;
import dev.enoscoap.mock.registry.RegistryException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Registry files read once per test run, kept in the root context's store. Each server still gets
 * a registry of its own, parsed from the cached bytes, since a registry changes while its server
 * runs (activation, fresh devices). A file is read again when its size or modification time
 * changes; a classpath resource is read once per class loader.
 */
final class RegistryCache {
    private static final String CLASSPATH = "classpath:";

    private record Source(String location, ClassLoader loader) {
    }

    private record Content(byte[] bytes, FileTime modified, long size) {
    }

    private final ConcurrentMap<Source, Content> read = new ConcurrentHashMap<>();

    /**
     * A new registry from {@code classpath:NAME} or a file path, with the same source name and the
     * same errors as {@link Registry#fromLocation(String)}.
     *
     * @throws RegistryException if the registry cannot be read or breaks a rule
     */
    Registry load(String location) {
        if (location.startsWith(CLASSPATH)) {
            String name = location.substring(CLASSPATH.length());
            name = name.startsWith("/") ? name.substring(1) : name;
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            if (loader == null) {
                loader = Registry.class.getClassLoader();
            }
            String resource = name;
            ClassLoader from = loader;
            Content content = read.computeIfAbsent(new Source(CLASSPATH + name, loader),
                    k -> readResource(resource, from));
            return Registry.read(CLASSPATH + name, new ByteArrayInputStream(content.bytes()));
        }
        Path file = Path.of(location);
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            return Registry.load(file); // fails with the registry's own message
        }
        Content content = read.compute(new Source(file.toAbsolutePath().toString(), null),
                (k, old) -> old != null && old.modified().equals(attributes.lastModifiedTime())
                        && old.size() == attributes.size() ? old : readFile(file, attributes));
        return Registry.read(file.toString(), new ByteArrayInputStream(content.bytes()));
    }

    private static Content readResource(String name, ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in == null) {
                throw new RegistryException("registry classpath:" + name + ": no such resource on the classpath");
            }
            return new Content(in.readAllBytes(), null, -1);
        } catch (IOException e) {
            throw new RegistryException("registry classpath:" + name + ": cannot be read: " + e, e);
        }
    }

    private static Content readFile(Path file, BasicFileAttributes attributes) {
        try {
            return new Content(Files.readAllBytes(file), attributes.lastModifiedTime(), attributes.size());
        } catch (IOException e) {
            throw new RegistryException("registry " + file + ": cannot be read: " + e, e);
        }
    }
}
