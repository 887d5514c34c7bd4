package dev.enoscoap.conformance.spi;

/**
 * What a client saw when it reported data.
 *
 * @param coapCode the CoAP response code, e.g. {@code 2.04}
 * @param replyCode the {@code code} of the EnOS reply body, or -1 if the client cannot tell
 */
public record PublishResult(String coapCode, int replyCode) {

    /** Whether the client saw success: 2.xx and reply code 200 (or no reply code). */
    public boolean succeeded() {
        return coapCode.startsWith("2.") && (replyCode == 200 || replyCode == -1);
    }
}
