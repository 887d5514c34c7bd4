package dev.enoscoap.conformance.cli;

import dev.enoscoap.conformance.suite.Purpose;
import java.util.Set;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.PostDiscoveryFilter;

/**
 * Keeps the tests whose purpose is in one of the given areas ({@code KEY} for
 * {@code ENOS-KEY-01}), so an area selects exactly its purposes.
 */
final class AreaFilter implements PostDiscoveryFilter {
    private final Set<String> areas;

    AreaFilter(Set<String> areas) {
        this.areas = Set.copyOf(areas);
    }

    @Override
    public FilterResult apply(TestDescriptor descriptor) {
        if (descriptor.getSource().orElse(null) instanceof MethodSource ms) {
            Purpose purpose = ms.getJavaMethod().getAnnotation(Purpose.class);
            if (purpose != null) {
                String[] parts = purpose.value().split("-");
                String area = parts.length > 1 ? parts[1] : "";
                return FilterResult.includedIf(areas.contains(area), () -> "purpose " + purpose.value() + " is in area "
                        + area, () -> "purpose " + purpose.value() + " is not in " + areas);
            }
        }
        return FilterResult.included("not a purpose test");
    }
}
