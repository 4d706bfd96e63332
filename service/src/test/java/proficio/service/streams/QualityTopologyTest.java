package proficio.service.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import proficio.model.event.ProblemLog;
import proficio.model.predict.KnowledgeModel;
import proficio.model.predict.Prediction;
import proficio.model.predict.Provenance;
import proficio.model.predict.Theta;
import proficio.model.predict.ThetaSource;
import proficio.model.quality.ModelRole;
import proficio.model.quality.QualityFigures;
import proficio.model.quality.QualityKey;
import proficio.model.quality.QualityRow;
import proficio.model.state.StateUpdate;
import proficio.model.state.StudentReplay;
import proficio.service.models.ModelLineup;
import proficio.store.QualityReader;
import proficio.store.Schemas;

/** Online quality and shadow scoring in the topology on TopologyTestDriver (real RocksDB, cached store); no broker. */
class QualityTopologyTest {

    /** 2023-11-14T22:13:20Z: answers a few hours apart cross midnight UTC. */
    private static final long T0 = 1_700_000_000_000L;
    private static final long HOUR = 3_600_000L;
    private static final KnowledgeModel ACTIVE = TopologyFixture.defaultModel();
    private static final KnowledgeModel CANDIDATE = candidate();

    private final StateUpdate update = new StateUpdate(ACTIVE.featureSpace());
    private final AtomicReference<ModelLineup> lineup = new AtomicReference<>(ModelLineup.of(ACTIVE));

    @TempDir
    Path stateDir;

    private TopologyFixture fixture;
    private KeyValueStore<QualityKey, QualityFigures> quality;

    /** The default model with an own theta for addition_1 (intercept lowered): EXERCISE there, GLOBAL elsewhere. */
    private static KnowledgeModel candidate() {
        double[] w = ACTIVE.globalTheta().toArray();
        w[0] -= 0.7;
        return new KnowledgeModel("cand-1", ACTIVE.featureSpace(), ACTIVE.featureSet(), ACTIVE.globalTheta(),
                Map.of("addition_1", Theta.of(w)), new Provenance(1, "test", 5, "hand-made"));
    }

    @BeforeEach
    void start() {
        fixture = new TopologyFixture("quality-topology-test", stateDir, update, lineup::get);
        quality = fixture.store(Schemas.QUALITY_STORE);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private void send(ProblemLog log) {
        fixture.send(log);
    }

    private static List<ProblemLog> answers() {
        List<ProblemLog> out = new ArrayList<>();
        String[] exercises = {"addition_1", "fractions"};
        for (int i = 0; i < 24; i++) {
            String student = i % 3 == 0 ? "ada" : "bo";
            out.add(ProblemLog.practice("ev" + i, student, exercises[i % 2], "t" + (i % 2), i % 5 != 0, T0 + i * HOUR / 4));
        }
        return out;
    }

    @Test
    void everyAnswer_isScoredByTheActiveModel_andTheCandidate_fromTheSameStateJustBeforeIt() {
        List<ProblemLog> answers = answers();
        lineup.set(new ModelLineup(ACTIVE, CANDIDATE));
        answers.forEach(this::send);
        send(answers.getLast()); // a retry (within the 4 ids an exercise remembers): applied once, scored once

        Map<QualityKey, QualityFigures> expected = new HashMap<>();
        Map<String, StudentReplay> replays = new HashMap<>();
        for (ProblemLog log : answers) {
            StudentReplay r = replays.computeIfAbsent(log.studentId(), s -> new StudentReplay(update));
            count(expected, log, ACTIVE.predict(log.exercise(), log.problemType(), r), ModelRole.ACTIVE);
            count(expected, log, CANDIDATE.predict(log.exercise(), log.problemType(), r), ModelRole.CANDIDATE);
            r.apply(log);
        }

        Map<QualityKey, QualityFigures> stored = stored();
        assertThat(stored.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((k, f) -> assertThat(stored.get(k)).as("%s", k).isEqualTo(f));
        QualityKey day1 = new QualityKey("addition_1", QualityKey.epochDayOf(T0), "cand-1", ModelRole.CANDIDATE,
                ThetaSource.EXERCISE);
        assertThat(expected).containsKey(day1).containsKey(new QualityKey("fractions", QualityKey.epochDayOf(T0), "cand-1",
                ModelRole.CANDIDATE, ThetaSource.GLOBAL));
        assertThat(QualityKey.epochDayOf(answers.getLast().timeDoneMs())).as("the answers cross midnight UTC")
                .isEqualTo(QualityKey.epochDayOf(T0) + 1);
        long all = expected.entrySet().stream().filter(e -> e.getKey().exercise().isEmpty()
                && e.getKey().role() == ModelRole.ACTIVE).mapToLong(e -> e.getValue().samples()).sum();
        assertThat(all).as("the over-all row counts each answer once").isEqualTo(answers.size());
    }

    @Test
    void withoutACandidate_onlyTheActiveModelIsCounted_andTheReaderReadsOneExercisesDaysInOrder() {
        answers().forEach(this::send);
        assertThat(stored().keySet()).allMatch(k -> k.role() == ModelRole.ACTIVE && k.modelVersion().equals(ACTIVE.version()));

        int d0 = QualityKey.epochDayOf(T0);
        QualityReader reader = new QualityReader(quality);
        List<QualityRow> both = reader.series("addition_1", d0, d0 + 1);
        assertThat(both).extracting(r -> r.key().epochDay()).containsExactly(d0, d0 + 1);
        assertThat(both).allMatch(r -> r.key().exercise().equals("addition_1"));
        assertThat(reader.series("addition_1", d0 + 1, d0 + 1)).hasSize(1);
        assertThat(reader.series("addition_1", d0 + 2, d0 + 9)).isEmpty();
        assertThat(reader.series(QualityKey.ALL_EXERCISES, d0, d0 + 1).stream().mapToLong(r -> r.figures().samples()).sum())
                .isEqualTo(24);
        assertThat(reader.eachExercise(d0, d0 + 1)).extracting(r -> r.key().exercise())
                .containsOnly("addition_1", "fractions").hasSize(4);
    }

    private static void count(Map<QualityKey, QualityFigures> into, ProblemLog log, Prediction p, ModelRole role) {
        QualityKey k = new QualityKey(log.exercise(), QualityKey.epochDayOf(log.timeDoneMs()), p.modelVersion(), role,
                p.thetaSource());
        into.merge(k, QualityFigures.of(p.probability(), log.correct()), QualityFigures::plus);
        into.merge(k.withExercise(QualityKey.ALL_EXERCISES), QualityFigures.of(p.probability(), log.correct()),
                QualityFigures::plus);
    }

    private Map<QualityKey, QualityFigures> stored() {
        Map<QualityKey, QualityFigures> out = new HashMap<>();
        try (KeyValueIterator<QualityKey, QualityFigures> it = quality.all()) {
            while (it.hasNext()) {
                KeyValue<QualityKey, QualityFigures> kv = it.next();
                out.put(kv.key, kv.value);
            }
        }
        return out;
    }
}
