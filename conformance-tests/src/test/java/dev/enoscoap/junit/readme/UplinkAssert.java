package dev.enoscoap.junit.readme;

import dev.enoscoap.junit.AbstractJournalAssert;
import dev.enoscoap.junit.DeviceCredentials;
import dev.enoscoap.junit.JournalView;
import dev.enoscoap.mock.journal.ExchangeEntry;

/** The README's assertion of one's own: near misses come with it. */
// tag::custom[]
public class UplinkAssert extends AbstractJournalAssert<UplinkAssert> {

    public UplinkAssert(JournalView actual) {
        super(actual, UplinkAssert.class);
    }

    public static UplinkAssert assertThat(JournalView actual) {
        return new UplinkAssert(actual);
    }

    /** An uplink of the device whose EnOS reply carried this code, e.g. 200 or 1220. */
    public UplinkAssert hasUplinkReplied(DeviceCredentials dev, String enosMethod, int replyCode) {
        return hasEntry("an uplink " + enosMethod + " of " + dev.id() + " replied " + replyCode,
                e -> e instanceof ExchangeEntry x && dev.id().equals(x.device())
                        && enosMethod.equals(x.enosMethod()) && x.replyCode() == replyCode,
                nearDevice(dev.id(), ExchangeEntry.class));
    }
}
// end::custom[]
