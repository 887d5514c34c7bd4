package dev.enoscoap.conformance.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enoscoap.conformance.suite.Catalogue;
import dev.enoscoap.conformance.suite.JudgedBy;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The build check of observation: every purpose the catalogue marks {@code observation} has an
 * observation judgement, every judgement names a purpose marked so, every purpose it needs is
 * judged by observation too, and the default plan judges them all.
 */
class ObservationCoverageTest {
    private final Catalogue catalogue = Catalogue.load();

    @Test
    void everyPurposeMarkedObservationHasAJudgementAndEveryJudgementAPurposeMarkedSo() {
        Set<String> marked = catalogue.judgedBy(JudgedBy.OBSERVATION).all().keySet();
        assertThat(Judgements.purposes()).as("observation judgements").containsExactlyInAnyOrderElementsOf(marked);
    }

    @Test
    void everyPurposeAnObservationPurposeNeedsIsJudgedByObservation() {
        catalogue.judgedBy(JudgedBy.OBSERVATION).all().values().forEach(e -> assertThat(e.prerequisites())
                .as("prerequisites of %s", e.id())
                .allSatisfy(p -> assertThat(catalogue.get(p).orElseThrow().judgedBy()).contains(JudgedBy.OBSERVATION)));
    }

    @Test
    void whatAJudgementBlamesIsJudgedByObservation() {
        for (String id : Judgements.purposes()) {
            assertThat(Judgements.of(id).explainedBy()).as("explainedBy of %s", id)
                    .allSatisfy(p -> assertThat(Judgements.purposes()).contains(p));
        }
    }

    @Test
    void theDefaultPlanJudgesEveryPurposeMarkedObservation() {
        assertThat(ObservationPlan.defaultPlan().purposes())
                .containsExactlyInAnyOrderElementsOf(catalogue.judgedBy(JudgedBy.OBSERVATION).all().keySet());
    }

    @Test
    void purposesOnlyObservationCanJudgeAreMarkedSoAlone() {
        assertThat(catalogue.all().values().stream().filter(e -> !e.judgedBy().contains(JudgedBy.ACTIVE))
                .map(Catalogue.Entry::id)).containsExactlyInAnyOrder("ENOS-LT-05", "ENOS-LT-06", "ENOS-ROB-04",
                "ENOS-ROB-05");
    }
}
