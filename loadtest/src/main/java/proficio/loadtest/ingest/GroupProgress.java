package proficio.loadtest.ingest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a Kafka Streams application has got through a range of a topic, read from outside: the
 * offsets its consumer group has committed. Under exactly-once they are committed in the same
 * transaction as the state changes and outputs of the records before them, so a committed offset
 * means "applied, for good". Works the same for the service's group and the pass-through's.
 */
public final class GroupProgress implements AutoCloseable {

    private final Admin admin;
    private final String group;
    private final Map<TopicPartition, Long> from;
    private final Map<TopicPartition, Long> to;
    private final long total;

    /** Progress of {@code group} from offsets {@code from} to {@code to} (per partition). */
    public GroupProgress(String bootstrap, String group, Map<TopicPartition, Long> from, Map<TopicPartition, Long> to) {
        this.admin = admin(bootstrap);
        this.group = group;
        this.from = Map.copyOf(from);
        this.to = Map.copyOf(to);
        long t = 0;
        for (var e : to.entrySet()) {
            t += e.getValue() - from.getOrDefault(e.getKey(), 0L);
        }
        this.total = t;
    }

    /** Offsets in the range (records, plus one transaction marker per partition and transaction). */
    public long total() {
        return total;
    }

    /** Offsets in the range the group has committed past. */
    public long applied() throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        long done = 0;
        for (var e : to.entrySet()) {
            OffsetAndMetadata c = committed.get(e.getKey());
            if (c != null) {
                long start = from.getOrDefault(e.getKey(), 0L);
                done += Math.max(0, Math.min(c.offset(), e.getValue()) - start);
            }
        }
        return done;
    }

    @Override
    public void close() {
        admin.close();
    }

    /** The committed end (last stable offset) of every partition of {@code topic}. */
    public static Map<TopicPartition, Long> endOffsets(String bootstrap, String topic)
            throws ExecutionException, InterruptedException {
        try (Admin a = admin(bootstrap)) {
            List<Integer> partitions = a.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                    .stream().map(p -> p.partition()).toList();
            Map<TopicPartition, OffsetSpec> ask = new HashMap<>();
            partitions.forEach(p -> ask.put(new TopicPartition(topic, p), OffsetSpec.latest()));
            Map<TopicPartition, Long> out = new HashMap<>();
            a.listOffsets(ask, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get()
                    .forEach((tp, info) -> out.put(tp, info.offset()));
            return out;
        }
    }

    static Admin admin(String bootstrap) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "proficio-loadtest-progress");
        return Admin.create(p);
    }
}
