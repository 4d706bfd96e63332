package proficio.service.streams;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;
import java.util.function.Supplier;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import proficio.model.event.ProblemLog;
import proficio.model.event.ProblemLogValidator;
import proficio.model.mastery.MasteryConfig;
import proficio.model.mastery.MasteryRules;
import proficio.model.predict.KnowledgeModel;
import proficio.model.state.StateUpdate;
import proficio.proto.DefaultModel;
import proficio.proto.InvalidArtifactException;
import proficio.proto.ModelArtifacts;
import proficio.proto.ProblemLogs;
import proficio.service.models.ModelLineup;
import proficio.service.monitoring.IngestMetrics;
import proficio.store.Schemas;

/**
 * {@link ProficioTopology} on a TopologyTestDriver (real RocksDB in the test's temp dir, no broker), with its
 * input and output topics. It exists so the topology tests share one way to build and feed the driver; each
 * test still says what it varies: application id, validator skew, models, metrics and the StateUpdate.
 */
final class TopologyFixture implements AutoCloseable {

    /** The validator's skew when a test does not name its own. */
    static final long SKEW_MS = 60_000L;

    final TopologyTestDriver driver;
    final TestInputTopic<String, byte[]> problemLogs;
    final TestOutputTopic<String, byte[]> transitions;
    final TestOutputTopic<String, byte[]> deadLetters;

    /** Skew {@link #SKEW_MS}, metrics nobody reads. */
    TopologyFixture(String applicationId, Path stateDir, StateUpdate update, Supplier<ModelLineup> models) {
        this(applicationId, stateDir, update, SKEW_MS, models, TopologyTestMetrics.unregistered());
    }

    TopologyFixture(String applicationId, Path stateDir, StateUpdate update, long skewMs, Supplier<ModelLineup> models,
                    IngestMetrics metrics) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(ProficioTopology.build(update, new ProblemLogValidator(skewMs),
                new MasteryRules(MasteryConfig.DEFAULTS), models, metrics), p);
        problemLogs = driver.createInputTopic(Schemas.Topics.PROBLEM_LOGS, Schemas.Topics.KEY.serializer(),
                Schemas.Topics.VALUE.serializer());
        transitions = driver.createOutputTopic(Schemas.Topics.MASTERY_TRANSITIONS, Schemas.Topics.KEY.deserializer(),
                Schemas.Topics.VALUE.deserializer());
        deadLetters = driver.createOutputTopic(Schemas.Topics.PROBLEM_LOGS_DLQ, Schemas.Topics.KEY.deserializer(),
                Schemas.Topics.VALUE.deserializer());
    }

    /** A well-formed answer, keyed by its student and logged at its own time. */
    void send(ProblemLog log) {
        problemLogs.pipeInput(new TestRecord<>(log.studentId(), ProblemLogs.toWire(log).toByteArray(),
                Instant.ofEpochMilli(log.timeDoneMs())));
    }

    <K, V> KeyValueStore<K, V> store(String name) {
        return driver.getKeyValueStore(name);
    }

    @Override
    public void close() {
        driver.close();
    }

    /** The shipped default model (KA 2012 weights, no KnowledgeState weights: the seed does not matter to p). */
    static KnowledgeModel defaultModel() {
        try {
            return ModelArtifacts.toModel(DefaultModel.artifact());
        } catch (InvalidArtifactException e) {
            throw new IllegalStateException(e);
        }
    }
}
