package proficio.service.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import proficio.model.event.ProblemLog;
import proficio.proto.ProblemLogs;
import proficio.service.kafka.EmbeddedKafka;
import proficio.service.kafka.Topics;
import proficio.store.Schemas;

/**
 * A real single-node KRaft broker in the test JVM (the same {@link EmbeddedKafka} the service uses
 * on a laptop, on free ports), with a producer for ProblemLogs and a reader for the DLQ.
 */
final class TestBroker implements AutoCloseable {

    final EmbeddedKafka kafka;
    private final KafkaProducer<String, byte[]> producer;

    TestBroker(Path dir) throws Exception {
        kafka = EmbeddedKafka.start(Ports.free(), Ports.free(), Files.createDirectories(dir));
        Topics.ensure(kafka.bootstrapServers(), 4, (short) 1);
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        p.put("enable.idempotence", "true");
        p.put("acks", "all");
        producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    void send(ProblemLog log) {
        sendRaw(log.studentId(), ProblemLogs.toWire(log).toByteArray());
    }

    void sendRaw(String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(Schemas.Topics.PROBLEM_LOGS, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("send failed", e);
        }
    }

    /** Every record in the DLQ so far (read_committed: only what the service committed). */
    List<ConsumerRecord<String, byte[]>> deadLetters() {
        return readCommitted(Schemas.Topics.PROBLEM_LOGS_DLQ);
    }

    /** Every committed record of {@code topic}, all partitions, from the beginning (read_committed). */
    List<ConsumerRecord<String, byte[]>> readCommitted(String topic) {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        p.put("isolation.level", "read_committed");
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> tps = c.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(tps);
            c.seekToBeginning(tps);
            Map<TopicPartition, Long> end = c.endOffsets(tps);
            List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 10_000;
            while (tps.stream().anyMatch(tp -> c.position(tp) < end.get(tp)) && System.currentTimeMillis() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            return out;
        }
    }

    @Override
    public void close() {
        producer.close();
        kafka.close();
    }

    static Map<String, String> header(ConsumerRecord<?, ?> r) {
        Map<String, String> m = new java.util.HashMap<>();
        r.headers().forEach(h -> m.put(h.key(), new String(h.value(), java.nio.charset.StandardCharsets.UTF_8)));
        return m;
    }
}
