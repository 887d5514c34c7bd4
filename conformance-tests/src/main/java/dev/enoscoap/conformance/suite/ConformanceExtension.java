package dev.enoscoap.conformance.suite;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.enoscoap.conformance.spi.Capability;
import dev.enoscoap.conformance.spi.ClientInfo;
import dev.enoscoap.conformance.spi.EnosClientAdapter;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Runs each conformance test as its catalogue entry says. Before the test body runs it checks
 * the capabilities the purpose needs against what the client declares (not applicable if one is
 * missing) and the verdicts of the purposes it needs (inconclusive at once, naming the
 * prerequisite, if one failed or was inconclusive); after it, it records the verdict in the run's
 * ledger. It gives the test its {@link Judge} (closed through the JUnit store when the test ends)
 * and publishes the client's declared identity as a report entry for the conformance report.
 */
@API(status = INTERNAL, since = "0.1")
public final class ConformanceExtension implements BeforeTestExecutionCallback, AfterTestExecutionCallback,
        ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ConformanceExtension.class);

    /** Report entry keys with the client's declared identity, for the conformance report. */
    public static final String CLIENT_NAME = "enos.client.name";
    /** See {@link #CLIENT_NAME}. */
    public static final String CLIENT_VERSION = "enos.client.version";
    /** See {@link #CLIENT_NAME}; capability names, comma-separated. */
    public static final String CLIENT_CAPABILITIES = "enos.client.capabilities";
    /** Report entry key of a note on how a purpose was judged (e.g. on one request per session only). */
    public static final String NOTE = "enos.note";

    @Override
    public void beforeTestExecution(ExtensionContext context) {
        Method method = context.getRequiredTestMethod();
        Purpose purpose = method.getAnnotation(Purpose.class);
        if (purpose == null) {
            return;
        }
        Catalogue catalogue = Catalogue.load();
        Catalogue.Entry entry = catalogue.get(purpose.value()).orElseThrow(() -> new ParameterResolutionException(
                method + " names purpose " + purpose.value() + ", which is not in " + Catalogue.RESOURCE));
        Object instance = context.getRequiredTestInstance();
        if (!(instance instanceof ClientUnderTest cut)) {
            throw new ParameterResolutionException(instance.getClass() + " must implement ClientUnderTest");
        }
        Ledger ledger = Ledger.of(context);
        try {
            EnosClientAdapter adapter = cut.adapter(new SuiteConfig(context::getConfigurationParameter));
            ClientInfo info = adapter.info();
            publishClientIdentity(context, info);
            Judge judge = new Judge(entry, adapter, info, ledger, Scenarios.of(context),
                    note -> context.publishReportEntry(NOTE, note));
            // JUnit closes AutoCloseable store values when the test ends.
            context.getStore(NAMESPACE).put(Judge.class, judge);
            List<Capability> missing = entry.capabilities().stream().filter(c -> !info.can(c)).toList();
            if (!missing.isEmpty()) {
                throw new NotApplicable(info.name() + " does not declare " + missing.stream().map(Enum::name)
                        .collect(Collectors.joining(", ")) + " (" + entry.notApplicable() + ")");
            }
            for (String pre : entry.prerequisites()) {
                ledger.verdict(pre).filter(Ledger.Verdict::stops).ifPresent(v -> {
                    Catalogue.Entry p = catalogue.get(pre).orElseThrow();
                    throw Inconclusive.becauseOf(pre, entry.id() + " needs " + pre + " (" + p.title() + "), which "
                            + (v.state() == Ledger.State.FAILED ? "failed" : "was inconclusive") + ": "
                            + firstLine(v.message()).replaceFirst("^inconclusive: ", ""));
                });
            }
        } catch (RuntimeException e) {
            ledger.record(entry.id(), e);
            throw e;
        }
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        Purpose purpose = context.getRequiredTestMethod().getAnnotation(Purpose.class);
        if (purpose != null) {
            Ledger.of(context).record(purpose.value(), context.getExecutionException().orElse(null));
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Judge.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Judge judge = context.getStore(NAMESPACE).get(Judge.class, Judge.class);
        if (judge == null) {
            throw new ParameterResolutionException(context.getRequiredTestMethod() + " takes a Judge but has no @Purpose");
        }
        return judge;
    }

    private static String firstLine(String text) {
        String t = text == null ? "" : text.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }

    private static void publishClientIdentity(ExtensionContext context, ClientInfo info) {
        context.publishReportEntry(Map.of(CLIENT_NAME, info.name(), CLIENT_VERSION, info.version(),
                CLIENT_CAPABILITIES, info.capabilities().stream().map(Enum::name).sorted()
                        .collect(Collectors.joining(","))));
    }
}
