package dev.enoscoap.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enoscoap.conformance.suite.Purpose;
import dev.enoscoap.junit.EnosCoapServer;
import dev.enoscoap.mock.EnosMockServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apiguardian.api.API;
import org.junit.jupiter.api.Test;

/**
 * What is API and what is not, as the README's "Public API" section says: every public type of the
 * two library jars carries {@link API}; the packages with API types are exactly the README's; the
 * kit's wiring packages hold none; and no API member hands out an internal type.
 */
class ApiSurfaceTest {
    private static final Pattern README_ROW = Pattern.compile("^\\| `(dev\\.enoscoap[\\w.]*)` \\|", Pattern.MULTILINE);

    private static List<Class<?>> publicTypes() {
        List<Class<?>> types = new ArrayList<>();
        for (Class<?> anchor : List.of(EnosMockServer.class, EnosCoapServer.class)) {
            for (String name : classNames(anchor)) {
                try {
                    Class<?> c = Class.forName(name, false, ApiSurfaceTest.class.getClassLoader());
                    if (Modifier.isPublic(c.getModifiers())) {
                        types.add(c);
                    }
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return types;
    }

    /** The top-level classes under {@code dev/enoscoap} of the jar or directory {@code anchor} came from. */
    private static List<String> classNames(Class<?> anchor) {
        Path root;
        try {
            root = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<String> files = new ArrayList<>();
        try {
            if (Files.isDirectory(root)) {
                try (Stream<Path> walk = Files.walk(root.resolve("dev/enoscoap"))) {
                    walk.forEach(f -> files.add(root.relativize(f).toString().replace('\\', '/')));
                }
            } else {
                try (JarFile jar = new JarFile(root.toFile())) {
                    jar.stream().forEach(e -> files.add(e.getName()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files.stream().filter(f -> f.startsWith("dev/enoscoap/") && f.endsWith(".class") && !f.contains("$")
                && !f.endsWith("package-info.class")).map(f -> f.substring(0, f.length() - 6).replace('/', '.')).sorted()
                .toList();
    }

    private static API.Status status(Class<?> type) {
        Class<?> top = type;
        while (top.getEnclosingClass() != null) {
            top = top.getEnclosingClass();
        }
        API api = top.getAnnotation(API.class);
        return api == null ? null : api.status();
    }

    private static boolean internal(Class<?> type) {
        return type.getName().startsWith("dev.enoscoap.") && status(type) == API.Status.INTERNAL;
    }

    @Test
    void everyPublicTypeSaysWhetherItIsApi() {
        List<Class<?>> types = publicTypes();
        assertThat(types).as("public types found").hasSizeGreaterThan(100);
        assertThat(types).filteredOn(t -> t.getAnnotation(API.class) == null).as("public types without @API").isEmpty();
    }

    @Test
    void thePackagesWithApiAreTheReadmes() throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        String section = readme.substring(readme.indexOf("\n## Public API\n"));
        section = section.substring(0, section.indexOf("\n## ", 1));
        Set<String> documented = new TreeSet<>();
        Matcher m = README_ROW.matcher(section);
        while (m.find()) {
            documented.add(m.group(1));
        }
        Set<String> withApi = new TreeSet<>();
        for (Class<?> t : publicTypes()) {
            if (status(t) != API.Status.INTERNAL) {
                withApi.add(t.getPackageName());
            }
        }
        assertThat(withApi).isEqualTo(documented);
        assertThat(withApi).doesNotContain("dev.enoscoap.mock.coap", "dev.enoscoap.mock.dtls", "dev.enoscoap.mock.cli",
                "dev.enoscoap.mock.guard", "dev.enoscoap.mock.persist");
    }

    @Test
    void noApiMemberHandsOutAnInternalType() {
        List<String> leaks = new ArrayList<>();
        for (Class<?> t : publicTypes()) {
            if (status(t) == API.Status.INTERNAL) {
                continue;
            }
            List<Class<?>> nested = new ArrayList<>(List.of(t));
            Collections.addAll(nested, t.getDeclaredClasses());
            for (Class<?> c : nested) {
                if (!Modifier.isPublic(c.getModifiers())) {
                    continue;
                }
                for (Method method : c.getDeclaredMethods()) {
                    // A purpose's test method is run by JUnit, which resolves its parameters; no code calls it.
                    if (visible(method) && !method.isSynthetic() && method.getAnnotation(Purpose.class) == null) {
                        check(leaks, method, method.getReturnType());
                        for (Class<?> p : method.getParameterTypes()) {
                            check(leaks, method, p);
                        }
                    }
                }
                for (Constructor<?> constructor : c.getDeclaredConstructors()) {
                    if (visible(constructor)) {
                        for (Class<?> p : constructor.getParameterTypes()) {
                            check(leaks, constructor, p);
                        }
                    }
                }
                for (Field field : c.getDeclaredFields()) {
                    if (Modifier.isPublic(field.getModifiers()) && internal(field.getType())) {
                        leaks.add(field + " is of internal type " + field.getType().getName());
                    }
                }
            }
        }
        assertThat(leaks).as("API members that take or give an internal type").isEmpty();
    }

    private static boolean visible(Executable e) {
        int m = e.getModifiers();
        API api = e.getAnnotation(API.class);
        return (Modifier.isPublic(m) || Modifier.isProtected(m)) && (api == null || api.status() != API.Status.INTERNAL);
    }

    private static void check(List<String> leaks, Executable e, Class<?> type) {
        Class<?> t = type.isArray() ? type.getComponentType() : type;
        if (internal(t) || t.getName().startsWith("dev.enoscoap.") && !Modifier.isPublic(t.getModifiers())) {
            leaks.add(e.toGenericString() + " uses " + t.getName());
        }
    }
}
