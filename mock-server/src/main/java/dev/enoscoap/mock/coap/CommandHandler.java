package dev.enoscoap.mock.coap;

import com.fasterxml.jackson.databind.JsonNode;
import dev.enoscoap.mock.command.CommandHandle;
import dev.enoscoap.mock.command.CommandQueue;
import dev.enoscoap.mock.command.CommandReply;
import dev.enoscoap.mock.protocol.CommandKind;
import dev.enoscoap.mock.protocol.Topics;
import java.time.Clock;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.eclipse.californium.core.coap.CoAP.Code;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;

/**
 * The downlink side of EC-12: a GET on a command topic hands out the waiting command, a POST on
 * its {@code _reply} topic completes it.
 */
final class CommandHandler {
    private final CommandQueue queue;
    private final Clock clock;
    private final BiConsumer<CommandHandle, CommandReply> replied;

    CommandHandler(CommandQueue queue, Clock clock, BiConsumer<CommandHandle, CommandReply> replied) {
        this.queue = queue;
        this.clock = clock;
        this.replied = replied;
    }

    Reply handle(Code method, Topics.Command topic, byte[] payload) {
        if (!topic.reply()) {
            if (method != Code.GET) {
                return Reply.error(ResponseCode.METHOD_NOT_ALLOWED, "a command topic takes GET, to fetch the command; "
                        + "the answer goes to " + topic.replyTopic().path() + " (EC-12)");
            }
            Optional<CommandHandle> command = queue.fetch(topic.device(), topic.kind(), topic.identifier());
            if (command.isEmpty()) {
                return Reply.error(ResponseCode.NOT_FOUND, "no command waits on " + topic.path() + " (EC-12)");
            }
            CommandHandle h = command.get();
            boolean raw = topic.kind() == CommandKind.DOWN_RAW;
            return new Reply(ResponseCode.CONTENT, h.body(), raw ? MediaTypeRegistry.APPLICATION_OCTET_STREAM
                    : MediaTypeRegistry.APPLICATION_JSON, "command " + h.id() + " delivered", -1, null);
        }
        if (method != Code.POST) {
            return Reply.error(ResponseCode.METHOD_NOT_ALLOWED, "a command reply topic takes POST (EC-12)");
        }
        CommandReply reply;
        String id = null;
        if (topic.kind() == CommandKind.DOWN_RAW) {
            reply = new CommandReply(-1, null, null, payload.clone(), clock.instant());
        } else {
            JsonNode body = dev.enoscoap.mock.protocol.UplinkJson.read(payload).tree();
            if (body == null || !body.isObject() || !body.path("code").canConvertToInt()) {
                return Reply.error(ResponseCode.BAD_REQUEST, "a command reply must be JSON {\"id\",\"code\",\"data\"} (EC-12)");
            }
            JsonNode idNode = body.get("id");
            id = idNode == null || idNode.isNull() ? null : idNode.asText();
            reply = new CommandReply(body.get("code").intValue(), body.get("data"), body, null, clock.instant());
        }
        String wanted = id;
        Optional<CommandHandle> done = queue.complete(topic.device(), topic.kind(), topic.identifier(), id, reply);
        if (done.isEmpty()) {
            return Reply.error(ResponseCode.NOT_FOUND, "no fetched command "
                    + (wanted == null ? "" : "with id " + wanted + " ") + "waits for a reply on " + topic.path() + " (EC-12)");
        }
        replied.accept(done.get(), reply);
        return new Reply(ResponseCode.CHANGED, new byte[0], -1, "reply to command " + done.get().id(), -1, null);
    }
}
