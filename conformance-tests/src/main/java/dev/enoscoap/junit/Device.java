package dev.enoscoap.junit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * Injects the {@link DeviceCredentials} of a device in the server's registry:
 * {@code @Device("demoProduct/dev01") DeviceCredentials dev}. Resolution fails with a message
 * naming the device and the registry when the registry does not have it.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@API(status = EXPERIMENTAL, since = "0.1")
public @interface Device {
    /** {@code productKey/deviceKey}. */
    String value();
}
