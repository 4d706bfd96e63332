package proficio.service.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import proficio.model.event.ProblemLog;
import proficio.model.feature.FeatureSpace;
import proficio.model.state.ExerciseState;
import proficio.model.state.KnowledgeState;
import proficio.model.state.StateUpdate;
import proficio.model.state.StudentReplay;
import proficio.model.predict.KnowledgeModel;
import proficio.proto.ProblemLogs;
import proficio.service.models.ModelLineup;
import proficio.store.ExerciseKey;
import proficio.store.Schemas;
import proficio.store.StoredExercise;

/** The whole topology on TopologyTestDriver: stores in RocksDB, DLQ as a captured topic; no broker. */
class ProficioTopologyTest {

    private static final String APP_ID = "proficio-topology-test";
    private static final String KNOWLEDGE_CHANGELOG = APP_ID + "-" + Schemas.KNOWLEDGE_STORE + "-changelog";
    private static final String EXERCISE_CHANGELOG = APP_ID + "-" + Schemas.EXERCISE_STORE + "-changelog";
    private static final long SEED = 7_2014L;
    private static final long SKEW_MS = 60_000L;
    private static final long T0 = 1_700_000_000_000L;

    private static final KnowledgeModel MODEL = TopologyFixture.defaultModel();

    private final StateUpdate update = new StateUpdate(new FeatureSpace(SEED));

    @TempDir
    Path stateDir;

    private TopologyFixture fixture;
    private TestOutputTopic<String, byte[]> dlq;
    private KeyValueStore<String, KnowledgeState> knowledge;
    private KeyValueStore<ExerciseKey, StoredExercise> exercises;
    /** Offset the next record piped to problem-logs gets (the driver numbers them from 0). */
    private long nextOffset;

    @BeforeEach
    void start() {
        fixture = new TopologyFixture(APP_ID, stateDir, update, SKEW_MS, () -> ModelLineup.of(MODEL),
                TopologyTestMetrics.unregistered());
        dlq = fixture.deadLetters;
        knowledge = fixture.store(Schemas.KNOWLEDGE_STORE);
        exercises = fixture.store(Schemas.EXERCISE_STORE);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static ProblemLog answer(String eventId, String student, String exercise, String type, boolean correct, long t) {
        return ProblemLog.practice(eventId, student, exercise, type, correct, t);
    }

    private static byte[] wire(ProblemLog log) {
        return ProblemLogs.toWire(log).toByteArray();
    }

    /** Pipes a record and returns the offset it was given. */
    private long pipe(String key, byte[] value, long timestampMs, Headers headers) {
        fixture.problemLogs.pipeInput(new TestRecord<>(key, value, headers, Instant.ofEpochMilli(timestampMs)));
        return nextOffset++;
    }

    /** A well-formed answer, keyed by its student and logged at its own time. */
    private long send(ProblemLog log) {
        return pipe(log.studentId(), wire(log), log.timeDoneMs(), new RecordHeaders());
    }

    private ExerciseState stored(String student, String exercise) {
        StoredExercise s = exercises.get(new ExerciseKey(student, exercise));
        return s == null ? null : s.state();
    }

    private Map<ExerciseKey, ExerciseState> allExerciseStates() {
        Map<ExerciseKey, ExerciseState> all = new HashMap<>();
        try (KeyValueIterator<ExerciseKey, StoredExercise> it = exercises.all()) {
            it.forEachRemaining(kv -> all.put(kv.key, kv.value.state()));
        }
        return all;
    }

    private List<KeyValue<String, KnowledgeState>> knowledgeWrites() {
        TestOutputTopic<String, byte[]> changelog = fixture.driver.createOutputTopic(KNOWLEDGE_CHANGELOG,
                Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
        List<KeyValue<String, KnowledgeState>> writes = new ArrayList<>();
        for (KeyValue<String, byte[]> kv : changelog.readKeyValuesToList()) {
            writes.add(KeyValue.pair(kv.key, Schemas.KNOWLEDGE_STATE.deserializer().deserialize(KNOWLEDGE_CHANGELOG, kv.value)));
        }
        return writes;
    }

    private int exerciseWriteCount() {
        return fixture.driver.createOutputTopic(EXERCISE_CHANGELOG, Serdes.ByteArray().deserializer(),
                Serdes.ByteArray().deserializer()).readRecordsToList().size();
    }

    private static String header(TestRecord<String, byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private void assertDeadLetter(TestRecord<String, byte[]> r, String key, byte[] value, long offset,
                                  String reason, String field) {
        assertThat(r.key()).isEqualTo(key);
        assertThat(r.value()).isEqualTo(value);
        assertThat(header(r, DeadLetter.HEADER_REASON)).isEqualTo(reason);
        assertThat(header(r, DeadLetter.HEADER_FIELD)).isEqualTo(field);
        assertThat(header(r, DeadLetter.HEADER_DETAIL)).isNotBlank();
        assertThat(header(r, DeadLetter.HEADER_TOPIC)).isEqualTo(Schemas.Topics.PROBLEM_LOGS);
        assertThat(header(r, DeadLetter.HEADER_PARTITION)).isEqualTo("0");
        assertThat(header(r, DeadLetter.HEADER_OFFSET)).isEqualTo(Long.toString(offset));
    }

    // ---- applying answers ---------------------------------------------------------------------

    @Test
    void answers_updateTheStoresBitForBitAsStudentReplayDoes() {
        Random random = new Random(42);
        List<String> students = List.of("s1", "s10", "s1x", "学生");
        List<String> names = List.of("addition_1", "subtraction", "fractions", "分数", "long_division");
        Map<String, StudentReplay> replays = new LinkedHashMap<>();
        Map<String, List<ProblemLog>> sentBy = new HashMap<>();
        long t = T0;
        for (int i = 0; i < 600; i++) {
            String student = students.get(random.nextInt(students.size()));
            List<ProblemLog> earlier = sentBy.computeIfAbsent(student, s -> new ArrayList<>());
            ProblemLog log;
            if (!earlier.isEmpty() && random.nextInt(10) == 0) {
                log = earlier.get(earlier.size() - 1); // a retried delivery of the student's last answer
            } else {
                t += random.nextInt(120_000);
                log = answer("ev-" + i, student, names.get(random.nextInt(names.size())), "type-" + random.nextInt(3),
                        random.nextInt(3) > 0, t - random.nextInt(5_000)); // some answers logged slightly out of order
            }
            earlier.add(log);
            replays.computeIfAbsent(student, s -> new StudentReplay(update)).apply(log);
            send(log);
        }

        Map<ExerciseKey, ExerciseState> expected = new HashMap<>();
        replays.forEach((student, replay) -> replay.exercises().forEach((e, s) -> expected.put(new ExerciseKey(student, e), s)));
        assertThat(allExerciseStates()).isEqualTo(expected);
        for (Map.Entry<String, StudentReplay> r : replays.entrySet()) {
            KnowledgeState stored = knowledge.get(r.getKey());
            assertThat(stored).as("knowledge of %s", r.getKey()).isEqualTo(r.getValue().knowledge());
            float[] want = r.getValue().knowledge().toArray();
            for (int i = 0; i < want.length; i++) {
                assertThat(Float.floatToRawIntBits(stored.get(i))).isEqualTo(Float.floatToRawIntBits(want[i]));
            }
        }
        assertThat(dlq.isEmpty()).isTrue();
    }

    @Test
    void firstAnswer_storesTheTriplesComponentAndOneAnswerOfHistory() {
        ProblemLog log = answer("e1", "s1", "addition", "t1", false, T0);

        send(log);

        assertThat(stored("s1", "addition")).isEqualTo(ExerciseState.EMPTY.withAnswer(false, T0, "e1"));
        assertThat(knowledge.get("s1"))
                .isEqualTo(KnowledgeState.zero().plus(update.featureSpace().component("addition", "t1", false)));
    }

    @Test
    void knowledgeStore_isWrittenOnlyOnTheFirstAnswerPerExercise() {
        FeatureSpace space = update.featureSpace();
        send(answer("e1", "s1", "addition", "t1", true, T0));
        send(answer("e2", "s1", "addition", "t2", false, T0 + 1));
        send(answer("e3", "s1", "fractions", "t1", false, T0 + 2));
        send(answer("e4", "s1", "addition", "t1", true, T0 + 3));
        send(answer("e5", "s1", "fractions", "t1", true, T0 + 4));
        send(answer("e6", "s2", "addition", "t1", true, T0 + 5));
        send(answer("e7", "s1", "geometry", "t9", true, T0 + 6));
        send(answer("e8", "s1", "geometry", "t9", false, T0 + 7));

        KnowledgeState afterAddition = KnowledgeState.zero().plus(space.component("addition", "t1", true));
        KnowledgeState afterFractions = afterAddition.plus(space.component("fractions", "t1", false));
        KnowledgeState afterGeometry = afterFractions.plus(space.component("geometry", "t9", true));
        assertThat(knowledgeWrites()).containsExactly(
                KeyValue.pair("s1", afterAddition),
                KeyValue.pair("s1", afterFractions),
                KeyValue.pair("s2", KnowledgeState.zero().plus(space.component("addition", "t1", true))),
                KeyValue.pair("s1", afterGeometry));
        assertThat(knowledge.get("s1")).isEqualTo(afterGeometry);
        assertThat(exerciseWriteCount()).isEqualTo(8);
    }

    // ---- duplicates ---------------------------------------------------------------------------

    @Test
    void sameEventIdTwice_isAppliedOnce() {
        ProblemLog log = answer("e1", "s1", "addition", "t1", true, T0);

        send(log);
        send(log);

        ExerciseState s = stored("s1", "addition");
        assertThat(s.done()).isEqualTo(1);
        assertThat(s.correct()).isEqualTo(1);
        assertThat(s).isEqualTo(ExerciseState.EMPTY.withAnswer(true, T0, "e1"));
        assertThat(exerciseWriteCount()).isEqualTo(1);
        assertThat(knowledgeWrites()).hasSize(1);
        assertThat(dlq.isEmpty()).isTrue();
    }

    @Test
    void retriedEventId_afterOtherAnswersInTheExercise_isStillAppliedOnce() {
        ProblemLog first = answer("e1", "s1", "addition", "t1", false, T0);
        send(first);
        send(answer("e2", "s1", "addition", "t1", true, T0 + 1));
        send(answer("e3", "s1", "addition", "t1", true, T0 + 2));

        send(first);

        ExerciseState s = stored("s1", "addition");
        assertThat(s.done()).isEqualTo(3);
        assertThat(s.correct()).isEqualTo(2);
        assertThat(s.history()).isEqualTo(0b011);
    }

    @Test
    void sameEventIdInADifferentExercise_isAppliedThere() {
        // Duplicates are tracked per (student, exercise): a retried answer repeats its exercise.
        send(answer("e1", "s1", "addition", "t1", true, T0));
        send(answer("e1", "s1", "fractions", "t1", true, T0 + 1));

        assertThat(stored("s1", "addition").done()).isEqualTo(1);
        assertThat(stored("s1", "fractions").done()).isEqualTo(1);
    }

    // ---- dead letters (STYLE 14) --------------------------------------------------------------

    @Test
    void undecodableValue_goesToTheDlqWithSourceAndOriginalBytes_andTheNextGoodRecordIsApplied() {
        send(answer("e0", "s1", "addition", "t1", true, T0));
        byte[] garbage = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
        Headers original = new RecordHeaders().add("trace-id", "abc".getBytes(StandardCharsets.UTF_8));

        long offset = pipe("s1", garbage, T0 + 1, original);
        send(answer("e1", "s1", "addition", "t1", false, T0 + 2));

        List<TestRecord<String, byte[]>> dead = dlq.readRecordsToList();
        assertThat(dead).hasSize(1);
        assertThat(offset).isEqualTo(1);
        assertDeadLetter(dead.get(0), "s1", garbage, 1, DeadLetter.UNDECODABLE, "");
        assertThat(header(dead.get(0), "trace-id")).as("original headers are kept").isEqualTo("abc");
        assertThat(stored("s1", "addition").done()).isEqualTo(2);
        assertThat(stored("s1", "addition").history()).isEqualTo(0b10);
    }

    @Test
    void nullValue_goesToTheDlqAsUndecodable_andTheNextGoodRecordIsApplied() {
        long offset = pipe("s1", null, T0, new RecordHeaders());
        send(answer("e1", "s1", "addition", "t1", true, T0 + 1));

        List<TestRecord<String, byte[]>> dead = dlq.readRecordsToList();
        assertThat(dead).hasSize(1);
        assertDeadLetter(dead.get(0), "s1", null, offset, DeadLetter.UNDECODABLE, "");
        assertThat(stored("s1", "addition").done()).isEqualTo(1);
    }

    @Test
    void blankExercise_goesToTheDlqAsInvalidNamingTheField_andTheNextGoodRecordIsApplied() {
        ProblemLog bad = answer("e1", "s1", "  ", "t1", true, T0);

        long offset = send(bad);
        send(answer("e2", "s1", "addition", "t1", true, T0 + 1));

        List<TestRecord<String, byte[]>> dead = dlq.readRecordsToList();
        assertThat(dead).hasSize(1);
        assertDeadLetter(dead.get(0), "s1", wire(bad), offset, DeadLetter.INVALID, "exercise");
        assertThat(header(dead.get(0), DeadLetter.HEADER_DETAIL)).contains("exercise");
        assertThat(allExerciseStates()).containsOnlyKeys(new ExerciseKey("s1", "addition"));
        assertThat(stored("s1", "addition").done()).isEqualTo(1);
    }

    @Test
    void keyDifferentFromStudentId_goesToTheDlqAsInvalidNamingStudentId_andTheNextGoodRecordIsApplied() {
        ProblemLog bad = answer("e1", "s1", "addition", "t1", true, T0);

        long offset = pipe("s2", wire(bad), T0, new RecordHeaders());
        send(answer("e2", "s2", "addition", "t1", false, T0 + 1));

        List<TestRecord<String, byte[]>> dead = dlq.readRecordsToList();
        assertThat(dead).hasSize(1);
        assertDeadLetter(dead.get(0), "s2", wire(bad), offset, DeadLetter.INVALID, "student_id");
        assertThat(stored("s1", "addition")).isNull();
        assertThat(knowledge.get("s1")).isNull();
        assertThat(stored("s2", "addition")).isEqualTo(ExerciseState.EMPTY.withAnswer(false, T0 + 1, "e2"));
    }

    @Test
    void missingKey_goesToTheDlqAsInvalidNamingStudentId() {
        ProblemLog bad = answer("e1", "s1", "addition", "t1", true, T0);

        long offset = pipe(null, wire(bad), T0, new RecordHeaders());
        send(answer("e2", "s1", "addition", "t1", true, T0 + 1));

        List<TestRecord<String, byte[]>> dead = dlq.readRecordsToList();
        assertThat(dead).hasSize(1);
        assertDeadLetter(dead.get(0), null, wire(bad), offset, DeadLetter.INVALID, "student_id");
        assertThat(stored("s1", "addition").done()).isEqualTo(1);
    }

    @Test
    void timeDoneFarAfterTheRecordTimestamp_goesToTheDlqAsInvalidNamingTimeDone_andTheNextGoodRecordIsApplied() {
        long loggedAt = T0;
        ProblemLog bad = answer("e1", "s1", "addition", "t1", true, loggedAt + SKEW_MS + 1);
        ProblemLog atTheLimit = answer("e2", "s1", "addition", "t1", true, loggedAt + SKEW_MS);

        long offset = pipe("s1", wire(bad), loggedAt, new RecordHeaders());
        pipe("s1", wire(atTheLimit), loggedAt, new RecordHeaders());

        List<TestRecord<String, byte[]>> dead = dlq.readRecordsToList();
        assertThat(dead).hasSize(1);
        assertDeadLetter(dead.get(0), "s1", wire(bad), offset, DeadLetter.INVALID, "time_done");
        assertThat(stored("s1", "addition")).isEqualTo(ExerciseState.EMPTY.withAnswer(true, loggedAt + SKEW_MS, "e2"));
    }

    @Test
    void badRecordsInterleavedWithGoodOnes_areAllRouted_andEveryGoodOneIsApplied() {
        StudentReplay replay = new StudentReplay(update);
        List<Long> badOffsets = new ArrayList<>();
        List<String> badReasons = new ArrayList<>();
        Random random = new Random(14);
        for (int i = 0; i < 60; i++) {
            long t = T0 + i * 1_000L;
            switch (i % 4) {
                case 0 -> {
                    byte[] garbage = new byte[1 + random.nextInt(3)];
                    java.util.Arrays.fill(garbage, (byte) 0xFF);
                    badOffsets.add(pipe("s1", garbage, t, new RecordHeaders()));
                    badReasons.add(DeadLetter.UNDECODABLE);
                }
                case 1 -> {
                    badOffsets.add(pipe("s1", wire(answer("bad-" + i, "s1", "", "t1", true, t)), t, new RecordHeaders()));
                    badReasons.add(DeadLetter.INVALID);
                }
                case 2 -> {
                    badOffsets.add(pipe("s1", null, t, new RecordHeaders()));
                    badReasons.add(DeadLetter.UNDECODABLE);
                }
                default -> { }
            }
            ProblemLog good = answer("good-" + i, "s1", "ex-" + (i % 5), "t" + (i % 2), random.nextBoolean(), t);
            replay.apply(good);
            send(good);
        }

        List<TestRecord<String, byte[]>> dead = dlq.readRecordsToList();
        assertThat(dead).extracting(r -> Long.parseLong(header(r, DeadLetter.HEADER_OFFSET))).containsExactlyElementsOf(badOffsets);
        assertThat(dead).extracting(r -> header(r, DeadLetter.HEADER_REASON)).containsExactlyElementsOf(badReasons);
        Map<ExerciseKey, ExerciseState> expected = new HashMap<>();
        replay.exercises().forEach((e, s) -> expected.put(new ExerciseKey("s1", e), s));
        assertThat(allExerciseStates()).isEqualTo(expected);
        assertThat(knowledge.get("s1")).isEqualTo(replay.knowledge());
    }
}
