package dev.enoscoap.mock.coap;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
/**
 * Which activation requests (EC-8) are served for a device that already has a secret [ours, EC-10].
 * By default none: activation hands out only a secret it makes, once.
 *
 * @param allowReactivation serve a device activated before its secret again (the same one)
 * @param serveRegisteredSecrets serve a device that has a secret from the registry that secret
 */
@API(status = INTERNAL, since = "0.1")
public record ActivationPolicy(boolean allowReactivation, boolean serveRegisteredSecrets) {
}
