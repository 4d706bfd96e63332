package proficio.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import proficio.model.mastery.MasteryState;
import proficio.model.state.ExerciseState;
import proficio.model.state.KnowledgeState;
import proficio.model.state.RecentEvents;
import proficio.store.ExerciseKey;
import proficio.store.Schemas;
import proficio.store.StoredExercise;

/**
 * The setter as Kafka Streams applies it: both stores opened in RocksDB by TopologyTestDriver with
 * {@link StreamsConfig#ROCKSDB_CONFIG_SETTER_CLASS_CONFIG} set.
 *
 * <p>The setter keeps its cache in a static, fixed by the first store opened in the JVM; each test
 * clears it first so that it sees its own configuration.
 */
class BoundedMemoryRocksDBConfigTest {

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;

    @BeforeEach
    @AfterEach
    void forgetSharedCache() throws ReflectiveOperationException {
        sharedField().set(null, null);
    }

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
    }

    private static Field sharedField() throws NoSuchFieldException {
        Field f = BoundedMemoryRocksDBConfig.class.getDeclaredField("shared");
        f.setAccessible(true);
        return f;
    }

    /** The block-cache size the setter settled on, or null when it never ran. */
    private static Long sharedCacheBytes() throws ReflectiveOperationException {
        Object shared = sharedField().get(null);
        if (shared == null) {
            return null;
        }
        Method m = shared.getClass().getDeclaredMethod("cacheBytes");
        m.setAccessible(true);
        return (Long) m.invoke(shared);
    }

    /** Writes each knowledge-writes record to the knowledge store and a matching exercise state. */
    static final class Writer implements Processor<String, KnowledgeState, Void, Void> {
        private KeyValueStore<String, KnowledgeState> knowledge;
        private KeyValueStore<ExerciseKey, StoredExercise> exercises;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            knowledge = context.getStateStore(Schemas.KNOWLEDGE_STORE);
            exercises = context.getStateStore(Schemas.EXERCISE_STORE);
        }

        @Override
        public void process(Record<String, KnowledgeState> record) {
            knowledge.put(record.key(), record.value());
            exercises.put(new ExerciseKey(record.key(), "addition"),
                    new StoredExercise(new ExerciseState(1, 1, 1, record.timestamp(), RecentEvents.ofFingerprints(42L)),
                            MasteryState.INITIAL));
        }
    }

    private TopologyTestDriver open(Object blockCacheBytes) {
        Topology t = new Topology();
        t.addSource("src", Schemas.STUDENT_ID.deserializer(), Schemas.KNOWLEDGE_STATE.deserializer(), "knowledge-writes");
        t.addProcessor("write", Writer::new, "src");
        t.addStateStore(Schemas.knowledgeStore(), "write");
        t.addStateStore(Schemas.exerciseStore(), "write");
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "bounded-memory-rocksdb-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedMemoryRocksDBConfig.class);
        if (blockCacheBytes != null) {
            p.put(BoundedMemoryRocksDBConfig.BLOCK_CACHE_BYTES, blockCacheBytes);
        }
        return new TopologyTestDriver(t, p);
    }

    private static KnowledgeState knowledge(float x) {
        float[] v = new float[KnowledgeState.DIMENSIONS];
        v[42] = x;
        return KnowledgeState.of(v);
    }

    private static String messagesOf(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            all.append(c.getMessage()).append('\n');
        }
        return all.toString();
    }

    @Test
    void storesOpenedWithTheSetter_useTheConfiguredCacheSize_andPutGetWorks() throws Exception {
        driver = open(Long.toString(8L << 20));
        driver.createInputTopic("knowledge-writes", Schemas.STUDENT_ID.serializer(), Schemas.KNOWLEDGE_STATE.serializer())
                .pipeInput("s1", knowledge(0.75f), 5_000L);

        assertThat(sharedCacheBytes()).as("the setter ran and read the configured size").isEqualTo(8L << 20);
        KeyValueStore<String, KnowledgeState> k = driver.getKeyValueStore(Schemas.KNOWLEDGE_STORE);
        KeyValueStore<ExerciseKey, StoredExercise> e = driver.getKeyValueStore(Schemas.EXERCISE_STORE);
        assertThat(k.get("s1")).isEqualTo(knowledge(0.75f));
        assertThat(k.get("s2")).isNull();
        assertThat(e.get(new ExerciseKey("s1", "addition")).state())
                .isEqualTo(new ExerciseState(1, 1, 1, 5_000L, RecentEvents.ofFingerprints(42L)));
    }

    @Test
    void withoutTheSizeKey_theDefaultCacheSizeIsUsed() throws Exception {
        driver = open(null);

        assertThat(sharedCacheBytes()).isEqualTo(BoundedMemoryRocksDBConfig.DEFAULT_BLOCK_CACHE_BYTES).isEqualTo(64L << 20);
    }

    @Test
    void cacheSize_acceptsANumberWithSurroundingSpaces() throws Exception {
        driver = open(" 4194304 ");

        assertThat(sharedCacheBytes()).isEqualTo(4L << 20);
    }

    @Test
    void nonNumericCacheSize_failsNamingTheKeyAndTheValue() {
        Throwable thrown = catchThrowable(() -> driver = open("abc"));

        assertThat(thrown).isNotNull();
        assertThat(messagesOf(thrown))
                .contains(BoundedMemoryRocksDBConfig.BLOCK_CACHE_BYTES)
                .contains("'abc'");
    }

    @Test
    void zeroCacheSize_failsNamingTheKey() {
        Throwable thrown = catchThrowable(() -> driver = open("0"));

        assertThat(thrown).isNotNull();
        assertThat(messagesOf(thrown)).contains(BoundedMemoryRocksDBConfig.BLOCK_CACHE_BYTES + " must be > 0");
    }

    @Test
    void nonNumericWriteBufferSize_failsNamingTheKey() {
        Topology t = new Topology();
        t.addSource("src", Schemas.STUDENT_ID.deserializer(), Schemas.KNOWLEDGE_STATE.deserializer(), "knowledge-writes");
        t.addProcessor("write", Writer::new, "src");
        t.addStateStore(Schemas.knowledgeStore(), "write");
        t.addStateStore(Schemas.exerciseStore(), "write");
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "bounded-memory-rocksdb-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedMemoryRocksDBConfig.class);
        p.put(BoundedMemoryRocksDBConfig.WRITE_BUFFER_BYTES, "16MB");

        Throwable thrown = catchThrowable(() -> driver = new TopologyTestDriver(t, p));

        assertThat(thrown).isNotNull();
        assertThat(messagesOf(thrown)).contains(BoundedMemoryRocksDBConfig.WRITE_BUFFER_BYTES).contains("'16MB'");
    }

    @Test
    void nonNumericCacheSize_failsEvenAfterAnotherStoreHasOpened() {
        open(Long.toString(8L << 20)).close();

        Throwable thrown = catchThrowable(() -> driver = open("abc"));

        assertThat(thrown).isNotNull();
        assertThat(messagesOf(thrown)).contains(BoundedMemoryRocksDBConfig.BLOCK_CACHE_BYTES);
    }
}
