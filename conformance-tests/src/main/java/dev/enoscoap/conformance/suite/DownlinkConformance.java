package dev.enoscoap.conformance.suite;

import static dev.enoscoap.conformance.suite.Demo.DEVICE;
import static dev.enoscoap.conformance.suite.Demo.DEVICE_ID;
import static dev.enoscoap.conformance.suite.Demo.DEVICE_SECRET;
import static dev.enoscoap.conformance.suite.Demo.LIFETIME;
import static dev.enoscoap.conformance.suite.Demo.PRODUCT;

import dev.enoscoap.conformance.spi.Capability;
import dev.enoscoap.conformance.spi.ConnectionSpec;
import dev.enoscoap.conformance.spi.PublishResult;
import dev.enoscoap.mock.EnosMockServer;
import dev.enoscoap.mock.command.Command;
import dev.enoscoap.mock.command.CommandHandle;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** EC-12: downlink commands announced by option 2100. */
public interface DownlinkConformance extends ClientUnderTest {

    @Test
    @Purpose("ENOS-DOWN-01")
    @Tag("DOWN")
    @DisplayName("ENOS-DOWN-01 option 2100 followed, command fetched and answered")
    default void commandFetchedAndAnswered(Judge judge) {
        judge.requires(Capability.SECURE_MODE_2, Capability.UPLINK, Capability.DOWNLINK);
        EnosMockServer server = judge.server();
        ConnectionSpec spec = judge.spec(server, PRODUCT, DEVICE, 2, DEVICE_SECRET, LIFETIME);
        CommandHandle command = server.commands().send(DEVICE_ID, Command.setMeasurePoints(Map.of("switch", 1)));
        Outcome<PublishResult> report = judge.report(spec, Map.of("temp", 21.5));
        judge.acceptedHandshake(server, DEVICE_ID, Demo.identity(DEVICE, 2, LIFETIME), "ENOS-KEY-01", "ENOS-ID-01", report);
        boolean announced = server.journal().exchanges(DEVICE_ID).stream().anyMatch(e -> command.path().equals(e.commandTopic()));
        if (!announced) {
            throw judge.inconclusive("the command was never announced: no request reached the server ("
                    + report.describe() + ")");
        }
        Outcome<List<String>> answered = judge.call("answer commands", a -> a.answerCommands(spec));
        judge.check(command.status() == CommandHandle.Status.REPLIED,
                "GET " + command.path() + " and POST " + command.path() + "_reply with id " + command.id(),
                switch (command.status()) {
                    case QUEUED -> "the command was never fetched";
                    case DELIVERED -> "the command was fetched " + command.deliveries() + " times but not answered";
                    default -> "status " + command.status();
                } + "; " + answered.describe());
    }
}
