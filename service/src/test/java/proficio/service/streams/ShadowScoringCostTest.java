package proficio.service.streams;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import proficio.model.event.ProblemLog;
import proficio.model.event.ProblemLogValidator;
import proficio.model.mastery.MasteryConfig;
import proficio.model.mastery.MasteryRules;
import proficio.model.predict.KnowledgeModel;
import proficio.model.predict.Provenance;
import proficio.model.predict.Theta;
import proficio.model.quality.QualityFigures;
import proficio.model.state.StateUpdate;
import proficio.proto.DefaultModel;
import proficio.proto.ModelArtifacts;
import proficio.proto.ProblemLogs;
import proficio.service.models.ModelLineup;
import proficio.store.Schemas;
import proficio.store.codec.QualityFiguresCodec;

/**
 * The cost of online quality and shadow scoring per event, measured with a timed loop (indicative
 * only: a shared 2-core machine, JIT warm-up by a first pass). Run on purpose:
 * {@code ./mvnw -pl service test -Dtest=ShadowScoringCostTest -Dproficio.bench=true}.
 *
 * <p>The topology runs on TopologyTestDriver, which commits (and so flushes the stores' caches) after
 * every record: each quality update reaches RocksDB here, where the running service's 100 ms
 * exactly-once commit interval lets the cache absorb repeated updates. These figures are an upper bound.
 */
@EnabledIfSystemProperty(named = "proficio.bench", matches = "true")
class ShadowScoringCostTest {

    private static final int STUDENTS = 2_000;
    private static final int EVENTS = 20_000;

    @TempDir
    Path dir;

    @Test
    void perEventCost_ofTheQualityTally_andOfScoringACandidate() throws Exception {
        KnowledgeModel active = ModelArtifacts.toModel(DefaultModel.artifact());
        double[] w = active.globalTheta().toArray();
        w[0] -= 0.3;
        KnowledgeModel candidate = new KnowledgeModel("cand", active.featureSpace(), active.featureSet(), active.globalTheta(),
                Map.of("ex-1", Theta.of(w), "ex-2", Theta.of(w)), new Provenance(1, "bench", 5, "bench"));
        List<ProblemLog> events = events();

        // The pure part of one cell update: add the answer, encode, decode (what a cache hit costs besides the map).
        pureUpdate(2_000_000);
        long t0 = System.nanoTime();
        long n = pureUpdate(5_000_000);
        double pureNs = (System.nanoTime() - t0) / (double) n;

        double activeOnly = 0;
        double withCandidate = 0;
        for (int round = 0; round < 2; round++) { // alternate, keep the last: the first is warm-up
            activeOnly = run("a" + round, ModelLineup.of(active), events);
            withCandidate = run("c" + round, new ModelLineup(active, candidate), events);
        }
        System.out.printf(Locale.ROOT, "ShadowScoringCost: pure cell update (plus, encode, decode) %.0f ns%n", pureNs);
        System.out.printf(Locale.ROOT, "ShadowScoringCost: per event on TopologyTestDriver, active only %.2f µs, "
                + "active + candidate %.2f µs, shadow scoring +%.2f µs (%+.0f%%)%n", activeOnly, withCandidate,
                withCandidate - activeOnly, 100 * (withCandidate - activeOnly) / activeOnly);
    }

    private static long pureUpdate(int times) {
        QualityFigures f = QualityFigures.EMPTY;
        long sink = 0;
        for (int i = 0; i < times; i++) {
            byte[] b = QualityFiguresCodec.encode(f.plus((i & 1023) / 1024.0, (i & 3) != 0));
            f = QualityFiguresCodec.decode(b);
            sink += b.length;
        }
        return sink > 0 ? times : 0;
    }

    private static List<ProblemLog> events() {
        Random r = new Random(7);
        long t = 1_700_000_000_000L;
        List<ProblemLog> out = new ArrayList<>(EVENTS);
        for (int i = 0; i < EVENTS; i++) {
            out.add(ProblemLog.practice("e" + i, "s" + r.nextInt(STUDENTS), "ex-" + r.nextInt(20), "", r.nextBoolean(),
                    t + i * 1000L));
        }
        return out;
    }

    /** Microseconds per event through the whole processor. */
    private double run(String name, ModelLineup lineup, List<ProblemLog> events) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "cost-" + name);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve(name).toString());
        StateUpdate update = new StateUpdate(lineup.active().featureSpace());
        try (TopologyTestDriver driver = new TopologyTestDriver(ProficioTopology.build(update,
                new ProblemLogValidator(3_600_000L), new MasteryRules(MasteryConfig.DEFAULTS), () -> lineup), p)) {
            TestInputTopic<String, byte[]> in = driver.createInputTopic(Schemas.Topics.PROBLEM_LOGS,
                    Schemas.Topics.KEY.serializer(), Schemas.Topics.VALUE.serializer());
            List<TestRecord<String, byte[]>> records = events.stream().map(e -> new TestRecord<>(e.studentId(),
                    ProblemLogs.toWire(e).toByteArray(), Instant.ofEpochMilli(e.timeDoneMs()))).toList();
            long t0 = System.nanoTime();
            records.forEach(in::pipeInput);
            return (System.nanoTime() - t0) / 1_000.0 / events.size();
        }
    }
}
