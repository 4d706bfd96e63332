package proficio.service.streams;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import proficio.model.event.ProblemLog;
import proficio.model.predict.KnowledgeModel;
import proficio.model.predict.Prediction;
import proficio.model.predict.Provenance;
import proficio.model.predict.Theta;
import proficio.model.quality.ModelRole;
import proficio.model.quality.QualityFigures;
import proficio.model.quality.QualityKey;
import proficio.model.state.StateUpdate;
import proficio.model.state.StudentReplay;
import proficio.proto.DefaultModel;
import proficio.proto.ModelArtifacts;
import proficio.store.Schemas;

/**
 * The CPU cost of online quality and shadow scoring per event, measured with a timed loop over the
 * processor's pure part (indicative only: a shared 2-core machine; warmed up by a first pass). Run on
 * purpose: {@code ./mvnw -pl service test -Dtest=ShadowScoringCostTest -Dproficio.bench=true}.
 *
 * <p>Per event: the active model's prediction (which the processor makes anyway, for mastery); the
 * quality tally (2 cell updates: key and value encoded, looked up, decoded, added to, encoded, put back,
 * as Kafka Streams' record cache does, with a sorted map of bytes standing in for it); and shadow
 * scoring (the candidate's prediction and 2 more cell updates). Not included: the RocksDB write and
 * changelog record of each dirty cell once per commit. TopologyTestDriver is no harness for this: it
 * flushes RocksDB to disk after every record.
 */
@EnabledIfSystemProperty(named = "proficio.bench", matches = "true")
class ShadowScoringCostTest {

    private static final int EVENTS = 200_000;

    @Test
    void perEventCost_ofTheQualityTally_andOfScoringACandidate() throws Exception {
        KnowledgeModel active = ModelArtifacts.toModel(DefaultModel.artifact());
        double[] w = active.globalTheta().toArray();
        w[0] -= 0.3;
        KnowledgeModel candidate = new KnowledgeModel("cand", active.featureSpace(), active.featureSet(), active.globalTheta(),
                Map.of("ex-1", Theta.of(w), "ex-2", Theta.of(w)), new Provenance(1, "bench", 5, "bench"));
        Random r = new Random(7);
        StudentReplay student = new StudentReplay(new StateUpdate(active.featureSpace()));
        for (int i = 0; i < 200; i++) { // a student with some history in 20 exercises
            student.apply(ProblemLog.practice("h" + i, "s", "ex-" + r.nextInt(20), "", r.nextBoolean(), 1_700_000_000_000L + i));
        }
        List<ProblemLog> events = new ArrayList<>(EVENTS);
        for (int i = 0; i < EVENTS; i++) {
            events.add(ProblemLog.practice("e" + i, "s", "ex-" + r.nextInt(20), "", r.nextBoolean(),
                    1_700_000_000_000L + i * 1000L));
        }
        double[] ns = new double[3];
        for (int round = 0; round < 3; round++) { // the first round warms up
            for (int mode = 0; mode < 3; mode++) {
                TreeMap<Bytes, byte[]> cache = new TreeMap<>();
                long t0 = System.nanoTime();
                double sink = 0;
                for (ProblemLog e : events) {
                    Prediction p = active.predict(e.exercise(), "", student);
                    sink += p.probability();
                    if (mode >= 1) {
                        tally(cache, e, p, ModelRole.ACTIVE);
                    }
                    if (mode == 2) {
                        Prediction c = candidate.predict(e.exercise(), "", student);
                        tally(cache, e, c, ModelRole.CANDIDATE);
                    }
                }
                ns[mode] = (System.nanoTime() - t0) / (double) EVENTS;
                if (sink == 42) {
                    System.out.println(sink);
                }
            }
        }
        System.out.printf(Locale.ROOT, "ShadowScoringCost: per event, active prediction %.0f ns; quality tally +%.0f ns; "
                + "shadow scoring (candidate prediction + its tally) +%.0f ns%n", ns[0], ns[1] - ns[0], ns[2] - ns[1]);
    }

    /** What QualityTally does against a caching store: two read-modify-writes of serialized cells. */
    private static void tally(TreeMap<Bytes, byte[]> cache, ProblemLog e, Prediction p, ModelRole role) {
        QualityKey cell = new QualityKey(e.exercise(), QualityKey.epochDayOf(e.timeDoneMs()), p.modelVersion(), role,
                p.thetaSource());
        bump(cache, cell, p.probability(), e.correct());
        bump(cache, cell.withExercise(QualityKey.ALL_EXERCISES), p.probability(), e.correct());
    }

    private static void bump(TreeMap<Bytes, byte[]> cache, QualityKey cell, double p, boolean correct) {
        Bytes key = Bytes.wrap(Schemas.QUALITY_KEY.serializer().serialize("", cell));
        byte[] old = cache.get(key);
        QualityFigures f = old == null ? QualityFigures.EMPTY : Schemas.QUALITY_FIGURES.deserializer().deserialize("", old);
        cache.put(key, Schemas.QUALITY_FIGURES.serializer().serialize("", f.plus(p, correct)));
    }
}
