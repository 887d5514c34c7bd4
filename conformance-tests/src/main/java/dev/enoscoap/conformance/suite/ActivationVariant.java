package dev.enoscoap.conformance.suite;

import dev.enoscoap.mock.protocol.Topics;

/**
 * Activation answers (EC-9) that differ from the mock's own in ways a client must tolerate:
 * it must read fields by name (ENOS-ACT-04).
 */
enum ActivationVariant {
    /** Members in another order, params first. */
    REORDERED("{\"params\":{\"deviceSecret\":\"%3$s\",\"deviceKey\":\"%2$s\",\"productKey\":\"%1$s\",\"assetId\":\"a-1\"},"
            + "\"method\":\"%4$s\",\"version\":\"1.0\",\"id\":\"71\"}"),
    /** Unknown members at both levels, including a decoy secret in another object. */
    EXTRA_FIELDS("{\"id\":\"72\",\"version\":\"1.0\",\"code\":200,\"method\":\"%4$s\","
            + "\"data\":{\"deviceSecret\":\"not-this-one\"},\"params\":{\"assetId\":\"a-2\",\"productKey\":\"%1$s\","
            + "\"deviceKey\":\"%2$s\",\"region\":\"cn\",\"deviceSecret\":\"%3$s\",\"tags\":{\"x\":[1,2]}}}"),
    /** Pretty-printed with newlines, tabs and spaces. */
    WHITE_SPACE("{\n\t\"id\" : \"73\" ,\n  \"version\":\"1.0\",\r\n  \"method\" :\"%4$s\",\n  \"params\" : {\n"
            + "    \"assetId\" : \"a-3\",\n    \"productKey\" : \"%1$s\",\n    \"deviceKey\" : \"%2$s\",\n"
            + "    \"deviceSecret\" : \"%3$s\"\n  }\n}\n"),
    /** A numeric {@code id}. */
    NUMERIC_ID("{\"id\":74,\"version\":\"1.0\",\"method\":\"%4$s\",\"params\":{\"assetId\":\"a-4\","
            + "\"productKey\":\"%1$s\",\"deviceKey\":\"%2$s\",\"deviceSecret\":\"%3$s\"}}");

    private final String template;

    ActivationVariant(String template) {
        this.template = template;
    }

    /** The answer for a device. */
    public String body(String productKey, String deviceKey, String secret) {
        return String.format(template, productKey, deviceKey, secret, Topics.ACTIVATION_METHOD);
    }
}
