package dev.enoscoap.junit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.enoscoap.mock.journal.ExchangeEntry;
import dev.enoscoap.mock.journal.FaultEntry;
import dev.enoscoap.mock.journal.HandshakeEntry;
import dev.enoscoap.mock.journal.JournalEntry;
import dev.enoscoap.mock.journal.RefusalReason;
import dev.enoscoap.mock.journal.StateChange;
import dev.enoscoap.mock.protocol.DeviceId;
import dev.enoscoap.mock.protocol.Topics;
import dev.enoscoap.mock.protocol.EnosCipherSuite;
import dev.enoscoap.mock.protocol.SecureMode;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions over what the mock server saw, to extend with assertions of your own. A
 * failure lists the journal, near misses first: entries of the same device, or requests to the same
 * path.
 *
 * <pre>{@code
 * public class MyJournalAssert extends AbstractJournalAssert<MyJournalAssert> {
 *     public MyJournalAssert(JournalView actual) {
 *         super(actual, MyJournalAssert.class);
 *     }
 *
 *     public MyJournalAssert reportedTemperature(DeviceCredentials dev) {
 *         return hasEntry("a temperature uplink of " + dev.id(),
 *                 e -> e instanceof ExchangeEntry x && dev.id().equals(x.device()) && x.path().endsWith("/temp"),
 *                 nearDevice(dev.id(), ExchangeEntry.class));
 *     }
 * }
 * }</pre>
 *
 * @param <SELF> the concrete assertion class, for chaining
 */
@API(status = EXPERIMENTAL, since = "0.1")
public abstract class AbstractJournalAssert<SELF extends AbstractJournalAssert<SELF>>
        extends AbstractAssert<SELF, JournalView> {

    /**
     * @param actual the journal (view) to check
     * @param selfType the concrete assertion class
     */
    protected AbstractJournalAssert(JournalView actual, Class<?> selfType) {
        super(actual, selfType);
    }

    /** A handshake of the device completed. */
    public SELF hasAcceptedHandshake(DeviceCredentials device) {
        return hasHandshake(device, "an accepted handshake of " + device.id(), HandshakeEntry::accepted);
    }

    /** A handshake of the device completed with this cipher suite (EC-2). */
    public SELF hasAcceptedHandshake(DeviceCredentials device, EnosCipherSuite suite) {
        return hasHandshake(device, "an accepted handshake of " + device.id() + " with " + suite.ianaName(),
                h -> h.accepted() && suite.ianaName().equals(h.cipherSuite()));
    }

    /** A handshake of the device completed with this SecureMode and Lifetime in its identity (EC-3). */
    public SELF hasAcceptedHandshake(DeviceCredentials device, SecureMode mode, int lifetimeSeconds) {
        return hasHandshake(device, "an accepted handshake of " + device.id() + " with identity "
                + device.identity(mode, lifetimeSeconds),
                h -> h.accepted() && h.identity().secureMode() == mode
                        && h.identity().lifetimeSeconds() == lifetimeSeconds);
    }

    /** A handshake of the device was refused for this reason. */
    public SELF hasRefusedHandshake(DeviceCredentials device, RefusalReason reason) {
        Objects.requireNonNull(reason, "reason");
        DeviceId id = device.id();
        return hasEntry("a handshake of " + id + " refused with " + reason + " (" + reason.clause() + ")",
                e -> e instanceof HandshakeEntry h && id.equals(JournalText.deviceOf(h)) && !h.accepted()
                        && h.reason() == reason,
                nearDevice(id, HandshakeEntry.class));
    }

    /**
     * A handshake with exactly this identity text was refused for this reason; for identities
     * that name no device, such as malformed ones (EC-3).
     */
    public SELF hasRefusedHandshake(String identityReceived, RefusalReason reason) {
        return hasEntry("a handshake with identity '" + identityReceived + "' refused with " + reason,
                e -> e instanceof HandshakeEntry h && Objects.equals(identityReceived, h.identityReceived())
                        && !h.accepted() && h.reason() == reason,
                e -> e instanceof HandshakeEntry h ? (Objects.equals(identityReceived, h.identityReceived()) ? 2 : 1)
                        : 0);
    }

    /** No handshake of the device was refused. */
    public SELF hasNoRefusedHandshake(DeviceCredentials device) {
        isNotNull();
        DeviceId id = device.id();
        List<HandshakeEntry> refused = actual.handshakes().stream()
                .filter(h -> !h.accepted() && id.equals(JournalText.deviceOf(h))).toList();
        if (!refused.isEmpty()) {
            failWithMessage("%s", "expected no refused handshake of " + id + ", but the journal has:\n"
                    + JournalText.listing(List.copyOf(refused), e -> 1));
        }
        return myself;
    }

    /** A request of the device with this method (e.g. {@code POST}) to this path, whatever the response. */
    public SELF hasRequest(DeviceCredentials device, String method, String path) {
        DeviceId id = device.id();
        return hasEntry("a request " + method + " " + path + " of " + id,
                e -> e instanceof ExchangeEntry x && id.equals(x.device()) && x.method().equals(method)
                        && x.path().equals(path),
                nearDeviceAndPath(id, path));
    }

    /** A request of the device with this method to this path, answered with this code, e.g. {@code 2.04}. */
    public SELF hasRequest(DeviceCredentials device, String method, String path, String responseCode) {
        DeviceId id = device.id();
        return hasEntry("a request " + method + " " + path + " of " + id + " answered " + responseCode,
                e -> e instanceof ExchangeEntry x && id.equals(x.device()) && x.method().equals(method)
                        && x.path().equals(path) && x.responseCode().equals(responseCode),
                nearDeviceAndPath(id, path));
    }

    /**
     * An uplink of the EnOS method, e.g. {@code thing.measurepoint.post}: a POST of the device to
     * its topic {@code /topic/sys/{pk}/{dk}/thing/measurepoint/post} (EC-11), whatever the response.
     */
    public SELF hasUplink(DeviceCredentials device, String enosMethod) {
        return hasRequest(device, "POST", Topics.uplinkPathOfMethod(device.id(), enosMethod));
    }

    /** Exactly {@code count} requests of the device. */
    public SELF hasRequestCount(DeviceCredentials device, int count) {
        isNotNull();
        DeviceId id = device.id();
        List<JournalEntry> entries = actual.entries();
        long found = entries.stream().filter(e -> e instanceof ExchangeEntry x && id.equals(x.device())).count();
        if (found != count) {
            failWithMessage("%s", "expected " + count + " request(s) of " + id + ", but the journal has "
                    + found + ":\n" + JournalText.listing(entries, nearDevice(id, ExchangeEntry.class)));
        }
        return myself;
    }

    /** The device went online (EC-7). */
    public SELF hasOnline(DeviceCredentials device) {
        return hasStateChange(device, StateChange.Kind.ONLINE);
    }

    /** The device went offline: Lifetime seconds passed without a message exchange (EC-7). */
    public SELF hasOffline(DeviceCredentials device) {
        return hasStateChange(device, StateChange.Kind.OFFLINE);
    }

    /** The device was served its secret by an activation request (EC-10). */
    public SELF hasActivated(DeviceCredentials device) {
        return hasStateChange(device, StateChange.Kind.ACTIVATED);
    }

    /** The device's state changed this way. */
    public SELF hasStateChange(DeviceCredentials device, StateChange.Kind kind) {
        DeviceId id = device.id();
        return hasEntry("state change " + kind + " of " + id,
                e -> e instanceof StateChange s && s.device().equals(id) && s.kind() == kind,
                nearDevice(id, StateChange.class));
    }

    /** The server applied a scripted fault of this kind to the device (see {@link EnosTestServer#faults()}). */
    public SELF hasFault(DeviceCredentials device, FaultEntry.Kind kind) {
        DeviceId id = device.id();
        return hasEntry("fault " + kind + " of " + id,
                e -> e instanceof FaultEntry f && id.equals(f.device()) && f.kind() == kind,
                nearDevice(id, FaultEntry.class));
    }

    /**
     * Fails unless an entry in view matches; the message says what was expected and lists the
     * journal, entries that score higher on {@code nearness} first, as near misses when they score
     * above 0. The building block for assertions of your own.
     *
     * @param what what was expected, e.g. {@code "an accepted handshake of pk/dk"}
     * @param match which entry would do
     * @param nearness how close an entry came, 0 for not at all; see {@link #nearDevice}
     */
    protected SELF hasEntry(String what, Predicate<? super JournalEntry> match,
            ToIntFunction<? super JournalEntry> nearness) {
        isNotNull();
        List<JournalEntry> entries = actual.entries();
        if (entries.stream().noneMatch(match)) {
            failWithMessage("%s", "expected the journal to have " + what + ", but it has none. It has "
                    + entries.size() + " entr" + (entries.size() == 1 ? "y" : "ies")
                    + (actual.sinceTestStart() ? " since the test started" : "") + ", near misses first:\n"
                    + JournalText.listing(entries, nearness));
        }
        return myself;
    }

    /** Nearness for an entry about a device: the device's entries of {@code kind} first, then its others. */
    protected static ToIntFunction<JournalEntry> nearDevice(DeviceId device, Class<? extends JournalEntry> kind) {
        return e -> device.equals(JournalText.deviceOf(e)) ? (kind.isInstance(e) ? 2 : 1) : 0;
    }

    /** Nearness for a request: the device's requests to the path first, then its requests, then the path. */
    protected static ToIntFunction<JournalEntry> nearDeviceAndPath(DeviceId device, String path) {
        return e -> {
            boolean sameDevice = device.equals(JournalText.deviceOf(e));
            boolean samePath = e instanceof ExchangeEntry x && x.path().equals(path);
            return (sameDevice ? 2 : 0) + (samePath ? 2 : 0) - (sameDevice && !(e instanceof ExchangeEntry) ? 1 : 0);
        };
    }

    /**
     * The device an entry is about, or {@code null}: for a handshake also a malformed identity's
     * first two fields, so near misses find it.
     */
    protected static DeviceId deviceOf(JournalEntry entry) {
        return JournalText.deviceOf(entry);
    }

    private SELF hasHandshake(DeviceCredentials device, String what, Predicate<HandshakeEntry> match) {
        DeviceId id = device.id();
        return hasEntry(what, e -> e instanceof HandshakeEntry h && id.equals(JournalText.deviceOf(h)) && match.test(h),
                nearDevice(id, HandshakeEntry.class));
    }
}
