package dev.enoscoap.conformance.observe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.enoscoap.mock.EnosMockServer;
import dev.enoscoap.mock.admin.AdminServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The page's routes on the admin endpoint: the page is open and pinned, its JSON wants the token. */
class ObservationPageRoutesTest {
    private static final String TOKEN = "a-token-of-the-bench-1234";
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(URI uri, String token) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(uri);
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void thePageIsOpenItsStateWantsTheTokenAndSaysWhereEveryPurposeStands() throws Exception {
        try (EnosMockServer mock = EnosMockServer.builder().start();
             ObservationSession session = ObservationSession.builder().server(mock).device("demoProduct/dev01")
                     .plan(ObservationPlan.defaultPlan().only(Set.of("ENOS-BASE-01", "ENOS-ROB-01"))).start()) {
            AdminServer.Builder b = AdminServer.builder().token(TOKEN);
            ObservationPage.routes(session).forEach(b::route);
            try (AdminServer admin = b.start(mock)) {
                HttpResponse<String> page = get(admin.uri().resolve("observe"), null);
                assertThat(page.statusCode()).isEqualTo(200);
                assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
                assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                        .isEqualTo(ObservationPage.contentSecurityPolicy());
                assertThat(page.body()).contains("fetch('/observe/state'");

                assertThat(get(admin.uri().resolve("observe/state"), null).statusCode()).isEqualTo(401);
                assertThat(get(admin.uri().resolve("observe/state?x=1"), TOKEN).statusCode()).isEqualTo(400);
                HttpResponse<String> state = get(admin.uri().resolve("observe/state"), TOKEN);
                assertThat(state.statusCode()).isEqualTo(200);
                JsonNode json = new ObjectMapper().readTree(state.body());
                assertThat(json.get("server").asText()).isEqualTo(mock.coapsUri().toString());
                assertThat(json.get("finished").asBoolean()).isFalse();
                assertThat(json.get("secondsLeft").asLong()).isBetween(800L, 900L);
                JsonNode device = json.get("devices").get(0);
                assertThat(device.get("device").asText()).isEqualTo("demoProduct/dev01");
                assertThat(device.get("stage").asText()).isEqualTo("connect");
                assertThat(device.at("/stages/1/name").asText()).isEqualTo("retransmission");
                assertThat(device.at("/stages/1/state").asText()).isEqualTo("waiting");
                JsonNode base = device.get("purposes").get(0);
                assertThat(base.get("id").asText()).isEqualTo("ENOS-BASE-01");
                assertThat(base.get("state").asText()).isEqualTo("waiting");
                assertThat(base.get("level").asText()).isEqualTo("MUST");
                assertThat(device.get("journal")).isEmpty();
            }
        }
    }
}
