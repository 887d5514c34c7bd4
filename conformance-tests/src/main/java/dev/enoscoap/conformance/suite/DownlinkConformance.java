package dev.enoscoap.conformance.suite;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.enoscoap.conformance.spi.ConnectionSpec;
import dev.enoscoap.conformance.spi.PublishResult;
import dev.enoscoap.mock.EnosMockServer;
import dev.enoscoap.mock.command.Command;
import dev.enoscoap.mock.command.CommandHandle;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** EC-12: downlink commands announced by option 2100. */
@API(status = EXPERIMENTAL, since = "0.1")
public interface DownlinkConformance extends ClientUnderTest {

    @Test
    @Purpose("ENOS-DOWN-01")
    @Tag("DOWN")
    @DisplayName("ENOS-DOWN-01 option 2100 followed, command fetched and answered")
    default void commandFetchedAndAnswered(Judge judge) {
        answered(judge, 1);
    }

    @Test
    @Purpose("ENOS-DOWN-02")
    @Tag("DOWN")
    @DisplayName("ENOS-DOWN-02 every waiting command is fetched and answered")
    default void everyWaitingCommandIsFetchedAndAnswered(Judge judge) {
        answered(judge, 2);
    }

    private static void answered(Judge judge, int count) {
        EnosMockServer server = judge.server();
        ConnectionSpec spec = Sessions.sm2(judge, server);
        List<CommandHandle> commands = java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> server.commands().send(Demo.DEVICE, Command.setMeasurePoints(Map.of("switch", i))))
                .toList();
        Outcome<PublishResult> report = judge.report(spec, Sessions.points());
        judge.acceptedHandshake(server, spec, report);
        CommandHandle first = commands.get(0);
        boolean announced = server.journal().exchanges(Demo.DEVICE).stream().anyMatch(e -> first.path().equals(e.commandTopic()));
        if (!announced) {
            throw judge.inconclusive("the command was never announced: no request reached the server; " + report.describe());
        }
        Outcome<List<String>> answered = judge.call(Action.COMMANDS, "answer commands", a -> a.answerCommands(spec));
        for (CommandHandle command : commands) {
            judge.check(command.status() == CommandHandle.Status.REPLIED,
                    "GET " + command.path() + " and POST " + command.replyPath() + " with id " + command.id()
                            + (count > 1 ? " for each of the " + count + " waiting commands" : ""),
                    () -> "command " + command.id() + ": " + switch (command.status()) {
                        case QUEUED -> "never fetched";
                        case DELIVERED -> "fetched " + command.deliveries() + " times but not answered";
                        default -> "status " + command.status();
                    } + "; " + answered.describe());
        }
    }
}
