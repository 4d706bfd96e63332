package proficio.trainer.publish;

import java.util.List;

/**
 * The compacted {@code models} topic, as the trainer reads and writes it. The Kafka implementation
 * is {@link KafkaModelsTopic}; tests use an in-memory list.
 */
public interface ModelsTopic extends AutoCloseable {

    /** The topic's name, for messages. */
    String name();

    /** Every record, from the beginning to the end offsets taken now, in log order; empty when the topic does not exist. */
    List<Record> readAll();

    /** Writes one record and waits until the broker has it (acks=all). */
    void write(String key, byte[] value);

    @Override
    void close();

    /** One record: its key and value bytes. */
    record Record(String key, byte[] value) {
    }
}
