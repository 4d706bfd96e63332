package proficio.service.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import proficio.model.event.ProblemLog;
import proficio.model.feature.FeatureSpace;
import proficio.model.feature.Ka2014SeqFeatureSet;
import proficio.model.feature.StudentView;
import proficio.model.predict.KnowledgeModel;
import proficio.model.predict.Prediction;
import proficio.model.predict.Provenance;
import proficio.model.predict.Theta;
import proficio.model.quality.ModelRole;
import proficio.model.quality.QualityFigures;
import proficio.model.quality.QualityKey;
import proficio.model.state.ExerciseState;
import proficio.model.state.KnowledgeState;
import proficio.model.state.StateUpdate;
import proficio.model.state.StudentReplay;
import proficio.model.state.StudentSequence;
import proficio.proto.v1.MasteryTransition;
import proficio.service.models.ModelLineup;
import proficio.store.Schemas;

/**
 * The {@code sequence} store and ka2014-seq models in the topology on TopologyTestDriver (real
 * RocksDB): the stored StudentSequence equals the trainer's {@link StudentReplay} after every answer,
 * and the p the processor scored each answer with (its own quality cell, and the p of the transitions
 * it caused) is the model's predict on the replay's view just before it, bit for bit.
 */
class SequenceTopologyTest {

    private static final String APP_ID = "sequence-topology-test";
    private static final String SEQUENCE_CHANGELOG = APP_ID + "-" + Schemas.SEQUENCE_STORE + "-changelog";
    private static final long T0 = 1_700_000_000_000L;
    /** Every answer on a day of its own: each quality cell then holds exactly one answer's p. */
    private static final long DAY = 86_400_000L;
    private static final FeatureSpace SPACE = new FeatureSpace(FeatureSpace.DEFAULT_SEED);
    private static final KnowledgeModel SEQ = seqModel();
    private static final KnowledgeModel DEFAULT = TopologyFixture.defaultModel();

    private final StateUpdate update = new StateUpdate(SPACE);
    private final AtomicReference<ModelLineup> lineup = new AtomicReference<>(ModelLineup.of(SEQ));

    @TempDir
    Path stateDir;

    private TopologyFixture fixture;
    private TestOutputTopic<String, byte[]> transitions;
    private KeyValueStore<String, StudentSequence> sequences;
    private KeyValueStore<QualityKey, QualityFigures> quality;

    /**
     * A ka2014-seq model whose every weight matters, the 20 sequence features more than the rest, an
     * own theta for one exercise and problem-type offsets (as the trainer fits them for this set).
     */
    private static KnowledgeModel seqModel() {
        double[] w = new double[Ka2014SeqFeatureSet.INSTANCE.dimension()];
        for (int i = 0; i < w.length; i++) {
            w[i] = i >= 113 ? 0.35 * ((i % 5) - 2) + 0.1 : 0.03 * ((i % 7) - 3);
        }
        w[0] = 0.8;
        double[] own = w.clone();
        own[0] = -0.2;
        own[120] += 0.5;
        return new KnowledgeModel("seq-1", SPACE, Ka2014SeqFeatureSet.INSTANCE, Theta.of(w), Map.of("fractions", Theta.of(own)),
                Map.of("fractions", Map.of("t1", -0.6, "t2", 0.3)), new Provenance(1, "SequenceTopologyTest", 5, "hand-made"))
                .atFloatPrecision();
    }

    @BeforeEach
    void start() {
        fixture = new TopologyFixture(APP_ID, stateDir, update, lineup::get);
        transitions = fixture.transitions;
        sequences = fixture.store(Schemas.SEQUENCE_STORE);
        quality = fixture.store(Schemas.QUALITY_STORE);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private void send(ProblemLog log) {
        fixture.send(log);
    }

    /**
     * Three students, four exercises, runs of one to four answers in an exercise before moving on and
     * coming back (so the run, "returning" and exercises-started features all vary), mostly right so
     * practice tasks complete; one answer per day over all students.
     */
    private static List<ProblemLog> answers() {
        Random random = new Random(2014);
        String[] students = {"ada", "bo", "学生"};
        String[] exercises = {"addition_1", "fractions", "分数", "geometry"};
        Map<String, String> current = new HashMap<>();
        Map<String, Integer> left = new HashMap<>();
        List<ProblemLog> out = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            String s = students[random.nextInt(students.length)];
            if (left.getOrDefault(s, 0) == 0) {
                current.put(s, exercises[random.nextInt(exercises.length)]);
                left.put(s, 1 + random.nextInt(4));
            }
            left.merge(s, -1, Integer::sum);
            out.add(ProblemLog.practice("ev" + i, s, current.get(s), "t" + random.nextInt(3), random.nextInt(5) != 0,
                    T0 + i * DAY));
        }
        return out;
    }

    private QualityFigures cell(ProblemLog log, Prediction p, ModelRole role) {
        return quality.get(new QualityKey(log.exercise(), QualityKey.epochDayOf(log.timeDoneMs()), p.modelVersion(), role,
                p.thetaSource()));
    }

    private Map<String, Double> transitionPs() {
        Map<String, Double> byEvent = new LinkedHashMap<>();
        for (byte[] v : transitions.readValuesToList()) {
            try {
                MasteryTransition t = MasteryTransition.parseFrom(v);
                byEvent.put(t.getEventId(), t.getP());
            } catch (InvalidProtocolBufferException e) {
                throw new AssertionError(e);
            }
        }
        return byEvent;
    }

    @Test
    void seqModelActive_storedSequenceEqualsTheReplay_andEveryAnswerIsScoredWithTheReplaysPBitForBit() {
        List<ProblemLog> answers = answers();
        Map<String, StudentReplay> replays = new HashMap<>();
        Map<String, Double> expectedP = new HashMap<>();
        int differsFromAnEmptySequence = 0;
        for (ProblemLog log : answers) {
            StudentReplay r = replays.computeIfAbsent(log.studentId(), s -> new StudentReplay(update));
            Prediction expected = SEQ.predict(log.exercise(), log.problemType(), r);
            expectedP.put(log.eventId(), expected.probability());
            if (expected.probability() != SEQ.predict(log.exercise(), log.problemType(), withSequence(r, StudentSequence.EMPTY))
                    .probability()) {
                differsFromAnEmptySequence++;
            }
            send(log);
            r.apply(log);

            assertThat(sequences.get(log.studentId())).as("sequence after %s", log.eventId()).isEqualTo(r.sequence());
            assertThat(cell(log, expected, ModelRole.ACTIVE)).as("the one answer scored in %s's cell", log.eventId())
                    .isEqualTo(QualityFigures.of(expected.probability(), log.correct()));
        }

        assertThat(differsFromAnEmptySequence).as("the model reads the sequence: p depends on it")
                .isGreaterThan(answers.size() * 3 / 4);
        Map<String, Double> seen = transitionPs();
        assertThat(seen).as("practice tasks completed").hasSizeGreaterThanOrEqualTo(3);
        seen.forEach((event, p) -> assertThat(Double.doubleToRawLongBits(p)).as("p of the transition %s caused", event)
                .isEqualTo(Double.doubleToRawLongBits(expectedP.get(event))));
        for (StudentReplay r : replays.values()) {
            assertThat(r.sequence().length()).isGreaterThan(10);
        }
        assertThat(replays.get("ada").sequence().exercisesStarted()).isGreaterThan(1);
    }

    @Test
    void aDuplicateAnswer_leavesTheSequenceUnchanged_andWritesNoSequence() {
        List<ProblemLog> answers = answers().subList(0, 30);
        StudentReplay ada = new StudentReplay(update);
        answers.forEach(this::send);
        answers.stream().filter(l -> l.studentId().equals("ada")).forEach(ada::apply);
        ProblemLog last = answers.stream().filter(l -> l.studentId().equals("ada")).reduce((a, b) -> b).orElseThrow();
        StudentSequence before = sequences.get("ada");
        int writes = sequenceWrites();
        Map<QualityKey, QualityFigures> qualityBefore = new HashMap<>();
        quality.all().forEachRemaining(kv -> qualityBefore.put(kv.key, kv.value));

        send(last); // a producer retry: same event id, same exercise

        assertThat(sequences.get("ada")).isEqualTo(before).isEqualTo(ada.sequence());
        assertThat(writes).as("one sequence put per applied answer").isEqualTo(answers.size());
        assertThat(sequenceWrites()).as("none for the duplicate").isZero();
        Map<QualityKey, QualityFigures> qualityAfter = new HashMap<>();
        quality.all().forEachRemaining(kv -> qualityAfter.put(kv.key, kv.value));
        assertThat(qualityAfter).as("not scored again").isEqualTo(qualityBefore);
    }

    /** Sequence records written to the store's changelog since the last call. */
    private int sequenceWrites() {
        return fixture.driver.createOutputTopic(SEQUENCE_CHANGELOG, Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer()).readRecordsToList().size();
    }

    @Test
    void seqCandidateBesideAKa2014Active_isScoredFromTheSameStateWithTheReplaysP() {
        lineup.set(new ModelLineup(DEFAULT, SEQ));
        Map<String, StudentReplay> replays = new HashMap<>();
        for (ProblemLog log : answers().subList(0, 45)) {
            StudentReplay r = replays.computeIfAbsent(log.studentId(), s -> new StudentReplay(update));
            Prediction active = DEFAULT.predict(log.exercise(), log.problemType(), r);
            Prediction candidate = SEQ.predict(log.exercise(), log.problemType(), r);
            send(log);
            r.apply(log);

            assertThat(cell(log, active, ModelRole.ACTIVE)).isEqualTo(QualityFigures.of(active.probability(), log.correct()));
            assertThat(cell(log, candidate, ModelRole.CANDIDATE)).as("candidate's cell for %s", log.eventId())
                    .isEqualTo(QualityFigures.of(candidate.probability(), log.correct()));
            assertThat(sequences.get(log.studentId())).isEqualTo(r.sequence());
        }
    }

    @Test
    void aStudentWithStateButNoStoredSequence_startsFromTheirTotals_withAnEmptyHistory() {
        List<ProblemLog> answers = answers();
        List<ProblemLog> first = answers.subList(0, 40);
        List<ProblemLog> rest = answers.subList(40, answers.size());
        first.forEach(this::send);
        StudentReplay bo = new StudentReplay(update);
        first.stream().filter(l -> l.studentId().equals("bo")).forEach(bo::apply);
        sequences.delete("bo"); // as a student whose state was written before the sequence store existed

        // the totals are read from bo's exercises once; the history starts empty
        StudentSequence rebuilt = StudentSequence.startingAt(bo.totalDone(), bo.totalCorrect());
        assertThat(rebuilt.answers()).isPositive();
        int checked = 0;
        for (ProblemLog log : rest) {
            if (!log.studentId().equals("bo")) {
                send(log);
                continue;
            }
            // p from bo's full state but the sequence folded only from here on, as the service now has it
            Prediction expected = SEQ.predict(log.exercise(), log.problemType(), withSequence(bo, rebuilt));
            StateUpdate.Outcome outcome = update.apply(bo.knowledge(), bo.exercise(log.exercise()), log);
            rebuilt = update.next(rebuilt, log, outcome);
            send(log);
            bo.apply(log);

            assertThat(cell(log, expected, ModelRole.ACTIVE)).isEqualTo(QualityFigures.of(expected.probability(), log.correct()));
            assertThat(sequences.get("bo")).isEqualTo(rebuilt);
            checked++;
        }
        assertThat(checked).isGreaterThan(5);
        assertThat(rebuilt.exercisesStarted()).as("exercises begun before the gap are not counted again")
                .isLessThan(bo.sequence().exercisesStarted());
        assertThat(sequences.get("bo").answers()).as("the totals carried on from the exercises' sums")
                .isEqualTo(bo.totalDone()).isEqualTo(bo.sequence().answers());
        assertThat(sequences.get("bo").correctAnswers()).isEqualTo(bo.totalCorrect());
    }

    /** {@code student} with another sequence. */
    private static StudentView withSequence(StudentReplay student, StudentSequence sequence) {
        return new StudentView() {
            public KnowledgeState knowledge() {
                return student.knowledge();
            }

            public ExerciseState exercise(String exercise) {
                return student.exercise(exercise);
            }

            public long totalDone() {
                return student.totalDone();
            }

            public long totalCorrect() {
                return student.totalCorrect();
            }

            public StudentSequence sequence() {
                return sequence;
            }
        };
    }
}
