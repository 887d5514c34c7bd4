package dev.enoscoap.bench;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.enoscoap.bench.junit.TrivialServerTests;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs {@code N} trivial {@code @EnosCoapServer} test classes through the JUnit Platform launcher
 * in this JVM and prints how long each class took, from its start to its end (server started,
 * injected, one test, server closed): the first pays for class loading, the others show what the
 * annotation costs a suite per class.
 */
final class JUnitCost {
    private JUnitCost() {
    }

    static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        List<Class<?>> classes = TrivialServerTests.classes();
        if (n > classes.size()) {
            throw new IllegalArgumentException("at most " + classes.size() + " trivial classes, asked for " + n);
        }
        List<ClassSelector> selectors = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            selectors.add(selectClass(classes.get(i)));
        }
        Map<String, Long> started = new ConcurrentHashMap<>();
        List<String> out = new ArrayList<>();
        int[] failed = new int[1];
        Launcher launcher = LauncherFactory.create();
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectors)
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "false").build(),
                new TestExecutionListener() {
                    @Override
                    public void executionStarted(TestIdentifier id) {
                        if (id.getSource().orElse(null) instanceof ClassSource) {
                            started.put(id.getUniqueId(), System.nanoTime());
                        }
                    }

                    @Override
                    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                        if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                            failed[0]++;
                            System.out.println(ServerMain.REPLY + "junit-failed " + id.getDisplayName() + " "
                                    + result.getThrowable().map(Throwable::toString).orElse(""));
                        }
                        Long t0 = started.get(id.getUniqueId());
                        if (t0 != null) {
                            out.add(String.format(java.util.Locale.ROOT, "junit-class %s %.3f", id.getDisplayName(),
                                    (System.nanoTime() - t0) / 1e6));
                        }
                    }
                });
        out.forEach(line -> System.out.println(ServerMain.REPLY + line));
        System.out.println(ServerMain.REPLY + "junit-done " + failed[0]);
        System.out.flush();
        System.exit(failed[0] == 0 ? 0 : 1);
    }
}
