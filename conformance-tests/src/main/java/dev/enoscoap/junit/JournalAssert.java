package dev.enoscoap.junit;

import dev.enoscoap.mock.journal.ExchangeEntry;
import dev.enoscoap.mock.journal.HandshakeEntry;
import dev.enoscoap.mock.journal.JournalEntry;
import dev.enoscoap.mock.journal.RefusalReason;
import dev.enoscoap.mock.journal.StateChange;
import dev.enoscoap.mock.protocol.DeviceId;
import dev.enoscoap.mock.protocol.EnosCipherSuite;
import dev.enoscoap.mock.protocol.SecureMode;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions over what the mock server saw. A failure lists the journal, near misses
 * first: entries of the same device, or requests to the same path.
 *
 * <pre>{@code
 * assertThat(server.journal())
 *         .hasAcceptedHandshake(dev)
 *         .hasRequest(dev, "POST", "/topic/sys/demoProduct/dev01/thing/measurepoint/post")
 *         .hasOnline(dev);
 * }</pre>
 */
public final class JournalAssert extends AbstractAssert<JournalAssert, JournalView> {

    JournalAssert(JournalView actual) {
        super(actual, JournalAssert.class);
    }

    /** A handshake of the device completed. */
    public JournalAssert hasAcceptedHandshake(DeviceCredentials device) {
        return hasHandshake(device, "an accepted handshake of " + device.id(), HandshakeEntry::accepted);
    }

    /** A handshake of the device completed with this cipher suite (EC-2). */
    public JournalAssert hasAcceptedHandshake(DeviceCredentials device, EnosCipherSuite suite) {
        return hasHandshake(device, "an accepted handshake of " + device.id() + " with " + suite.ianaName(),
                h -> h.accepted() && suite.ianaName().equals(h.cipherSuite()));
    }

    /** A handshake of the device completed with this SecureMode and Lifetime in its identity (EC-3). */
    public JournalAssert hasAcceptedHandshake(DeviceCredentials device, SecureMode mode, int lifetimeSeconds) {
        return hasHandshake(device, "an accepted handshake of " + device.id() + " with identity "
                + device.identity(mode, lifetimeSeconds),
                h -> h.accepted() && h.identity().secureMode() == mode
                        && h.identity().lifetimeSeconds() == lifetimeSeconds);
    }

    /** A handshake of the device was refused for this reason. */
    public JournalAssert hasRefusedHandshake(DeviceCredentials device, RefusalReason reason) {
        Objects.requireNonNull(reason, "reason");
        DeviceId id = device.id();
        return expect("a handshake of " + id + " refused with " + reason + " (" + reason.clause() + ")",
                e -> e instanceof HandshakeEntry h && id.equals(JournalText.deviceOf(h)) && !h.accepted()
                        && h.reason() == reason,
                byDevice(id, HandshakeEntry.class));
    }

    /**
     * A handshake with exactly this identity text was refused for this reason; for identities
     * that name no device, such as malformed ones (EC-3).
     */
    public JournalAssert hasRefusedHandshake(String identityReceived, RefusalReason reason) {
        return expect("a handshake with identity '" + identityReceived + "' refused with " + reason,
                e -> e instanceof HandshakeEntry h && Objects.equals(identityReceived, h.identityReceived())
                        && !h.accepted() && h.reason() == reason,
                e -> e instanceof HandshakeEntry h ? (Objects.equals(identityReceived, h.identityReceived()) ? 2 : 1)
                        : 0);
    }

    /** No handshake of the device was refused. */
    public JournalAssert hasNoRefusedHandshake(DeviceCredentials device) {
        isNotNull();
        DeviceId id = device.id();
        List<HandshakeEntry> refused = actual.handshakes().stream()
                .filter(h -> !h.accepted() && id.equals(JournalText.deviceOf(h))).toList();
        if (!refused.isEmpty()) {
            failWithMessage("%s", "expected no refused handshake of " + id + ", but the journal has:\n"
                    + JournalText.listing(List.copyOf(refused), e -> 1));
        }
        return this;
    }

    /** A request of the device with this method (e.g. {@code POST}) to this path, whatever the response. */
    public JournalAssert hasRequest(DeviceCredentials device, String method, String path) {
        DeviceId id = device.id();
        return expect("a request " + method + " " + path + " of " + id,
                e -> e instanceof ExchangeEntry x && id.equals(x.device()) && x.method().equals(method)
                        && x.path().equals(path),
                byDeviceAndPath(id, path));
    }

    /** A request of the device with this method to this path, answered with this code, e.g. {@code 2.04}. */
    public JournalAssert hasRequest(DeviceCredentials device, String method, String path, String responseCode) {
        DeviceId id = device.id();
        return expect("a request " + method + " " + path + " of " + id + " answered " + responseCode,
                e -> e instanceof ExchangeEntry x && id.equals(x.device()) && x.method().equals(method)
                        && x.path().equals(path) && x.responseCode().equals(responseCode),
                byDeviceAndPath(id, path));
    }

    /**
     * An uplink of the EnOS method, e.g. {@code thing.measurepoint.post}: a POST of the device to
     * its topic {@code /topic/sys/{pk}/{dk}/thing/measurepoint/post} (EC-11), whatever the response.
     */
    public JournalAssert hasUplink(DeviceCredentials device, String enosMethod) {
        return hasRequest(device, "POST", uplinkPath(device.id(), enosMethod));
    }

    /** Exactly {@code count} requests of the device. */
    public JournalAssert hasRequestCount(DeviceCredentials device, int count) {
        isNotNull();
        DeviceId id = device.id();
        List<ExchangeEntry> found = actual.exchanges(id);
        if (found.size() != count) {
            failWithMessage("%s", "expected " + count + " request(s) of " + id + ", but the journal has "
                    + found.size() + ":\n" + JournalText.listing(actual.entries(), byDevice(id, ExchangeEntry.class)));
        }
        return this;
    }

    /** The device went online (EC-7). */
    public JournalAssert hasOnline(DeviceCredentials device) {
        return hasStateChange(device, StateChange.Kind.ONLINE);
    }

    /** The device went offline: Lifetime seconds passed without a message exchange (EC-7). */
    public JournalAssert hasOffline(DeviceCredentials device) {
        return hasStateChange(device, StateChange.Kind.OFFLINE);
    }

    /** The device was served its secret by an activation request (EC-10). */
    public JournalAssert hasActivated(DeviceCredentials device) {
        return hasStateChange(device, StateChange.Kind.ACTIVATED);
    }

    /** The device's state changed this way. */
    public JournalAssert hasStateChange(DeviceCredentials device, StateChange.Kind kind) {
        DeviceId id = device.id();
        return expect("state change " + kind + " of " + id,
                e -> e instanceof StateChange s && s.device().equals(id) && s.kind() == kind,
                byDevice(id, StateChange.class));
    }

    static String uplinkPath(DeviceId device, String enosMethod) {
        if (!enosMethod.startsWith("thing.")) {
            throw new IllegalArgumentException("'" + enosMethod + "' is not an EnOS uplink method such as "
                    + "thing.measurepoint.post (EC-11)");
        }
        return "/topic/sys/" + device.productKey() + "/" + device.deviceKey() + "/" + enosMethod.replace('.', '/');
    }

    private JournalAssert hasHandshake(DeviceCredentials device, String what, Predicate<HandshakeEntry> match) {
        DeviceId id = device.id();
        return expect(what, e -> e instanceof HandshakeEntry h && id.equals(JournalText.deviceOf(h)) && match.test(h),
                byDevice(id, HandshakeEntry.class));
    }

    private JournalAssert expect(String what, Predicate<JournalEntry> match, ToIntFunction<JournalEntry> nearness) {
        isNotNull();
        List<JournalEntry> entries = actual.entries();
        if (entries.stream().noneMatch(match)) {
            failWithMessage("%s", "expected the journal to have " + what + ", but it has none. It has "
                    + entries.size() + " entr" + (entries.size() == 1 ? "y" : "ies")
                    + (actual.sinceTestStart() ? " since the test started" : "") + ", near misses first:\n"
                    + JournalText.listing(entries, nearness));
        }
        return this;
    }

    /** Same device and same kind of entry first, then the same device. */
    private static ToIntFunction<JournalEntry> byDevice(DeviceId id, Class<? extends JournalEntry> kind) {
        return e -> id.equals(JournalText.deviceOf(e)) ? (kind.isInstance(e) ? 2 : 1) : 0;
    }

    /** Same device and path first, then the same device, then the same path. */
    private static ToIntFunction<JournalEntry> byDeviceAndPath(DeviceId id, String path) {
        return e -> {
            boolean sameDevice = id.equals(JournalText.deviceOf(e));
            boolean samePath = e instanceof ExchangeEntry x && x.path().equals(path);
            return (sameDevice ? 2 : 0) + (samePath ? 2 : 0) - (sameDevice && !(e instanceof ExchangeEntry) ? 1 : 0);
        };
    }
}
