package proficio.store;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import proficio.model.quality.QualityFigures;
import proficio.model.quality.QualityKey;
import proficio.model.state.KnowledgeState;
import proficio.model.state.StudentSequence;
import proficio.store.codec.ExerciseKeyCodec;
import proficio.store.codec.ExerciseStateCodec;
import proficio.store.codec.KnowledgeStateCodec;
import proficio.store.codec.QualityFiguresCodec;
import proficio.store.codec.QualityKeyCodec;
import proficio.store.codec.StudentSequenceCodec;
import proficio.store.codec.TransitionKeyCodec;

/**
 * The one place that names Proficio's topics and stores with their serdes; the topology, the
 * queries and the tests all take them from here.
 */
public final class Schemas {

    private Schemas() {
    }

    /** Topics, keyed by student id (UTF-8); values are protobuf bytes, decoded by the processor. */
    public static final class Topics {
        public static final String PROBLEM_LOGS = "problem-logs";
        public static final String PROBLEM_LOGS_DLQ = "problem-logs-dlq";
        public static final String MASTERY_TRANSITIONS = "mastery-transitions";
        public static final String MODELS = "models";

        public static final Serde<String> KEY = Serdes.String();
        public static final Serde<byte[]> VALUE = Serdes.ByteArray();

        private Topics() {
        }
    }

    /** {@code knowledge}: student id → KnowledgeState. */
    public static final String KNOWLEDGE_STORE = "knowledge";
    /**
     * {@code sequence}: student id → StudentSequence, the student's answers across exercises in event
     * order, with the student's totals (42 bytes). Written on every applied answer, before the exercise value.
     */
    public static final String SEQUENCE_STORE = "sequence";
    /** {@code exercise}: (student, exercise) → ExerciseState and MasteryState ({@link StoredExercise}). */
    public static final String EXERCISE_STORE = "exercise";
    /**
     * {@code transitions}: (student, event time, offset, index) → the {@code proficio.v1.MasteryTransition}
     * bytes, as sent to {@code mastery-transitions}. Written only when a transition happens.
     */
    public static final String TRANSITIONS_STORE = "transitions";

    /**
     * {@code quality}: (exercise or "" for all, UTC day, model version, role, theta source) → the
     * figures of the answers that model scored there ({@link QualityFigures}). Partitioned by student
     * like every store, so a series is the sum over all partitions. Cached: the same few cells are
     * updated by every answer of a day, and the cache takes those updates until a commit flushes them.
     */
    public static final String QUALITY_STORE = "quality";

    public static final Serde<String> STUDENT_ID = Serdes.String();
    public static final Serde<KnowledgeState> KNOWLEDGE_STATE =
            Serdes.serdeFrom((topic, s) -> s == null ? null : KnowledgeStateCodec.encode(s),
                    (topic, b) -> b == null ? null : KnowledgeStateCodec.decode(b));
    public static final Serde<StudentSequence> STUDENT_SEQUENCE =
            Serdes.serdeFrom((topic, s) -> s == null ? null : StudentSequenceCodec.encode(s),
                    (topic, b) -> b == null ? null : StudentSequenceCodec.decode(b));
    public static final Serde<ExerciseKey> EXERCISE_KEY =
            Serdes.serdeFrom((topic, k) -> k == null ? null : ExerciseKeyCodec.encode(k),
                    (topic, b) -> b == null ? null : ExerciseKeyCodec.decode(b));
    public static final Serde<StoredExercise> STORED_EXERCISE =
            Serdes.serdeFrom((topic, s) -> s == null ? null : ExerciseStateCodec.encode(s),
                    (topic, b) -> b == null ? null : ExerciseStateCodec.decode(b));
    public static final Serde<TransitionKey> TRANSITION_KEY =
            Serdes.serdeFrom((topic, k) -> k == null ? null : TransitionKeyCodec.encode(k),
                    (topic, b) -> b == null ? null : TransitionKeyCodec.decode(b));
    /** Protobuf bytes, versioned by protobuf itself (fields are only ever added). */
    public static final Serde<byte[]> TRANSITION_VALUE = Serdes.ByteArray();
    public static final Serde<QualityKey> QUALITY_KEY =
            Serdes.serdeFrom((topic, k) -> k == null ? null : QualityKeyCodec.encode(k),
                    (topic, b) -> b == null ? null : QualityKeyCodec.decode(b));
    public static final Serde<QualityFigures> QUALITY_FIGURES =
            Serdes.serdeFrom((topic, f) -> f == null ? null : QualityFiguresCodec.encode(f),
                    (topic, b) -> b == null ? null : QualityFiguresCodec.decode(b));
    /** Serialises a student id as the prefix all of that student's exercise keys start with. */
    public static final Serializer<String> STUDENT_PREFIX = (topic, studentId) -> ExerciseKeyCodec.studentPrefix(studentId);

    public static StoreBuilder<KeyValueStore<String, KnowledgeState>> knowledgeStore() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(KNOWLEDGE_STORE), STUDENT_ID, KNOWLEDGE_STATE);
    }

    public static StoreBuilder<KeyValueStore<String, StudentSequence>> sequenceStore() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SEQUENCE_STORE), STUDENT_ID, STUDENT_SEQUENCE);
    }

    public static StoreBuilder<KeyValueStore<ExerciseKey, StoredExercise>> exerciseStore() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(EXERCISE_STORE), EXERCISE_KEY, STORED_EXERCISE);
    }

    public static StoreBuilder<KeyValueStore<TransitionKey, byte[]>> transitionsStore() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TRANSITIONS_STORE), TRANSITION_KEY, TRANSITION_VALUE);
    }

    public static StoreBuilder<KeyValueStore<QualityKey, QualityFigures>> qualityStore() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(QUALITY_STORE), QUALITY_KEY, QUALITY_FIGURES)
                .withCachingEnabled();
    }
}
