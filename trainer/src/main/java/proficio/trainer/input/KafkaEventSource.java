package proficio.trainer.input;

import com.google.protobuf.InvalidProtocolBufferException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import proficio.model.event.ProblemLog;
import proficio.proto.ProblemLogs;
import proficio.trainer.Progress;

/**
 * The {@code problem-logs} topic: every partition this worker owns ({@code p % count == index}),
 * from the beginning up to the end offsets taken when the read starts, read_committed (so aborted
 * transactions are skipped, as the service skips them). Records written after the start are left
 * for the next run. Each partition is read in offset order, so each student's events (one key,
 * one partition) arrive in log order.
 */
public final class KafkaEventSource implements EventSource {

    private final Properties consumerConfig;
    private final String topic;
    private final Shard shard;
    private final Duration stallTimeout;

    /**
     * @param stallTimeout give up when no record arrives for this long before the end offsets are reached
     */
    public KafkaEventSource(String bootstrapServers, String topic, Shard shard, Duration stallTimeout) {
        this(consumerConfig(bootstrapServers), topic, shard, stallTimeout);
    }

    KafkaEventSource(Properties consumerConfig, String topic, Shard shard, Duration stallTimeout) {
        this.consumerConfig = consumerConfig;
        this.topic = topic;
        this.shard = shard;
        this.stallTimeout = stallTimeout;
    }

    /** No group, nothing committed, read_committed: the trainer only reads. */
    public static Properties consumerConfig(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "proficio-trainer");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(8 << 20));
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        return p;
    }

    @Override
    public String describe() {
        return "topic " + topic + (shard.isAll() ? "" : " (" + shard + ")");
    }

    @Override
    public void read(Intake intake, Progress.Factory progress) {
        try (Consumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            read(consumer, intake, progress);
        }
    }

    /** Reads through a given consumer (tests pass a MockConsumer). */
    void read(Consumer<String, byte[]> consumer, Intake intake, Progress.Factory progress) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " does not exist");
        }
        List<TopicPartition> mine = new ArrayList<>();
        for (PartitionInfo pi : infos) {
            if (shard.ownsPartition(pi.partition())) {
                mine.add(new TopicPartition(topic, pi.partition()));
            }
        }
        if (mine.isEmpty()) {
            return; // more workers than partitions: this one has nothing to do
        }
        consumer.assign(mine);
        consumer.seekToBeginning(mine);
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(mine);
        Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(mine));
        long total = 0;
        Set<TopicPartition> open = new HashSet<>();
        for (TopicPartition tp : mine) {
            long n = end.get(tp) - begin.get(tp);
            total += n;
            if (n > 0) {
                open.add(tp);
            } else {
                consumer.pause(List.of(tp));
            }
        }
        try (Progress p = progress.start("read " + topic, total, "records")) {
            long lastProgress = System.nanoTime();
            while (!open.isEmpty()) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                long n = 0;
                for (ConsumerRecord<String, byte[]> r : records) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (r.offset() >= end.get(tp)) {
                        continue; // written after the run started: the next run's
                    }
                    n++;
                    offer(intake, r);
                }
                p.step(n);
                for (TopicPartition tp : List.copyOf(open)) {
                    if (consumer.position(tp) >= end.get(tp)) {
                        open.remove(tp);
                        consumer.pause(List.of(tp));
                    }
                }
                if (n > 0) {
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > stallTimeout.toNanos()) {
                    throw new IllegalStateException("no records from " + topic + " for " + stallTimeout.toSeconds()
                            + " s although partitions " + open + " have not reached their end offsets");
                }
            }
        }
    }

    private static void offer(Intake intake, ConsumerRecord<String, byte[]> r) {
        if (r.value() == null) {
            intake.undecodable(() -> origin(r), "the record has no value");
            return;
        }
        ProblemLog log;
        try {
            log = ProblemLogs.toModel(proficio.proto.v1.ProblemLog.parseFrom(r.value()));
        } catch (InvalidProtocolBufferException | ArithmeticException e) {
            intake.undecodable(() -> origin(r), e.getMessage());
            return;
        }
        intake.offer(log, r.key(), r.timestamp(), () -> origin(r), false);
    }

    private static String origin(ConsumerRecord<?, ?> r) {
        return r.topic() + "-" + r.partition() + "@" + r.offset();
    }
}
