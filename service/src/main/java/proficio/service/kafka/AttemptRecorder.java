package proficio.service.kafka;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import proficio.service.query.QueryResult;
import proficio.service.query.StudentStateQuery;
import proficio.service.streams.StreamsRuntime;
import proficio.store.Schemas;
import proficio.store.StudentSnapshot;

/**
 * Writes answers to {@code problem-logs} for {@code RecordAttempt}, through one shared producer
 * (idempotent, acks=all) created on first use, once the brokers are known; and waits, bounded, until
 * this instance has applied an answer (read-your-writes).
 */
@ApplicationScoped
public class AttemptRecorder {

    private static final long POLL_MS = 20;
    private static final long SEND_TIMEOUT_MS = 10_000;

    @Inject
    StreamsRuntime runtime;
    @Inject
    StudentStateQuery query;

    private KafkaProducer<String, byte[]> producer;

    /** Where an answer was written. */
    public record Written(int partition, long offset) {
    }

    /** The answer could not be written (no broker, time-out); the caller may retry with the same event id. */
    public static final class WriteFailed extends RuntimeException {
        WriteFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Writes {@code value} (a ProblemLog) keyed by {@code studentId}; returns once the broker has it. */
    public Written write(String studentId, byte[] value) {
        try {
            RecordMetadata md = producer().send(new ProducerRecord<>(Schemas.Topics.PROBLEM_LOGS, studentId, value))
                    .get(SEND_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            return new Written(md.partition(), md.offset());
        } catch (ExecutionException e) {
            throw new WriteFailed("writing to " + Schemas.Topics.PROBLEM_LOGS + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new WriteFailed("writing to " + Schemas.Topics.PROBLEM_LOGS + " took over " + SEND_TIMEOUT_MS + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WriteFailed("interrupted while writing", e);
        }
    }

    /**
     * Reads the whole student until {@code exercise}'s state has seen {@code eventId}, or {@code timeout}
     * passes: Local(the snapshot) when applied, Local(empty) on time-out; Remote or Unavailable as the
     * query says.
     */
    public QueryResult<Optional<StudentSnapshot>> awaitApplied(String studentId, String exercise, String eventId,
                                                                Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            QueryResult<StudentSnapshot> r = query.read(studentId, reader -> reader.readAll(studentId));
            switch (r) {
                case QueryResult.Local<StudentSnapshot> l -> {
                    if (l.value().exercise(exercise).hasSeen(eventId)) {
                        return new QueryResult.Local<>(Optional.of(l.value()));
                    }
                }
                case QueryResult.Remote<StudentSnapshot> rem -> {
                    return new QueryResult.Remote<>(rem.host(), rem.port());
                }
                case QueryResult.Unavailable<StudentSnapshot> u -> {
                    return new QueryResult.Unavailable<>(u.reason());
                }
            }
            if (System.nanoTime() > deadline) {
                return new QueryResult.Local<>(Optional.empty());
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new QueryResult.Local<>(Optional.empty());
            }
        }
    }

    private synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            String bootstrap = runtime.bootstrapServers();
            if (bootstrap == null) {
                throw new WriteFailed("starting: the brokers are not known yet", null);
            }
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
            p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) SEND_TIMEOUT_MS);
            p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) SEND_TIMEOUT_MS);
            p.put(ProducerConfig.CLIENT_ID_CONFIG, "proficio-record-attempt");
            producer = new KafkaProducer<>(p, Schemas.Topics.KEY.serializer(), Schemas.Topics.VALUE.serializer());
        }
        return producer;
    }

    /** Before StreamsRuntime stops an embedded broker (default priority). */
    synchronized void onStop(@Observes @Priority(1) ShutdownEvent ev) {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }
}
