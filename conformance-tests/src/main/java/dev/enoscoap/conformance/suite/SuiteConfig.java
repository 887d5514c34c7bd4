package dev.enoscoap.conformance.suite;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Optional;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * Configuration parameters of the run (JUnit configuration parameters, e.g. from
 * {@code junit-platform.properties}, {@code -D} or the runner's options).
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class SuiteConfig {
    private final Function<String, Optional<String>> lookup;

    public SuiteConfig(Function<String, Optional<String>> lookup) {
        this.lookup = lookup;
    }

    /** A parameter's value. */
    public Optional<String> get(String key) {
        return lookup.apply(key);
    }

    /** A parameter's value, which must be set. */
    public String require(String key) {
        return get(key).orElseThrow(() -> new IllegalStateException("configuration parameter " + key + " is not set"));
    }
}
