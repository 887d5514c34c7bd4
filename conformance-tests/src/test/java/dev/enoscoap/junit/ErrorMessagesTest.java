package dev.enoscoap.junit;

import static dev.enoscoap.junit.EnosAssertions.assertThat;

import dev.enoscoap.junit.EnosCoapServer.Scope;
import dev.enoscoap.mock.session.VirtualClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
}
