package dev.enoscoap.junit;

import static dev.enoscoap.junit.EnosAssertions.assertThat;
import static dev.enoscoap.junit.EnosAssertions.assertThatThrownBy;

import dev.enoscoap.junit.EnosCoapServer.Scope;
import dev.enoscoap.mock.session.VirtualClock;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Every mistake in using the extension fails with a message that says what to change. */
class ErrorMessagesTest {

    @Test
    void aDeviceNotInTheRegistryIsNamedWithTheRegistryAndItsDevices() {
        assertThat(Runs.failureMessages(Runs.run(UnknownDevice.class))).singleElement().asString()
                .contains("@Device(\"demoProduct/nope\")", "parameter 'device'", "device 'nope' of product 'demoProduct'",
                        "registry classpath:enos-fixtures/registry/demo.json", "dev01, dev02");
    }

    @Test
    void aProductNotInTheRegistryIsNamedWithTheRegistryAndItsProducts() {
        assertThat(Runs.failureMessages(Runs.run(UnknownProduct.class))).singleElement().asString()
                .contains("product 'noProduct' is not in registry classpath:test-registry.json", "testProduct");
    }

    @Test
    void aMalformedDeviceNameSaysTheExpectedForm() {
        assertThat(Runs.failureMessages(Runs.run(MalformedDevice.class))).singleElement().asString()
                .contains("@Device(\"dev01\")", "productKey/deviceKey");
    }

    @Test
    void credentialsWithoutAnnotationAskWhichDevice() {
        assertThat(Runs.failureMessages(Runs.run(UnannotatedCredentials.class))).singleElement().asString()
                .contains("@Device(\"productKey/deviceKey\")", "@FreshDevice");
    }

    @Test
    void aVirtualClockOfASystemClockServerSaysHowToTurnItOn() {
        assertThat(Runs.failureMessages(Runs.run(NoVirtualClock.class))).singleElement().asString()
                .contains("virtualClock = true");
    }

    @Test
    void aPerTestServerInBeforeAllSaysWhereItCanBeHad() {
        assertThat(Runs.failureMessages(Runs.run(PerTestInBeforeAll.class))).singleElement().asString()
                .contains("PER_TEST", "@BeforeAll", "PER_CLASS or SHARED");
    }

    @Test
    void aMissingRegistryNamesTheLocation() {
        assertThat(Runs.failureMessages(Runs.run(MissingRegistry.class))).singleElement().asString()
                .contains("classpath:no-such-registry.json");
    }

    @Test
    void aFreshDeviceInAnUnknownProductNamesTheProducts() {
        assertThat(Runs.failureMessages(Runs.run(FreshInUnknownProduct.class))).singleElement().asString()
                .contains("@FreshDevice(product = \"noProduct\")", "demoProduct, closedProduct");
    }

    @Test
    void deviceProblemsAreParameterResolutionFailures() {
        assertThat(Runs.failures(Runs.run(UnknownDevice.class, UnknownProduct.class, MalformedDevice.class,
                UnannotatedCredentials.class, NoVirtualClock.class, PerTestInBeforeAll.class,
                FreshInUnknownProduct.class)))
                .hasSize(7).allSatisfy(t -> assertThat(t).isInstanceOf(ParameterResolutionException.class));
    }

    @Test
    void misconfigurationIsAnExtensionConfigurationExceptionNamingTheOptionTheValueAndTheRule() {
        assertThat(configurationFailure(MissingRegistry.class)).contains(
                "@EnosCoapServer on " + MissingRegistry.class.getName(), "registry \"classpath:no-such-registry.json\"",
                "no such resource on the classpath");
        assertThat(configurationFailure(BadPort.class)).contains("@EnosCoapServer on " + BadPort.class.getName(),
                "port 70000 is outside 0..65535", "0 (the default) takes a free port");
        assertThat(configurationFailure(NoCipherSuite.class)).contains("cipherSuites is empty",
                "at least one cipher suite (EC-2)");
        assertThat(configurationFailure(BlankRegistry.class)).contains("registry \" \" names nothing",
                "classpath:NAME or a file path");
        assertThat(configurationFailure(AbstractConfigurerNamed.class)).contains(
                "configurer " + AbstractConfigurer.class.getName() + " is abstract",
                "a public class with a public constructor without arguments");
        assertThat(configurationFailure(ConfigurerWithArgumentsNamed.class)).contains(
                "configurer " + ConfigurerWithArguments.class.getName() + " has no constructor without arguments");
        assertThat(configurationFailure(FailingConfigurerNamed.class)).contains(
                "configurer " + FailingConfigurer.class.getName() + " failed",
                "max payload must be at least 1 byte, was 0");
    }

    @Test
    void theBuilderRefusesOptionsOutOfRangeWhenTheExtensionIsBuilt() {
        assertThatThrownBy(() -> EnosCoapServerExtension.builder().port(-1).build())
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("EnosCoapServerExtension.builder(): port -1 is outside 0..65535; 0 (the default) takes a "
                        + "free port");
        assertThatThrownBy(() -> EnosCoapServerExtension.builder().cipherSuites().build())
                .isInstanceOf(ExtensionConfigurationException.class).hasMessageContaining("cipherSuites is empty");
        assertThatThrownBy(() -> EnosCoapServerExtension.builder().configure(null))
                .isInstanceOf(ExtensionConfigurationException.class).hasMessageContaining("configure(null)");
    }

    @Test
    void serverDeviceNamesTheRegistryWhenItLacksTheDevice() {
        EngineExecutionResults results = Runs.run(DeviceByName.class);
        assertThat(Runs.failures(results)).singleElement().satisfies(t -> assertThat(t)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("device(\"demoProduct/nope\"): device 'nope' of product 'demoProduct' is not in "
                        + "registry classpath:enos-fixtures/registry/demo.json"));
    }

    private static String configurationFailure(Class<?> fixture) {
        List<Throwable> failures = Runs.failures(Runs.run(fixture));
        assertThat(failures).as("failures of %s", fixture.getSimpleName()).singleElement()
                .isInstanceOf(ExtensionConfigurationException.class);
        return failures.get(0).getMessage();
    }

    @EnosCoapServer
    static class UnknownDevice {
        @Test
        void test(@Device("demoProduct/nope") DeviceCredentials device) {
        }
    }

    @EnosCoapServer(registry = "classpath:test-registry.json")
    static class UnknownProduct {
        @Test
        void test(@Device("noProduct/sensor01") DeviceCredentials device) {
        }
    }

    @EnosCoapServer
    static class MalformedDevice {
        @Test
        void test(@Device("dev01") DeviceCredentials device) {
        }
    }

    @EnosCoapServer
    static class UnannotatedCredentials {
        @Test
        void test(DeviceCredentials device) {
        }
    }

    @EnosCoapServer
    static class NoVirtualClock {
        @Test
        void test(VirtualClock clock) {
        }
    }

    @EnosCoapServer(scope = Scope.PER_TEST)
    static class PerTestInBeforeAll {
        @BeforeAll
        static void beforeAll(EnosTestServer server) {
        }

        @Test
        void test() {
        }
    }

    @EnosCoapServer(registry = "classpath:no-such-registry.json")
    static class MissingRegistry {
        @Test
        void test() {
        }
    }

    @EnosCoapServer
    static class FreshInUnknownProduct {
        @Test
        void test(@FreshDevice(product = "noProduct") DeviceCredentials device) {
        }
    }

    @EnosCoapServer(port = 70_000)
    static class BadPort {
        @Test
        void test() {
        }
    }

    @EnosCoapServer(cipherSuites = {})
    static class NoCipherSuite {
        @Test
        void test() {
        }
    }

    @EnosCoapServer(registry = " ")
    static class BlankRegistry {
        @Test
        void test() {
        }
    }

    public abstract static class AbstractConfigurer implements EnosServerConfigurer {
    }

    @EnosCoapServer(configurer = AbstractConfigurer.class)
    static class AbstractConfigurerNamed {
        @Test
        void test() {
        }
    }

    public static class ConfigurerWithArguments implements EnosServerConfigurer {
        public ConfigurerWithArguments(int capacity) {
        }

        @Override
        public void configure(dev.enoscoap.mock.EnosMockServer.Builder server) {
        }
    }

    @EnosCoapServer(configurer = ConfigurerWithArguments.class)
    static class ConfigurerWithArgumentsNamed {
        @Test
        void test() {
        }
    }

    public static class FailingConfigurer implements EnosServerConfigurer {
        @Override
        public void configure(dev.enoscoap.mock.EnosMockServer.Builder server) {
            server.maxPayloadBytes(0);
        }
    }

    @EnosCoapServer(configurer = FailingConfigurer.class)
    static class FailingConfigurerNamed {
        @Test
        void test() {
        }
    }

    @EnosCoapServer
    static class DeviceByName {
        @Test
        void test(EnosTestServer server) {
            server.device("demoProduct/nope");
        }
    }
}
