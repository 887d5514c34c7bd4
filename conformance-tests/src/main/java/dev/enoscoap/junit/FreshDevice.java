package dev.enoscoap.junit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * Injects a device that no other test uses: registered in the server's registry when the
 * parameter is resolved, with a unique device key and a random device secret whose PSK key has
 * no zero byte (so it can also be handed to tools that take raw key bytes).
 *
 * <p>Within one test, parameters with the same {@link #value() label} and options get the same device, so a
 * {@code @BeforeEach} method and the test method can share it; give two parameters different
 * labels to get two devices. In a constructor of a per-class test instance or in
 * {@code @BeforeAll} the device is one for the class.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@API(status = EXPERIMENTAL, since = "0.1")
public @interface FreshDevice {
    /** A label that tells several fresh devices of one test apart; default {@code ""}. */
    String value() default "";

    /** The product to register the device in; default the registry's first product. */
    String product() default "";

    /**
     * Whether the device gets a device secret (default), or has none and must activate in
     * SecureMode 3 first (EC-5, EC-8); the product then needs dynamic activation.
     */
    boolean withSecret() default true;
}
