package dev.enoscoap.conformance.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CatalogueTest {

    private static JsonNode shipped() throws IOException {
        try (InputStream in = CatalogueTest.class.getClassLoader().getResourceAsStream(Catalogue.RESOURCE)) {
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void prerequisitesFormNoCycle() {
        Map<String, Catalogue.Entry> all = Catalogue.load().all();
        for (Catalogue.Entry e : all.values()) {
            Deque<String> todo = new ArrayDeque<>(e.prerequisites());
            Set<String> seen = new HashSet<>();
            while (!todo.isEmpty()) {
                String p = todo.pop();
                assertThat(p).as("%s depends on itself through %s", e.id(), seen).isNotEqualTo(e.id());
                if (seen.add(p)) {
                    todo.addAll(all.get(p).prerequisites());
                }
            }
        }
    }

    @Test
    void anUnknownPrerequisiteIsRefusedNamingThePurposeAndTheId() throws IOException {
        JsonNode root = shipped();
        ObjectNode first = (ObjectNode) root.get("purposes").get(0);
        first.putArray("prerequisites").add("ENOS-NOPE-99");
        assertThatThrownBy(() -> Catalogue.parse("test.json", root)).hasMessageContaining("ENOS-NOPE-99")
                .hasMessageContaining(first.get("id").asText()).hasMessageContaining("test.json");
    }

    @Test
    void anUnknownCapabilityIsRefusedNamingTheField() throws IOException {
        JsonNode root = shipped();
        ((ObjectNode) root.get("purposes").get(1)).putArray("capabilities").add("TELEPATHY");
        assertThatThrownBy(() -> Catalogue.parse("test.json", root)).hasMessageContaining("TELEPATHY")
                .hasMessageContaining("capabilities").hasMessageContaining("SECURE_MODE_2");
    }

    @Test
    void aMissingFixTextIsRefused() throws IOException {
        JsonNode root = shipped();
        ((ObjectNode) root.get("purposes").get(2)).remove("fix");
        assertThatThrownBy(() -> Catalogue.parse("test.json", root)).hasMessageContaining("\"fix\" must be a string");
    }

    @Test
    void aPurposeBeforeAPurposeItNeedsIsRefused() throws IOException {
        JsonNode root = shipped();
        ((ObjectNode) root.get("purposes").get(0)).putArray("prerequisites").add("ENOS-ROB-03");
        assertThatThrownBy(() -> Catalogue.parse("test.json", root)).hasMessageContaining("needs ENOS-ROB-03, which comes after it");
    }

    @Test
    void aFactEstablishedTwiceIsRefused() throws IOException {
        JsonNode root = shipped();
        ((ObjectNode) root.get("purposes").get(0)).putArray("establishes").add("SM2_KEY");
        assertThatThrownBy(() -> Catalogue.parse("test.json", root)).hasMessageContaining("SM2_KEY")
                .hasMessageContaining("ENOS-KEY-01");
    }

    @Test
    void aBlankReasonForRestingOnTheClientsReportIsRefused() throws IOException {
        JsonNode root = shipped();
        ((ObjectNode) root.get("purposes").get(0)).put("restsOnClientReport", " ");
        assertThatThrownBy(() -> Catalogue.parse("test.json", root)).hasMessageContaining("restsOnClientReport");
    }

    @Test
    void everyFactHasItsOwner() {
        Catalogue c = Catalogue.load();
        assertThat(c.ownerOf(Fact.SM2_KEY).id()).isEqualTo("ENOS-KEY-01");
        assertThat(c.ownerOf(Fact.DTLS_VERSION).id()).isEqualTo("ENOS-DTLS-04");
        assertThat(c.position("ENOS-BASE-01")).isZero();
    }

    @Test
    void entriesCarryLevelCapabilitiesAndPrerequisites() {
        Catalogue.Entry key = Catalogue.load().get("ENOS-KEY-01").orElseThrow();
        assertThat(key.level()).isEqualTo(Level.MUST);
        assertThat(key.must()).isTrue();
        assertThat(key.capabilities()).contains(dev.enoscoap.conformance.spi.Capability.SECURE_MODE_2);
        assertThat(key.prerequisites()).contains("ENOS-ID-01");
        assertThat(key.judgedBy()).contains(JudgedBy.ACTIVE);
    }
}
