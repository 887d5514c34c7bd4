package dev.enoscoap.conformance.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enoscoap.conformance.device.ReferenceDevice;
import dev.enoscoap.conformance.report.ConformanceReport;
import dev.enoscoap.conformance.report.ConsoleReport;
import dev.enoscoap.conformance.report.Verdict;
import dev.enoscoap.mock.EnosMockServer;
import dev.enoscoap.mock.protocol.DeviceId;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The reference device, started once and left running, judged end to end by the default plan. */
class ReferenceDeviceObservationTest {
    private static final DeviceId IMEI = DeviceId.parse("demoProduct/860123456789012");

    @Test
    void theReferenceDevicePassesEveryPurposeJudgedByObservation() {
        long start = System.nanoTime();
        try (EnosMockServer mock = EnosMockServer.builder().start();
             ObservationSession session = ObservationSession.builder().server(mock).device(IMEI)
                     .listener(new ObservationListener() {
                         @Override
                         public void stimulusApplied(DeviceId d, PlanStage stage, String what) {
                             System.out.println("stimulus " + stage.name() + ": " + what);
                         }

                         @Override
                         public void purposeJudged(DeviceId d, dev.enoscoap.conformance.report.ConformanceReportListener.PurposeJudged j) {
                             System.out.println(new ConsoleReport(false).progressLine(j));
                         }
                     }).start();
             ReferenceDevice device = ReferenceDevice.builder().server(mock.coapsUri()).device(IMEI)
                     .productSecret("demo-product-secret").start()) {
            ObservationResults results = session.awaitVerdicts(Duration.ofMinutes(5));
            ConformanceReport report = results.report();
            Map<String, Verdict> verdicts = new TreeMap<>();
            report.purposes().forEach(p -> verdicts.put(p.id(), p.verdict()));
            new ConsoleReport(false).summary(report).forEach(System.out::println);
            System.out.printf("reference device session: %.1f s%n", (System.nanoTime() - start) / 1e9);
            report.purposes().stream()
                    .forEach(p -> System.out.println(p.id() + " " + p.verdict() + ": " + p.evidence()));
            assertThat(verdicts).as("every observation purpose passes").allSatisfy((id, v) ->
                    assertThat(v).as(id).isEqualTo(Verdict.PASS));
            assertThat(report.gatePassed()).isTrue();
        }
    }
}
