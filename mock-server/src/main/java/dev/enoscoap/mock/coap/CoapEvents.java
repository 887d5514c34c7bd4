package dev.enoscoap.mock.coap;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.enoscoap.mock.command.CommandHandle;
import dev.enoscoap.mock.command.CommandReply;
import dev.enoscoap.mock.protocol.Topics;
import org.apiguardian.api.API;

/** What the CoAP layer tells the rest of the server, e.g. for forwarding (EC-14). */
@API(status = INTERNAL, since = "0.1")
public interface CoapEvents {

    /** An uplink was accepted; {@code payload} is the body as received. */
    void uplinkAccepted(Topics.Uplink topic, byte[] payload);

    /** A device answered a command. */
    void commandReplied(CommandHandle command, CommandReply reply);
}
