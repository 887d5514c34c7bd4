package dev.enoscoap.mock.protocol;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Optional;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * The CoAP response codes of EC-13 (and 2.05 Content, the activation answer of EC-8), so codes
 * are compared through a type instead of {@code "c.dd"} strings.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public enum ResponseCode {
    CHANGED("2.04", "Changed"),
    CONTENT("2.05", "Content"),
    BAD_REQUEST("4.00", "Bad Request"),
    UNAUTHORIZED("4.01", "Unauthorized"),
    FORBIDDEN("4.03", "Forbidden"),
    NOT_FOUND("4.04", "Not Found"),
    METHOD_NOT_ALLOWED("4.05", "Method Not Allowed"),
    INTERNAL_SERVER_ERROR("5.00", "Internal Server Error");

    private static final Pattern WELL_FORMED = Pattern.compile("[2-5]\\.\\d\\d");

    private final String text;
    private final String name;

    ResponseCode(String text, String name) {
        this.text = text;
        this.name = name;
    }

    /** The code as CoAP writes it, e.g. {@code 2.04}. */
    public String text() {
        return text;
    }

    /** Whether {@code code} (e.g. from a journal entry) is this code. */
    public boolean is(String code) {
        return text.equals(code);
    }

    /** Whether the code is a success (2.xx). */
    public boolean success() {
        return text.startsWith("2.");
    }

    /** Whether {@code code} is written as a CoAP response code, {@code c.dd} with class 2 to 5 (e.g. {@code 5.03}). */
    public static boolean isWellFormed(String code) {
        return code != null && WELL_FORMED.matcher(code).matches();
    }

    /** Whether {@code code} is any success code (2.xx). */
    public static boolean isSuccess(String code) {
        return code != null && code.startsWith("2.");
    }

    /** The code written as {@code c.dd}, if it is one of EC-13's. */
    public static Optional<ResponseCode> of(String code) {
        for (ResponseCode c : values()) {
            if (c.text.equals(code)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return text + " " + name;
    }
}
