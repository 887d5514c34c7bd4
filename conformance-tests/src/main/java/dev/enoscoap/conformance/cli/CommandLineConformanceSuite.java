package dev.enoscoap.conformance.cli;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.enoscoap.conformance.spi.Capability;
import dev.enoscoap.conformance.spi.ClientInfo;
import dev.enoscoap.conformance.spi.EnosClientAdapter;
import dev.enoscoap.conformance.suite.EnosConformanceSuite;
import dev.enoscoap.conformance.suite.SuiteConfig;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Every conformance suite, judging a program driven through {@link CommandLineAdapter}. The
 * conformance runner runs this class; a vendor's build can run it too (e.g. with Surefire's
 * {@code -Dtest} and {@code configurationParameters}). JUnit configuration parameters:
 * <ul>
 * <li>{@value #CMD} (required): the command template</li>
 * <li>{@value #CAPABILITIES}: comma-separated {@link Capability} names; default
 * {@link #DEFAULT_CAPABILITIES} (a session cannot outlive a process). Declare exactly what the
 * program implements: a purpose whose capability is not declared is not applicable, while an action
 * of a declared capability that answers exit code 3 ("not implemented") fails its purpose.</li>
 * <li>{@value #NAME}, {@value #VERSION}: the client's name and version for the report</li>
 * <li>{@value #TIMEOUT}: time limit of one call in seconds, default 30</li>
 * </ul>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public class CommandLineConformanceSuite implements EnosConformanceSuite {
    /** Parameter: the command template. */
    public static final String CMD = "enos.client.cmd";
    /** Parameter: declared capabilities. */
    public static final String CAPABILITIES = "enos.client.capabilities";
    /** Parameter: the client's name. */
    public static final String NAME = "enos.client.name";
    /** Parameter: the client's version. */
    public static final String VERSION = "enos.client.version";
    /** Parameter: time limit of one call, in seconds. */
    public static final String TIMEOUT = "enos.client.timeout";
    /** Capabilities assumed when none are configured: all but SESSION_REUSE. */
    public static final Set<Capability> DEFAULT_CAPABILITIES = Set.copyOf(
            EnumSet.complementOf(EnumSet.of(Capability.SESSION_REUSE)));

    @Override
    public EnosClientAdapter adapter(SuiteConfig config) {
        String cmd = config.get(CMD).filter(s -> !s.isBlank()).orElseThrow(() -> new IllegalStateException(
                "configuration parameter " + CMD + " is not set: give the command that runs the client under test, "
                        + "e.g. -D" + CMD + "=\"bash my-shim.sh {action} --host {host} --port {port} ...\""));
        Set<Capability> capabilities = config.get(CAPABILITIES).map(CommandLineConformanceSuite::capabilities)
                .orElse(DEFAULT_CAPABILITIES);
        Duration timeout = config.get(TIMEOUT).map(CommandLineConformanceSuite::seconds)
                .orElse(CommandLineAdapter.DEFAULT_TIMEOUT);
        String name = config.get(NAME).orElse("command-line client");
        String version = config.get(VERSION).orElse("unknown");
        return new CommandLineAdapter(cmd, new ClientInfo(name, version, capabilities), timeout);
    }

    /** Parses a comma-separated capability list; unknown names are errors naming the known ones. */
    static Set<Capability> capabilities(String list) {
        try {
            return Capability.parseList(list);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(CAPABILITIES + ": " + e.getMessage(), e);
        }
    }

    static Duration seconds(String text) {
        try {
            long s = Long.parseLong(text.strip());
            if (s > 0) {
                return Duration.ofSeconds(s);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(TIMEOUT + " must be a positive number of seconds, was '" + text + "'");
    }
}
