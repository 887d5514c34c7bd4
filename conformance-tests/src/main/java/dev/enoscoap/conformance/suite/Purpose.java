package dev.enoscoap.conformance.suite;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * The test purpose a conformance test judges, e.g. {@code ENOS-KEY-01}; an id of
 * {@code fixtures/catalogue/test-purposes.json}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@API(status = EXPERIMENTAL, since = "0.1")
public @interface Purpose {
    /** The purpose id. */
    String value();
}
