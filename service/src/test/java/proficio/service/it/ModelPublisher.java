package proficio.service.it;

import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import proficio.proto.ModelRecords;
import proficio.proto.v1.ModelArtifact;
import proficio.proto.v1.ModelPointer;
import proficio.store.Schemas;

/**
 * Writes to the {@code models} topic exactly as the protocol says (ModelPointer in
 * model_artifact.proto): the artifact under {@code "<name>@<version>"}, then a pointer under
 * {@code "<name>"}. Each write returns once the broker has acknowledged it.
 */
final class ModelPublisher implements AutoCloseable {

    static final String NAME = "knowledge";

    private final KafkaProducer<String, byte[]> producer;

    ModelPublisher(String bootstrapServers) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrapServers);
        p.put("enable.idempotence", "true");
        p.put("acks", "all");
        producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /** Artifact, then its pointer. */
    void publish(ModelArtifact artifact, String reason) {
        artifact(artifact);
        point(artifact.getVersion(), reason);
    }

    void artifact(ModelArtifact artifact) {
        artifact(artifact.getVersion(), artifact.toByteArray());
    }

    /** Any bytes under the artifact key of {@code version} (for corrupt artifacts). */
    void artifact(String version, byte[] bytes) {
        send(ModelRecords.artifactKey(NAME, version), bytes);
    }

    void point(String version, String reason) {
        point(version, "", reason);
    }

    /** A pointer naming {@code candidate} (empty: none) beside the active {@code version}. */
    void point(String version, String candidate, String reason) {
        send(ModelRecords.pointerKey(NAME), ModelPointer.newBuilder()
                .setName(NAME)
                .setVersion(version)
                .setCandidateVersion(candidate)
                .setPublishedAtMs(System.currentTimeMillis())
                .setPublishedBy("ModelSwapIT@localhost")
                .setReason(reason)
                .build().toByteArray());
    }

    private void send(String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(Schemas.Topics.MODELS, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot write " + key + " to the models topic", e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
