package proficio.trainer.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import proficio.model.event.ProblemLog;
import proficio.model.event.ProblemLogValidator;
import proficio.proto.ProblemLogs;
import proficio.trainer.Progress;

class KafkaEventSourceTest {

    static final String TOPIC = "problem-logs";

    static MockConsumer<String, byte[]> consumer(int partitions) {
        MockConsumer<String, byte[]> c = new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name());
        List<PartitionInfo> infos = new ArrayList<>();
        Map<TopicPartition, Long> begin = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            infos.add(new PartitionInfo(TOPIC, p, Node.noNode(), new Node[0], new Node[0]));
            begin.put(new TopicPartition(TOPIC, p), 0L);
        }
        c.updatePartitions(TOPIC, infos);
        c.updateBeginningOffsets(begin);
        return c;
    }

    static ConsumerRecord<String, byte[]> record(int partition, long offset, String student, String id, long t) {
        ProblemLog l = ProblemLog.practice(id, student, "add", "t", true, t);
        return new ConsumerRecord<>(TOPIC, partition, offset, t, org.apache.kafka.common.record.TimestampType.CREATE_TIME,
                0, 0, student, ProblemLogs.toWire(l).toByteArray(), new org.apache.kafka.common.header.internals.RecordHeaders(),
                java.util.Optional.empty());
    }

    @Test
    void readsEachOwnedPartitionToTheEndOffsetsTakenAtStart_andCountsUndecodableRecords() {
        MockConsumer<String, byte[]> c = consumer(2);
        c.updateEndOffsets(Map.of(new TopicPartition(TOPIC, 0), 3L, new TopicPartition(TOPIC, 1), 1L));
        c.schedulePollTask(() -> {
            c.addRecord(record(0, 0, "a", "a1", 1000));
            c.addRecord(record(1, 0, "b", "b1", 1000));
            c.addRecord(new ConsumerRecord<>(TOPIC, 0, 1, "a", new byte[] {(byte) 0xff, 1, 2}));
        });
        c.schedulePollTask(() -> {
            c.addRecord(record(0, 2, "a", "a2", 2000));
            c.addRecord(record(0, 3, "a", "a3-after-start", 3000)); // past the end offset taken at start
        });
        List<String> seen = new ArrayList<>();
        Intake intake = new Intake(new ProblemLogValidator(3_600_000), Shard.ALL, (l, h) -> seen.add(l.eventId()));

        new KafkaEventSource(new Properties(), TOPIC, Shard.ALL, Duration.ofSeconds(5)).read(c, intake, Progress.Factory.NONE);

        assertThat(seen).containsExactlyInAnyOrder("a1", "b1", "a2");
        assertThat(seen.indexOf("a1")).isLessThan(seen.indexOf("a2"));
        assertThat(intake.stats().undecodable()).isEqualTo(1);
        assertThat(intake.stats().examples()).singleElement().asString().startsWith("problem-logs-0@1: undecodable");
    }

    @Test
    void aWorkerReadsOnlyThePartitionsItOwns() {
        MockConsumer<String, byte[]> c = consumer(4);
        Map<TopicPartition, Long> end = new HashMap<>();
        for (int p = 0; p < 4; p++) {
            end.put(new TopicPartition(TOPIC, p), 0L);
        }
        end.put(new TopicPartition(TOPIC, 1), 1L);
        end.put(new TopicPartition(TOPIC, 3), 1L);
        c.updateEndOffsets(end);
        c.schedulePollTask(() -> {
            c.addRecord(record(1, 0, "x", "x1", 1000));
            c.addRecord(record(3, 0, "y", "y1", 1000));
        });
        List<String> seen = new ArrayList<>();
        Intake intake = new Intake(new ProblemLogValidator(3_600_000), new Shard(1, 2), (l, h) -> seen.add(l.eventId()));

        new KafkaEventSource(new Properties(), TOPIC, new Shard(1, 2), Duration.ofSeconds(5)).read(c, intake,
                Progress.Factory.NONE);

        assertThat(c.assignment()).extracting(TopicPartition::partition).containsExactlyInAnyOrder(1, 3);
        assertThat(seen).containsExactlyInAnyOrder("x1", "y1");
    }
}
