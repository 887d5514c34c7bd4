package dev.enoscoap.conformance.suite;

import dev.enoscoap.conformance.spi.EnosClientAdapter;
import dev.enoscoap.conformance.spi.ClientInfo;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each conformance test its {@link Judge}: the purpose from {@link Purpose}, a fresh
 * adapter from the test instance, and cleanup after the test through the JUnit store. It
 * publishes the client's declared identity as a report entry for the conformance report.
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
        publishClientIdentity(context, adapter.info());
        Judge judge = new Judge(entry, adapter);
        // JUnit closes AutoCloseable store values when the test ends.
        context.getStore(NAMESPACE).put(Judge.class, judge);
        return judge;
    }

    /** Report entry keys with the client's declared identity, for the conformance report. */
    public static final String CLIENT_NAME = "enos.client.name";
    /** See {@link #CLIENT_NAME}. */
    public static final String CLIENT_VERSION = "enos.client.version";
    /** See {@link #CLIENT_NAME}; capability names, comma-separated. */
    public static final String CLIENT_CAPABILITIES = "enos.client.capabilities";

    private static void publishClientIdentity(ExtensionContext context, ClientInfo info) {
        context.publishReportEntry(Map.of(CLIENT_NAME, info.name(), CLIENT_VERSION, info.version(),
                CLIENT_CAPABILITIES, info.capabilities().stream().map(Enum::name).sorted()
                        .collect(Collectors.joining(","))));
    }
}
