package proficio.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import proficio.model.mastery.MasteryLevel;
import proficio.model.mastery.MasteryState;
import proficio.model.state.ExerciseState;
import proficio.model.state.KnowledgeState;
import proficio.model.state.RecentEvents;
import proficio.model.state.StudentSequence;

/** StudentStateReader over the real RocksDB stores of {@link Schemas}, opened by TopologyTestDriver. */
class StudentStateReaderTest {

    private static final String EXERCISE_WRITES = "exercise-writes";
    private static final String KNOWLEDGE_WRITES = "knowledge-writes";
    private static final String SEQUENCE_WRITES = "sequence-writes";

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<ExerciseKey, StoredExercise> exerciseWrites;
    private TestInputTopic<String, KnowledgeState> knowledgeWrites;
    private TestInputTopic<String, StudentSequence> sequenceWrites;
    private StudentStateReader reader;

    /** Puts every record it gets into one store, as the real processor does. */
    static final class PutInto<K, V> implements Processor<K, V, Void, Void> {
        private final String storeName;
        private KeyValueStore<K, V> store;

        PutInto(String storeName) {
            this.storeName = storeName;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(storeName);
        }

        @Override
        public void process(Record<K, V> record) {
            store.put(record.key(), record.value());
        }
    }

    static Topology writingTopology() {
        Topology t = new Topology();
        t.addSource("exercise-src", Schemas.EXERCISE_KEY.deserializer(), Schemas.STORED_EXERCISE.deserializer(), EXERCISE_WRITES);
        t.addSource("knowledge-src", Schemas.STUDENT_ID.deserializer(), Schemas.KNOWLEDGE_STATE.deserializer(), KNOWLEDGE_WRITES);
        t.addProcessor("put-exercise", () -> new PutInto<ExerciseKey, StoredExercise>(Schemas.EXERCISE_STORE), "exercise-src");
        t.addProcessor("put-knowledge", () -> new PutInto<String, KnowledgeState>(Schemas.KNOWLEDGE_STORE), "knowledge-src");
        t.addStateStore(Schemas.exerciseStore(), "put-exercise");
        t.addStateStore(Schemas.knowledgeStore(), "put-knowledge");
        t.addSource("sequence-src", Schemas.STUDENT_ID.deserializer(), Schemas.STUDENT_SEQUENCE.deserializer(), SEQUENCE_WRITES);
        t.addProcessor("put-sequence", () -> new PutInto<String, StudentSequence>(Schemas.SEQUENCE_STORE), "sequence-src");
        t.addStateStore(Schemas.sequenceStore(), "put-sequence");
        return t;
    }

    @BeforeEach
    void openStores() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "student-state-reader-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(writingTopology(), p);
        exerciseWrites = driver.createInputTopic(EXERCISE_WRITES, Schemas.EXERCISE_KEY.serializer(), Schemas.STORED_EXERCISE.serializer());
        knowledgeWrites = driver.createInputTopic(KNOWLEDGE_WRITES, Schemas.STUDENT_ID.serializer(), Schemas.KNOWLEDGE_STATE.serializer());
        sequenceWrites = driver.createInputTopic(SEQUENCE_WRITES, Schemas.STUDENT_ID.serializer(), Schemas.STUDENT_SEQUENCE.serializer());
        ReadOnlyKeyValueStore<String, KnowledgeState> knowledge = driver.getKeyValueStore(Schemas.KNOWLEDGE_STORE);
        ReadOnlyKeyValueStore<ExerciseKey, StoredExercise> exercises = driver.getKeyValueStore(Schemas.EXERCISE_STORE);
        ReadOnlyKeyValueStore<String, StudentSequence> sequence = driver.getKeyValueStore(Schemas.SEQUENCE_STORE);
        reader = new StudentStateReader(knowledge, sequence, exercises);
    }

    @AfterEach
    void close() {
        driver.close();
    }

    /** A mastery state told apart by {@code done}, stored beside {@link #state}. */
    private static MasteryState mastery(long done) {
        return new MasteryState(MasteryLevel.PRACTICED, done % 2 == 0, (int) done, 0b101, 3, done, 1_000 + done, 0, 0);
    }

    private static ExerciseState state(long done) {
        return new ExerciseState((int) done, done, done / 2, 1_000 + done, RecentEvents.ofFingerprints(done));
    }

    private static KnowledgeState knowledge(float first) {
        float[] v = new float[KnowledgeState.DIMENSIONS];
        v[0] = first;
        v[99] = -first;
        return KnowledgeState.of(v);
    }

    private void put(String student, String exercise, ExerciseState s) {
        exerciseWrites.pipeInput(new ExerciseKey(student, exercise), new StoredExercise(s, mastery(s.done())));
    }

    /** Students whose ids are prefixes of each other, and exercise names that would collide on plain concatenation. */
    private void putNeighbours() {
        put("ab", "addition", state(1));
        put("ab", "cx", state(2));
        put("ab", "", state(3));
        put("ab", "分数", state(4));
        put("a", "babc", state(5));
        put("abc", "x", state(6));
        put("abc", "addition", state(7));
        put("abd", "addition", state(8));
        put("ab\u0000", "addition", state(9));
        put("b", "addition", state(10));
        knowledgeWrites.pipeInput("ab", knowledge(0.5f));
        knowledgeWrites.pipeInput("abc", knowledge(-0.25f));
    }

    @Test
    void readAll_returnsExactlyThatStudentsExercises_notThoseOfStudentsSharingAPrefix() {
        putNeighbours();

        StudentSnapshot ab = reader.readAll("ab");

        assertThat(ab.studentId()).isEqualTo("ab");
        assertThat(ab.exercises()).isEqualTo(Map.of(
                "addition", state(1), "cx", state(2), "", state(3), "分数", state(4)));
        assertThat(ab.mastery()).isEqualTo(Map.of(
                "addition", mastery(1), "cx", mastery(2), "", mastery(3), "分数", mastery(4)));
        assertThat(ab.masteryOf("never")).isEqualTo(MasteryState.INITIAL);
        assertThat(ab.knowledge()).isEqualTo(knowledge(0.5f));
        assertThat(ab.known()).isTrue();
    }

    @Test
    void readAll_iteratesInNameOrder_evenWhereTheStoresByteOrderDiffers() {
        // In UTF-8 "\uFB01" (EF AC 81) sorts before "\uD83D\uDE00" (F0 9F 98 80); as Java strings the
        // emoji (a surrogate pair, D83D) sorts first. The snapshot follows String order either way.
        List<String> names = List.of("b", "\uFB01x", "\uD83D\uDE00", "a", "ab", "aa", "exercise_00042", "exercise_00007");
        for (int i = 0; i < names.size(); i++) {
            put("s", names.get(i), state(i + 1));
        }

        StudentSnapshot s = reader.readAll("s");

        List<String> byName = names.stream().sorted().toList();
        assertThat(List.copyOf(s.exercises().keySet())).isEqualTo(byName);
        assertThat(List.copyOf(s.mastery().keySet())).isEqualTo(byName);
        assertThat(s.exercise("\uFB01x")).isEqualTo(state(2));
        assertThat(s.masteryOf("aa")).isEqualTo(mastery(6));
    }

    @Test
    void readAll_ofTheLongerId_returnsOnlyItsOwnExercises() {
        putNeighbours();

        assertThat(reader.readAll("abc").exercises()).isEqualTo(Map.of("x", state(6), "addition", state(7)));
        assertThat(reader.readAll("abc").knowledge()).isEqualTo(knowledge(-0.25f));
        assertThat(reader.readAll("a").exercises()).isEqualTo(Map.of("babc", state(5)));
        assertThat(reader.readAll("ab\u0000").exercises()).isEqualTo(Map.of("addition", state(9)));
    }

    @Test
    void readAll_ofAStudentWithExercisesButNoKnowledge_isNotKnown() {
        putNeighbours();

        StudentSnapshot a = reader.readAll("a");

        assertThat(a.known()).isFalse();
        assertThat(a.knowledge()).isEqualTo(KnowledgeState.zero());
        assertThat(a.exercises()).hasSize(1);
    }

    @Test
    void readAll_sumsTheTotalsOverTheStudentsOwnExercisesOnly_andRead_refusesTotals() {
        putNeighbours();

        StudentSnapshot ab = reader.readAll("ab");

        // "ab" has done 1 + 2 + 3 + 4 (correct done/2 each: 0 + 1 + 1 + 2); neighbours do not count.
        assertThat(ab.totalDone()).isEqualTo(10);
        assertThat(ab.totalCorrect()).isEqualTo(4);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> reader.read("ab", java.util.List.of("cx")).totalDone())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("readAll");
    }

    @Test
    void readAll_ofAnUnknownStudent_isEmpty() {
        putNeighbours();

        StudentSnapshot nobody = reader.readAll("zz");

        assertThat(nobody.known()).isFalse();
        assertThat(nobody.exercises()).isEmpty();
        assertThat(nobody.exercise("addition")).isEqualTo(ExerciseState.EMPTY);
    }

    @Test
    void readAll_seesTheLatestWrite() {
        put("ab", "addition", state(1));
        put("ab", "addition", state(11));

        assertThat(reader.readAll("ab").exercises()).isEqualTo(Map.of("addition", state(11)));
    }

    @Test
    void readAll_ofAStudentWithATwoByteLengthPrefix_findsAllTheirExercises() {
        String longId = "s".repeat(300);
        put(longId, "e1", state(1));
        put(longId, "e2", state(2));
        put(longId + "s", "e1", state(3));
        put("s".repeat(299), "se1", state(4));

        assertThat(reader.readAll(longId).exercises()).isEqualTo(Map.of("e1", state(1), "e2", state(2)));
    }

    @Test
    void read_returnsOnlyTheNamedExercises_andOmitsOnesNeverAttempted() {
        putNeighbours();

        StudentSnapshot ab = reader.read("ab", List.of("cx", "never-done", "分数"));

        assertThat(ab.exercises()).isEqualTo(Map.of("cx", state(2), "分数", state(4)));
        assertThat(ab.knowledge()).isEqualTo(knowledge(0.5f));
    }

    @Test
    void read_doesNotFindAnotherStudentsExerciseThatWouldCollideOnConcatenation() {
        putNeighbours();

        // ("ab", "cx") exists; ("a", "bcx") and ("abc", "cx") do not.
        assertThat(reader.read("a", List.of("bcx")).exercises()).isEmpty();
        assertThat(reader.read("abc", List.of("cx")).exercises()).isEmpty();
        assertThat(reader.read("abc", List.of("x")).exercises()).isEqualTo(Map.of("x", state(6)));
        assertThat(reader.read("abc", List.of("x")).mastery()).isEqualTo(Map.of("x", mastery(6)));
    }

    @Test
    void read_withNoNames_returnsNoExercisesButTheKnowledge() {
        putNeighbours();

        StudentSnapshot ab = reader.read("ab", List.of());

        assertThat(ab.exercises()).isEmpty();
        assertThat(ab.knowledge()).isEqualTo(knowledge(0.5f));
    }

    /** A sequence told apart by {@code n} answers, the latest in {@code exercise}. */
    private static StudentSequence sequence(int n, String exercise) {
        StudentSequence s = StudentSequence.EMPTY;
        for (int i = 0; i < n; i++) {
            s = s.withAnswer(i == n - 1 ? exercise : "other", i % 3 != 0, i < 2);
        }
        return s;
    }

    @Test
    void readAndReadAll_carryTheStudentsOwnSequence_notANeighboursSharingAPrefix() {
        putNeighbours();
        sequenceWrites.pipeInput("ab", sequence(5, "cx"));
        sequenceWrites.pipeInput("abc", sequence(70, "x"));

        assertThat(reader.readAll("ab").sequence()).isEqualTo(sequence(5, "cx"));
        // a read of some exercises does not read the sequence (its readers read the whole student)
        assertThat(reader.read("ab", List.of("cx")).sequence()).isSameAs(StudentSequence.EMPTY);
        assertThat(reader.read("ab", List.of()).sequence()).isSameAs(StudentSequence.EMPTY);
        assertThat(reader.readAll("abc").sequence()).isEqualTo(sequence(70, "x"));
        assertThat(reader.readAll("abc").sequence().length()).isEqualTo(StudentSequence.MAX_HISTORY);
        assertThat(reader.readAll("ab").sequence().lastWasIn("cx")).isTrue();
    }

    @Test
    void aStudentWithStateButNoStoredSequence_readsTheirTotals_withAnEmptyHistory() {
        putNeighbours(); // state written as before the sequence store existed: no sequence for anyone

        StudentSnapshot ab = reader.readAll("ab");

        assertThat(ab.totalDone()).isPositive();
        assertThat(ab.sequence()).isEqualTo(StudentSequence.startingAt(ab.totalDone(), ab.totalCorrect()));
        assertThat(ab.sequence().length()).isZero();
        assertThat(ab.known()).isTrue();
        assertThat(reader.read("ab", List.of()).sequence()).as("not a whole snapshot: no totals").isSameAs(StudentSequence.EMPTY);
        assertThat(reader.readAll("zz").sequence()).isSameAs(StudentSequence.EMPTY);
    }

    @Test
    void readAll_seesTheLatestSequenceWrite() {
        sequenceWrites.pipeInput("ab", sequence(1, "a"));
        sequenceWrites.pipeInput("ab", sequence(2, "b"));

        assertThat(reader.readAll("ab").sequence()).isEqualTo(sequence(2, "b"));
    }
}
