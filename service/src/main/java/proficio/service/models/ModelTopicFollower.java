package proficio.service.models;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;
import proficio.store.Schemas;

/**
 * Follows the {@code models} topic and feeds every record to {@link ModelRegistry}, which decides.
 * A plain consumer on its own daemon thread: partition 0 assigned (no group: every instance reads
 * everything), from the beginning, read_committed. {@link #awaitCaughtUp} tells the start when the
 * topic has been read to the end offset it had when following began.
 */
@ApplicationScoped
public class ModelTopicFollower {

    private static final Logger LOG = Logger.getLogger(ModelTopicFollower.class);

    /** Room for one artifact of thousands of exercises × 107 doubles per fetch. */
    static final int MAX_FETCH_BYTES = 16 * 1024 * 1024;
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);
    private static final TopicPartition PARTITION = new TopicPartition(Schemas.Topics.MODELS, 0);

    private final ModelRegistry registry;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private volatile boolean running;
    private volatile Consumer<String, byte[]> consumer;
    private Thread thread;

    @Inject
    public ModelTopicFollower(ModelRegistry registry) {
        this.registry = registry;
    }

    /** Starts following on the brokers at {@code bootstrapServers}. */
    public void start(String bootstrapServers) {
        start(() -> new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "proficio-models-" + registry.name(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, MAX_FETCH_BYTES,
                ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Math.max(MAX_FETCH_BYTES, ConsumerConfig.DEFAULT_FETCH_MAX_BYTES)),
                new StringDeserializer(), new ByteArrayDeserializer()));
    }

    /**
     * Starts following through a consumer from {@code consumers}, made on the follower's thread (off
     * the start's critical path), owned and closed by this follower.
     */
    synchronized void start(Supplier<Consumer<String, byte[]>> consumers) {
        if (thread != null) {
            throw new IllegalStateException("already following");
        }
        running = true;
        thread = new Thread(() -> run(consumers), "proficio-models-follower");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Waits at most {@code timeout} until the topic has been read to its end. On time-out, logs it and
     * lets the service answer with what it has (a pointer read later still swaps the model).
     *
     * @return whether the topic was read to its end in time
     */
    public boolean awaitCaughtUp(Duration timeout) {
        try {
            if (caughtUp.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.warnf("models topic not read to its end within %s; answering with %s meanwhile, a pointer read later "
                + "still swaps the model", timeout, registry.active().version());
        registry.settle();
        return false;
    }

    /** Stops following and closes the consumer; returns once the thread has ended (or after 10 s). */
    public synchronized void stop() throws InterruptedException {
        running = false;
        if (thread == null) {
            return;
        }
        Consumer<String, byte[]> c = consumer;
        if (c != null) {
            try {
                c.wakeup();
            } catch (RuntimeException e) {
                // already closed
            }
        }
        thread.join(10_000);
        if (thread.isAlive()) {
            LOG.warn("models follower did not stop within 10 s");
        }
    }

    private void run(Supplier<Consumer<String, byte[]>> consumers) {
        try (Consumer<String, byte[]> c = consumers.get()) {
            consumer = c;
            c.assign(List.of(PARTITION));
            c.seekToBeginning(List.of(PARTITION));
            long end = -1;
            while (running) {
                try {
                    if (end < 0) {
                        end = c.endOffsets(List.of(PARTITION), CALL_TIMEOUT).get(PARTITION);
                        LOG.infof("following the models topic for model %s; reading it to offset %d before serving",
                                registry.name(), end);
                    }
                    for (ConsumerRecord<String, byte[]> r : c.poll(POLL)) {
                        registry.accept(r.key(), r.value(), r.offset());
                    }
                    if (caughtUp.getCount() > 0 && c.position(PARTITION, CALL_TIMEOUT) >= end) {
                        LOG.infof("models topic read to offset %d: answering with %s", end, registry.active().version());
                        registry.settle(); // first: whoever awaits caughtUp then sees answers let through
                        caughtUp.countDown();
                    }
                } catch (WakeupException e) {
                    // stop() asked; the loop condition ends it
                } catch (TimeoutException e) {
                    LOG.debugf("models topic: %s; retrying", e.getMessage());
                } catch (KafkaException e) {
                    if (running) {
                        LOG.warnf("models topic: %s; retrying in 1 s", e.toString());
                        Thread.sleep(1_000);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("models follower stopped on an unexpected error; the active model stays as it is", e);
        }
    }
}
