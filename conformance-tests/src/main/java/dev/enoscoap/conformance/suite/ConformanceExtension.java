package dev.enoscoap.conformance.suite;

import dev.enoscoap.conformance.spi.EnosClientAdapter;
import java.lang.reflect.Method;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each conformance test its {@link Judge}: the purpose from {@link Purpose}, a fresh
 * adapter from the test instance, and cleanup after the test through the JUnit store.
 */
public final class ConformanceExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ConformanceExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Judge.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Method method = context.getRequiredTestMethod();
        Purpose purpose = method.getAnnotation(Purpose.class);
        if (purpose == null) {
            throw new ParameterResolutionException(method + " takes a Judge but has no @Purpose");
        }
        Catalogue.Entry entry = Catalogue.load().get(purpose.value()).orElseThrow(() -> new ParameterResolutionException(
                method + " names purpose " + purpose.value() + ", which is not in " + Catalogue.RESOURCE));
        Object instance = context.getRequiredTestInstance();
        if (!(instance instanceof ClientUnderTest cut)) {
            throw new ParameterResolutionException(instance.getClass() + " must implement ClientUnderTest");
        }
        EnosClientAdapter adapter = cut.adapter(new SuiteConfig(context::getConfigurationParameter));
        Judge judge = new Judge(entry, adapter);
        // JUnit closes AutoCloseable store values when the test ends.
        context.getStore(NAMESPACE).put(Judge.class, judge);
        return judge;
    }
}
