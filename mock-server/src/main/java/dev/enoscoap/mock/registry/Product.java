package dev.enoscoap.mock.registry;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A product in the registry.
 *
 * @param productKey the product key
 * @param productSecret the product secret for SecureMode 3, or {@code null} if the product has none
 * @param dynamicActivation whether devices may activate with the product secret (EC-5)
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Product(String productKey, String productSecret, boolean dynamicActivation) {

    public Product {
        Objects.requireNonNull(productKey, "productKey");
    }

    /** Whether the product has a secret at all. */
    public boolean hasSecret() {
        return productSecret != null;
    }

    @Override
    public String toString() {
        return "Product[" + productKey + ", dynamicActivation=" + dynamicActivation + ", secret="
                + (hasSecret() ? "set" : "none") + "]";
    }
}
