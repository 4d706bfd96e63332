package proficio.service.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import proficio.model.event.ProblemLog;
import proficio.model.feature.FeatureSpace;
import proficio.model.predict.KnowledgeModel;
import proficio.model.predict.Theta;
import proficio.model.state.StateUpdate;
import proficio.model.state.StudentReplay;
import proficio.service.models.ModelLineup;
import proficio.service.monitoring.IngestMetrics;
import proficio.service.quality.LiveLogLikelihood;

/** What the processor reports per record, read back from a Micrometer registry; no broker. */
class IngestMetricsTopologyTest {

    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path stateDir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private KnowledgeModel model;
    private StateUpdate update;
    private TopologyFixture fixture;

    @BeforeEach
    void start() {
        KnowledgeModel shipped = TopologyFixture.defaultModel();
        // "addition" gets a theta of its own (the global one), every other exercise falls back to the global theta.
        model = new KnowledgeModel("metrics-test-1", shipped.featureSpace(), shipped.featureSet(), shipped.globalTheta(),
                Map.of("addition", Theta.of(shipped.globalTheta().toArray())), shipped.provenance());
        update = new StateUpdate(new FeatureSpace(model.featureSpace().seed()));
        fixture = new TopologyFixture("ingest-metrics-test", stateDir, update, TopologyFixture.SKEW_MS,
                () -> ModelLineup.of(model), new IngestMetrics(registry, new LiveLogLikelihood(registry)));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private void send(ProblemLog log) {
        fixture.send(log);
    }

    private double counter(String name, String... tags) {
        Counter c = registry.find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void everyRecordIsCountedByWhatBecameOfIt_andTimedOnce() {
        StudentReplay replay = new StudentReplay(update);
        double expectedLogLikelihood = 0;
        boolean[] outcomes = {true, true, false, true};
        for (int i = 0; i < outcomes.length; i++) {
            String exercise = i % 2 == 0 ? "addition" : "fractions";
            ProblemLog log = ProblemLog.practice("e" + i, "s1", exercise, "t1", outcomes[i], T0 + i);
            double p = model.predict(exercise, "t1", replay).probability();
            expectedLogLikelihood += outcomes[i] ? Math.log(p) : Math.log1p(-p);
            replay.apply(log);
            send(log);
        }
        send(ProblemLog.practice("e0", "s1", "addition", "t1", true, T0)); // a retry: applied once
        fixture.problemLogs.pipeInput(
                new TestRecord<>("s1", new byte[] {(byte) 0xFF}, new RecordHeaders(), Instant.ofEpochMilli(T0)));
        send(ProblemLog.practice("e9", "s1", " ", "t1", true, T0 + 9)); // blank exercise
        send(ProblemLog.practice("e10", "s2", " ", "t1", true, T0 + 10));

        assertThat(counter(IngestMetrics.APPLIED)).isEqualTo(4);
        assertThat(counter(IngestMetrics.DUPLICATES)).isEqualTo(1);
        assertThat(counter(IngestMetrics.DEAD_LETTERS, "reason", DeadLetter.UNDECODABLE, "field", "none")).isEqualTo(1);
        assertThat(counter(IngestMetrics.DEAD_LETTERS, "reason", DeadLetter.INVALID, "field", "exercise")).isEqualTo(2);
        Timer processing = registry.find(IngestMetrics.PROCESSING).timer();
        assertThat(processing.count()).as("one timing per record, whatever became of it").isEqualTo(8);
        assertThat(processing.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS)).isPositive();

        assertThat(counter("proficio.predictions", "path", "ingest", "model_version", "metrics-test-1", "theta_source", "exercise"))
                .isEqualTo(2);
        assertThat(counter("proficio.predictions", "path", "ingest", "model_version", "metrics-test-1", "theta_source", "global"))
                .isEqualTo(2);

        String[] active = {"model_version", "metrics-test-1", "role", "active"};
        FunctionCounter samples = registry.find("proficio.quality.samples").tags(active).functionCounter();
        FunctionCounter logLoss = registry.find("proficio.quality.log.loss").tags(active).functionCounter();
        Gauge mean = registry.find("proficio.quality.log.likelihood").tags(active).gauge();
        assertThat(samples.count()).isEqualTo(4);
        assertThat(logLoss.count()).as("the log-likelihood of each p the model gave just before the answer")
                .isCloseTo(-expectedLogLikelihood, within(1e-12));
        assertThat(mean.value()).isCloseTo(expectedLogLikelihood / 4, within(1e-12));
    }

    @Test
    void aNewModelVersion_countsUnderItsOwnTags_andTheOldSeriesKeepsItsCount() {
        send(ProblemLog.practice("e1", "s1", "addition", "t1", true, T0));
        KnowledgeModel before = model;
        model = new KnowledgeModel("metrics-test-2", before.featureSpace(), before.featureSet(), before.globalTheta(),
                before.exerciseThetas(), before.provenance());
        send(ProblemLog.practice("e2", "s1", "addition", "t1", true, T0 + 1));
        send(ProblemLog.practice("e3", "s1", "addition", "t1", false, T0 + 2));

        assertThat(counter("proficio.predictions", "path", "ingest", "model_version", "metrics-test-1", "theta_source", "exercise"))
                .isEqualTo(1);
        assertThat(counter("proficio.predictions", "path", "ingest", "model_version", "metrics-test-2", "theta_source", "exercise"))
                .isEqualTo(2);
        assertThat(registry.find("proficio.quality.samples").tags("model_version", "metrics-test-2").functionCounter().count())
                .isEqualTo(2);
    }
}
