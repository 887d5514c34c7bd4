package dev.enoscoap.conformance.suite;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The test purpose a conformance test judges, e.g. {@code ENOS-KEY-01}; an id of
 * {@code fixtures/catalogue/test-purposes.json}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Purpose {
    /** The purpose id. */
    String value();
}
