package proficio.loadtest.ingest;

import java.io.IOException;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import proficio.loadtest.simulate.AnswerSource;
import proficio.loadtest.simulate.Roster;
import proficio.loadtest.simulate.SourcedAnswer;
import proficio.proto.ProblemLogs;

/**
 * The flat-out ingest: every answer of a source written to {@code problem-logs} in <em>one</em>
 * transaction, so a reader at read_committed (the service under exactly-once, and the pass-through)
 * sees none of them until the commit and then all of them at once. Its rate is then its own,
 * measured without the harness's producer competing for the same two cores.
 */
public final class Backlog {

    /** @param seconds writing and committing */
    public record Produced(long events, double seconds) {
    }

    private Backlog() {
    }

    public static Produced produce(String bootstrap, String topic, AnswerSource source, Roster roster)
            throws IOException {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "proficio-loadtest-backlog");
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "proficio-loadtest-backlog-" + UUID.randomUUID());
        // One transaction of up to a few million records: give it minutes (the broker allows 15).
        p.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 600_000);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024);
        long t0 = System.nanoTime();
        long n = 0;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (SourcedAnswer a = source.next(); a != null; a = source.next()) {
                roster.note(a);
                producer.send(new ProducerRecord<>(topic, a.log().studentId(), ProblemLogs.toWire(a.log()).toByteArray()));
                n++;
            }
            producer.commitTransaction();
        }
        return new Produced(n, (System.nanoTime() - t0) / 1e9);
    }
}
