package dev.enoscoap.conformance.suite;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Set;
import org.apiguardian.api.API;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.PostDiscoveryFilter;

/** Keeps the conformance tests of the given purposes (e.g. {@code ENOS-KEY-01}) and drops the others. */
@API(status = INTERNAL, since = "0.1")
public final class PurposeFilter implements PostDiscoveryFilter {
    private final Set<String> purposes;

    /** @param purposes purpose ids of the catalogue */
    public PurposeFilter(Set<String> purposes) {
        this.purposes = Set.copyOf(purposes);
    }

    @Override
    public FilterResult apply(TestDescriptor descriptor) {
        if (descriptor.getSource().orElse(null) instanceof MethodSource ms) {
            Purpose purpose = ms.getJavaMethod().getAnnotation(Purpose.class);
            if (purpose != null) {
                return FilterResult.includedIf(purposes.contains(purpose.value()),
                        () -> "purpose " + purpose.value() + " selected", () -> "purpose " + purpose.value() + " not selected");
            }
        }
        return FilterResult.included("not a purpose test");
    }

    /** {@code ids} and, transitively, every purpose they need: what to run so each is judged as in a full run. */
    public static Set<String> withPrerequisites(Set<String> ids) {
        Catalogue catalogue = Catalogue.load();
        java.util.Deque<String> todo = new java.util.ArrayDeque<>(ids);
        Set<String> all = new java.util.TreeSet<>();
        while (!todo.isEmpty()) {
            String id = todo.pop();
            Catalogue.Entry e = catalogue.get(id).orElseThrow(() -> new IllegalArgumentException(
                    "unknown purpose '" + id + "'; known: " + catalogue.all().keySet()));
            if (all.add(id)) {
                todo.addAll(e.prerequisites());
            }
        }
        return all;
    }
}
