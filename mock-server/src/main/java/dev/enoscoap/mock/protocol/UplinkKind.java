package dev.enoscoap.mock.protocol;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
/**
 * The uplink topics of EC-11, each with its EnOS method and the member of {@code params} it needs.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public enum UplinkKind {
    MEASUREPOINT_POST("thing/measurepoint/post", "thing.measurepoint.post", "measurepoints", false),
    MEASUREPOINT_POST_BATCH("thing/measurepoint/post/batch", "thing.measurepoint.post.batch", "measurepoints", true),
    MEASUREPOINT_RESUME("thing/measurepoint/resume", "thing.measurepoint.resume", "measurepoints", false),
    MEASUREPOINT_RESUME_BATCH("thing/measurepoint/resume/batch", "thing.measurepoint.resume.batch", "measurepoints", true),
    /** {@code thing/event/{identifier}/post}; the method is {@code thing.event.{identifier}.post}. */
    EVENT_POST("thing/event/{identifier}/post", "thing.event.{identifier}.post", "events", false),
    ATTRIBUTE_UPDATE("thing/attribute/update", "thing.attribute.update", "attributes", false),
    ATTRIBUTE_QUERY("thing/attribute/query", "thing.attribute.query", "attributes", false),
    ATTRIBUTE_DELETE("thing/attribute/delete", "thing.attribute.delete", "attributes", false),
    /** Pass-through: raw bytes, no JSON. */
    UP_RAW("thing/model/up_raw", null, null, false);

    private final String pattern;
    private final String method;
    private final String paramsMember;
    private final boolean batch;

    UplinkKind(String pattern, String method, String paramsMember, boolean batch) {
        this.pattern = pattern;
        this.method = method;
        this.paramsMember = paramsMember;
        this.batch = batch;
    }

    /** The topic after {@code /sys/{pk}/{dk}/}, with {@code {identifier}} for events. */
    public String pattern() {
        return pattern;
    }

    /** The method the body must name, with {@code {identifier}} for events; {@code null} for raw. */
    public String methodPattern() {
        return method;
    }

    /** The method the body must name, {@code identifier} filled in for events; {@code null} for raw. */
    public String method(String identifier) {
        return method == null ? null : identifier == null ? method : method.replace("{identifier}", identifier);
    }

    /** The member of {@code params} the method needs; {@code null} for raw. */
    public String paramsMember() {
        return paramsMember;
    }

    /** Whether {@code params} is an array of entries, each for a device of the product. */
    public boolean batch() {
        return batch;
    }

    /** Whether the uplink reports measure point values (posted or resumed, one device or a batch). */
    public boolean measurePoints() {
        return "measurepoints".equals(paramsMember);
    }

    /** Whether the body is raw bytes rather than EnOS JSON. */
    public boolean raw() {
        return this == UP_RAW;
    }
}
