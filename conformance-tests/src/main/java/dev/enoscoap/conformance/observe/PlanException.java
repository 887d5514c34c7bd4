package dev.enoscoap.conformance.observe;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
/**
 * A plan file that cannot be used: the message names the file, the JSON location (a JSON pointer
 * such as {@code /stages/1/stimulus/type}) and the rule it breaks.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class PlanException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final String location;

    PlanException(String source, String location, String rule) {
        super(source + ": " + (location.isEmpty() ? "(the document)" : location) + ": " + rule);
        this.source = source;
        this.location = location;
    }

    /** The file or resource the plan came from. */
    public String source() {
        return source;
    }

    /** The JSON pointer of the value that breaks the rule; empty for the whole document. */
    public String location() {
        return location;
    }
}
