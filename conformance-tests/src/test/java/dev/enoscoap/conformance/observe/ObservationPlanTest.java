package dev.enoscoap.conformance.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Plans are read with every rule checked, and every error names the file, the JSON location and the rule. */
class ObservationPlanTest {

    @Test
    void theDefaultPlanHasSixStagesInAnOrderThatLetsWaitsOverlap() {
        ObservationPlan plan = ObservationPlan.defaultPlan();
        assertThat(plan.name()).isEqualTo("default");
        assertThat(plan.stages()).extracting(PlanStage::name).containsExactly("connect", "retransmission", "commands",
                "application-error", "lost-session", "lifetime");
        assertThat(plan.stages().get(1).stimulus()).isEqualTo(new Stimulus.DropRequest(2));
        assertThat(plan.stages().get(4).stimulus()).isEqualTo(new Stimulus.LoseSession(1, true));
        assertThat(plan.longest()).isEqualTo(Duration.ofSeconds(600));
    }

    @Test
    void onlyKeepsTheStagesOfThePurposesAsked() {
        ObservationPlan only = ObservationPlan.defaultPlan().only(Set.of("ENOS-ROB-01", "ENOS-COAP-01"));
        assertThat(only.stages()).extracting(PlanStage::name).containsExactly("connect", "retransmission");
        assertThat(only.purposes()).containsExactly("ENOS-COAP-01", "ENOS-ROB-01");
        assertThatThrownBy(() -> ObservationPlan.defaultPlan().only(Set.of("ENOS-LT-01")))
                .hasMessageContaining("does not judge ENOS-LT-01");
    }

    @Test
    void aPlanFileIsReadWithItsStimuli(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mine.json");
        Files.writeString(file, """
                {"name": "mine", "stages": [
                  {"name": "commands", "stimulus": {"type": "commands", "count": 3}, "timeoutSeconds": 30,
                   "purposes": ["ENOS-DOWN-01", "ENOS-DOWN-02"]},
                  {"name": "error", "stimulus": {"type": "application-error", "replyCode": 1260}, "timeoutSeconds": 20,
                   "purposes": ["ENOS-ROB-05"]}]}
                """);
        ObservationPlan plan = ObservationPlan.read(file);
        assertThat(plan.stages()).containsExactly(
                new PlanStage("commands", new Stimulus.Commands(3), Duration.ofSeconds(30), List.of("ENOS-DOWN-01",
                        "ENOS-DOWN-02")),
                new PlanStage("error", new Stimulus.ApplicationError(1260), Duration.ofSeconds(20), List.of("ENOS-ROB-05")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            not JSON                  | {"stages": [                                                      | (the document) | is not JSON at line 1
            not an object             | []                                                                | (the document) | a plan is a JSON object
            no stages                 | {"name": "x"}                                                     | /stages        | must be a non-empty array
            unknown root field        | {"stages": [], "stage": 1}                                        | /stage         | unknown field 'stage'
            bad stage name            | {"stages": [{"name": "Bad Name", "stimulus": {"type": "none"}, "timeoutSeconds": 5, "purposes": ["ENOS-BASE-01"]}]} | /stages/0/name | lower-case letters
            unknown stimulus          | {"stages": [{"name": "x", "stimulus": {"type": "drop-reqest"}, "timeoutSeconds": 5, "purposes": ["ENOS-ROB-01"]}]} | /stages/0/stimulus/type | 'drop-reqest' is not a stimulus
            stimulus field            | {"stages": [{"name": "x", "stimulus": {"type": "commands", "cnt": 2}, "timeoutSeconds": 5, "purposes": ["ENOS-DOWN-01"]}]} | /stages/0/stimulus/cnt | unknown field 'cnt'
            transmissions range       | {"stages": [{"name": "x", "stimulus": {"type": "drop-request", "transmissions": 9}, "timeoutSeconds": 5, "purposes": ["ENOS-ROB-01"]}]} | /stages/0/stimulus/transmissions | 1..4, was 9
            timeout missing           | {"stages": [{"name": "x", "stimulus": {"type": "none"}, "purposes": ["ENOS-BASE-01"]}]} | /stages/0/timeoutSeconds | it is missing
            timeout too long          | {"stages": [{"name": "x", "stimulus": {"type": "none"}, "timeoutSeconds": 7200, "purposes": ["ENOS-BASE-01"]}]} | /stages/0/timeoutSeconds | 1..3600
            unknown purpose           | {"stages": [{"name": "x", "stimulus": {"type": "none"}, "timeoutSeconds": 5, "purposes": ["ENOS-NOPE-01"]}]} | /stages/0/purposes/0 | 'ENOS-NOPE-01' is not a purpose of the catalogue
            active only               | {"stages": [{"name": "x", "stimulus": {"type": "none"}, "timeoutSeconds": 5, "purposes": ["ENOS-LT-01"]}]} | /stages/0/purposes/0 | judged only by driving a client
            purpose twice             | {"stages": [{"name": "x", "stimulus": {"type": "none"}, "timeoutSeconds": 5, "purposes": ["ENOS-BASE-01"]}, {"name": "y", "stimulus": {"type": "none"}, "timeoutSeconds": 5, "purposes": ["ENOS-BASE-01"]}]} | /stages/1/purposes/0 | listed twice (first at /stages/0/purposes/0)
            stage twice               | {"stages": [{"name": "x", "stimulus": {"type": "none"}, "timeoutSeconds": 5, "purposes": ["ENOS-BASE-01"]}, {"name": "x", "stimulus": {"type": "none"}, "timeoutSeconds": 5, "purposes": ["ENOS-UP-01"]}]} | /stages/1/name | used twice
            stimulus missing for it   | {"stages": [{"name": "x", "stimulus": {"type": "none"}, "timeoutSeconds": 5, "purposes": ["ENOS-ROB-01"]}]} | /stages/0/purposes/0 | needs the stimulus {"type": "drop-request"}
            doubling needs two drops  | {"stages": [{"name": "x", "stimulus": {"type": "drop-request", "transmissions": 1}, "timeoutSeconds": 5, "purposes": ["ENOS-ROB-04"]}]} | /stages/0/purposes/0 | transmissions at least 2
            every command needs two   | {"stages": [{"name": "x", "stimulus": {"type": "commands", "count": 1}, "timeoutSeconds": 5, "purposes": ["ENOS-DOWN-02"]}]} | /stages/0/purposes/0 | at least 2
            lose nothing              | {"stages": [{"name": "x", "stimulus": {"type": "lose-session", "refuseHandshakes": 0, "forgetSession": false}, "timeoutSeconds": 5, "purposes": ["ENOS-BASE-01"]}]} | /stages/0/stimulus | refuses at least one handshake or forgets
            duplicate key             | {"stages": [], "stages": []}                                      | (the document) | Duplicate field 'stages'
            """)
    void aBadPlanIsRefusedNamingTheFileTheLocationAndTheRule(String name, String json, String location, String rule) {
        assertThatThrownBy(() -> ObservationPlan.parse("plans/bad.json", json))
                .isInstanceOf(PlanException.class)
                .hasMessageStartingWith("plans/bad.json: " + location + ": ")
                .hasMessageContaining(rule);
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("nope.json");
        assertThatThrownBy(() -> ObservationPlan.read(missing)).isInstanceOf(PlanException.class)
                .hasMessage(missing.toAbsolutePath() + ": (the document): no such file");
    }
}
