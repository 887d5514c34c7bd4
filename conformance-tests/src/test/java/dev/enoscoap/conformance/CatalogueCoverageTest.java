package dev.enoscoap.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enoscoap.conformance.suite.Catalogue;
import dev.enoscoap.conformance.suite.EnosConformanceSuite;
import dev.enoscoap.conformance.suite.JudgedBy;
import dev.enoscoap.conformance.suite.Purpose;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestTemplate;
import org.junit.platform.commons.support.AnnotationSupport;

/** The build check: every purpose judged actively has a test, every test has a purpose from the catalogue judged so. */
class CatalogueCoverageTest {
    private final Catalogue catalogue = Catalogue.load();

    private static List<Method> conformanceTests() {
        List<Method> tests = new ArrayList<>();
        for (Class<?> suite : EnosConformanceSuite.class.getInterfaces()) {
            for (Method m : suite.getDeclaredMethods()) {
                if (AnnotationSupport.isAnnotated(m, Test.class) || AnnotationSupport.isAnnotated(m, TestTemplate.class)) {
                    tests.add(m);
                }
            }
        }
        return tests;
    }

    @Test
    void everyTestCarriesAPurposeOfTheCatalogue() {
        List<Method> tests = conformanceTests();
        assertThat(tests).hasSizeGreaterThanOrEqualTo(catalogue.judgedBy(JudgedBy.ACTIVE).all().size());
        for (Method m : tests) {
            Purpose purpose = m.getAnnotation(Purpose.class);
            assertThat(purpose).as("@Purpose on %s", m).isNotNull();
            assertThat(catalogue.get(purpose.value())).as("purpose %s of %s in the catalogue", purpose.value(), m).isPresent();
            assertThat(catalogue.get(purpose.value()).orElseThrow().judgedBy()).as("judgedBy of %s, which %s judges actively",
                    purpose.value(), m).contains(JudgedBy.ACTIVE);
        }
    }

    @Test
    void everyPurposeHasATest() {
        Set<String> tested = new LinkedHashSet<>();
        conformanceTests().forEach(m -> tested.add(m.getAnnotation(Purpose.class).value()));
        assertThat(tested).containsExactlyInAnyOrderElementsOf(catalogue.judgedBy(JudgedBy.ACTIVE).all().keySet());
    }

    /** Method tags, because JUnit does not carry tags of an implemented interface to its tests. */
    @Test
    void everyTestIsTaggedWithItsArea() {
        for (Method m : conformanceTests()) {
            String area = catalogue.get(m.getAnnotation(Purpose.class).value()).orElseThrow().area();
            List<String> tags = AnnotationSupport.findRepeatableAnnotations(m, Tag.class).stream().map(Tag::value).toList();
            assertThat(tags).as("tags of %s", m.getName()).contains(area);
        }
    }

    /** Capabilities and prerequisites live in the catalogue only: suite code names no purpose but its own. */
    @Test
    void suiteCodeNamesNoPrerequisite() throws java.io.IOException {
        java.nio.file.Path dir = java.nio.file.Path.of("src/main/java/dev/enoscoap/conformance/suite");
        try (var files = java.nio.file.Files.list(dir)) {
            for (java.nio.file.Path f : files.toList()) {
                List<String> offending = java.nio.file.Files.readAllLines(f).stream()
                        .filter(l -> l.contains("\"ENOS-"))
                        .filter(l -> !l.strip().startsWith("@Purpose(") && !l.strip().startsWith("@DisplayName(")
                                && !l.strip().startsWith("@ParameterizedTest(") && !l.strip().startsWith("*"))
                        .toList();
                assertThat(offending).as("purpose ids in %s outside @Purpose/@DisplayName", f).isEmpty();
                assertThat(java.nio.file.Files.readString(f)).as("capability checks in %s", f)
                        .doesNotContain("requires(Capability");
            }
        }
    }

    @Test
    void purposesThatRestOnTheClientsReportSayWhy() {
        assertThat(catalogue.all().values().stream().filter(e -> e.clientReportReason().isPresent()).map(Catalogue.Entry::id))
                .containsExactlyInAnyOrder("ENOS-LT-03", "ENOS-LT-04", "ENOS-ACT-02", "ENOS-ACT-04", "ENOS-ACT-05",
                        "ENOS-UP-02", "ENOS-UP-08");
    }

    @Test
    void everyCatalogueEntryIsComplete() {
        catalogue.all().values().forEach(e -> {
            assertThat(e.id()).matches("ENOS-(BASE|DTLS|KEY|ID|LT|ACT|UP|DOWN|COAP|ROB)-\\d\\d");
            assertThat(e.clause()).matches("EC-\\d+(, EC-\\d+)*");
            assertThat(e.judgedBy()).as("judgedBy of %s", e.id()).isNotEmpty();
            assertThat(List.of(e.title(), e.quote(), e.pass(), e.fail(), e.notApplicable(), e.fix()))
                    .as("texts of %s", e.id()).allSatisfy(t -> assertThat(t).isNotBlank());
        });
    }
}
