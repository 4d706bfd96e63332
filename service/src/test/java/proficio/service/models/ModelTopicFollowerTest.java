package proficio.service.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import proficio.model.feature.FeatureSpace;
import proficio.model.predict.KnowledgeModel;
import proficio.proto.ModelArtifacts;
import proficio.proto.ModelRecords;
import proficio.proto.v1.ModelPointer;
import proficio.store.Schemas;

/** The follower's reading and catch-up, on Kafka's MockConsumer (no broker). */
class ModelTopicFollowerTest {

    private static final TopicPartition MODELS = new TopicPartition(Schemas.Topics.MODELS, 0);

    private final ActiveModel active = new ActiveModel(FeatureSpace.DEFAULT_SEED);
    private final ModelRegistry registry = new ModelRegistry("knowledge", active);
    private final ModelTopicFollower follower = new ModelTopicFollower(registry);
    private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");

    @AfterEach
    void stop() throws InterruptedException {
        follower.stop();
    }

    @Test
    void readsTheTopicFromTheStart_andIsCaughtUpAtItsEndOffset_withTheNewestPointerActive() {
        KnowledgeModel v1 = ModelRegistryTest.model("v1", FeatureSpace.DEFAULT_SEED);
        KnowledgeModel v2 = ModelRegistryTest.model("v2", FeatureSpace.DEFAULT_SEED);
        consumer.updateBeginningOffsets(Map.of(MODELS, 0L));
        consumer.updateEndOffsets(Map.of(MODELS, 4L));
        consumer.schedulePollTask(() -> {
            consumer.addRecord(record(0, ModelRecords.artifactKey("knowledge", "v1"), ModelArtifacts.toArtifact("knowledge", v1).toByteArray()));
            consumer.addRecord(record(1, "knowledge", pointer("v1")));
            consumer.addRecord(record(2, ModelRecords.artifactKey("knowledge", "v2"), ModelArtifacts.toArtifact("knowledge", v2).toByteArray()));
        });
        consumer.schedulePollTask(() -> consumer.addRecord(record(3, "knowledge", pointer("v2"))));

        follower.start(() -> consumer);

        assertThat(follower.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();
        assertThat(active.isSettled()).isTrue();
        assertThat(active.get().model()).isEqualTo(v2);
        assertThat(consumer.assignment()).containsExactly(MODELS);
    }

    @Test
    void emptyTopic_isCaughtUpAtOnce_withTheDefaultActive() {
        consumer.updateBeginningOffsets(Map.of(MODELS, 0L));
        consumer.updateEndOffsets(Map.of(MODELS, 0L));
        follower.start(() -> consumer);
        assertThat(follower.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();
        assertThat(active.get().model().version()).isEqualTo("ka2012-accuracy");
    }

    @Test
    void topicNotReadToItsEndInTime_letsAnswersThroughAnyway_andALaterPointerStillSwaps() throws InterruptedException {
        KnowledgeModel v1 = ModelRegistryTest.model("v1", FeatureSpace.DEFAULT_SEED);
        consumer.updateBeginningOffsets(Map.of(MODELS, 0L));
        consumer.updateEndOffsets(Map.of(MODELS, 5L)); // records up to 4 never arrive in time
        follower.start(() -> consumer);

        assertThat(follower.awaitCaughtUp(Duration.ofMillis(300))).isFalse();
        assertThat(active.isSettled()).isTrue();

        consumer.schedulePollTask(() -> {
            consumer.addRecord(record(0, ModelRecords.artifactKey("knowledge", "v1"), ModelArtifacts.toArtifact("knowledge", v1).toByteArray()));
            consumer.addRecord(record(1, "knowledge", pointer("v1")));
        });
        long deadline = System.currentTimeMillis() + 10_000;
        while (!active.get().model().equals(v1) && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(active.get().model()).isEqualTo(v1);
    }

    @Test
    void stop_endsTheThread_andClosesTheConsumer() throws InterruptedException {
        consumer.updateBeginningOffsets(Map.of(MODELS, 0L));
        consumer.updateEndOffsets(Map.of(MODELS, 0L));
        follower.start(() -> consumer);
        follower.awaitCaughtUp(Duration.ofSeconds(10));
        follower.stop();
        assertThat(consumer.closed()).isTrue();
    }

    private static ConsumerRecord<String, byte[]> record(long offset, String key, byte[] value) {
        return new ConsumerRecord<>(MODELS.topic(), MODELS.partition(), offset, key, value);
    }

    private static byte[] pointer(String version) {
        return ModelPointer.newBuilder().setName("knowledge").setVersion(version).setPublishedBy("test").build().toByteArray();
    }
}
