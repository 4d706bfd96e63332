package proficio.loadtest.ceiling;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/**
 * The ingest ceiling: a Kafka Streams app that reads {@code problem-logs} and writes every record
 * unchanged to another topic, with the service's processing settings (exactly-once v2, the same
 * consumer session settings, and any {@code kafka-streams.*} override the run gives the service).
 * It does what every Streams app must (fetch, hand each record on as bytes, produce, commit transactions)
 * and none of Proficio's work (decode, validate, RocksDB reads and writes, changelogs, p, mastery),
 * so the service's rate over its rate is the share of the ceiling the service reaches.
 */
public final class PassThrough implements AutoCloseable {

    public static final String OUTPUT_TOPIC = "loadtest-passthrough";

    private final KafkaStreams streams;
    private final CountDownLatch running = new CountDownLatch(1);

    /**
     * @param overrides the run's {@code kafka-streams.*} settings for the service, without the prefix
     */
    public PassThrough(String bootstrap, String applicationId, String inputTopic, int partitions, Path stateDir,
                       Map<String, String> overrides) throws Exception {
        createOutput(bootstrap, partitions);
        Topology t = new Topology();
        t.addSource("in", Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer(), inputTopic);
        t.addSink("out", OUTPUT_TOPIC, Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer(), "in");
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        p.put(StreamsConfig.consumerPrefix("session.timeout.ms"), 10_000);
        p.put(StreamsConfig.consumerPrefix("heartbeat.interval.ms"), 2_000);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        p.putAll(overrides);
        streams = new KafkaStreams(t, p);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
        });
    }

    public void start() {
        streams.start();
    }

    public boolean awaitRunning(long timeoutMs) throws InterruptedException {
        return running.await(timeoutMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        streams.close(java.time.Duration.ofSeconds(30));
    }

    private static void createOutput(String bootstrap, int partitions) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin a = Admin.create(p)) {
            a.createTopics(List.of(new NewTopic(OUTPUT_TOPIC, partitions, (short) 1))).all().get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }
}
