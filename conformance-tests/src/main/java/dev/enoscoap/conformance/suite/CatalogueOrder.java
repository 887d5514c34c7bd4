package dev.enoscoap.conformance.suite;

import java.util.Comparator;
import org.junit.jupiter.api.MethodDescriptor;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.MethodOrdererContext;

/**
 * Orders conformance tests as the catalogue orders their purposes: every purpose after the
 * purposes it needs, so a failed prerequisite is known before its dependents run.
 */
final class CatalogueOrder implements MethodOrderer {

    @Override
    public void orderMethods(MethodOrdererContext context) {
        Catalogue catalogue = Catalogue.load();
        context.getMethodDescriptors().sort(Comparator.comparingInt(d -> position(catalogue, d)));
    }

    private static int position(Catalogue catalogue, MethodDescriptor d) {
        return d.findAnnotation(Purpose.class).map(p -> catalogue.position(p.value())).filter(i -> i >= 0)
                .orElse(Integer.MAX_VALUE);
    }
}
