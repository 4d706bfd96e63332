package proficio.trainer.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import proficio.model.quality.Promotion;
import proficio.model.quality.QualityFigures;
import proficio.model.feature.FeatureSpace;
import proficio.model.feature.Ka2014FeatureSet;
import proficio.model.predict.KnowledgeModel;
import proficio.model.predict.Provenance;
import proficio.model.predict.Theta;
import proficio.proto.DefaultModel;
import proficio.proto.InvalidArtifactException;
import proficio.proto.ModelArtifacts;
import proficio.proto.v1.ModelArtifact;
import proficio.proto.v1.ModelPointer;

class PublisherTest {

    static final long SEED = FeatureSpace.DEFAULT_SEED;

    /** The models topic as a list of records. */
    static final class MemoryTopic implements ModelsTopic {
        final List<Record> records = new ArrayList<>();

        @Override
        public String name() {
            return "models";
        }

        @Override
        public List<Record> readAll() {
            return List.copyOf(records);
        }

        @Override
        public void write(String key, byte[] value) {
            records.add(new Record(key, value));
        }

        @Override
        public void close() {
        }
    }

    static ModelArtifact artifact(String version, double intercept, long seed) {
        double[] g = new double[107];
        g[0] = intercept;
        KnowledgeModel m = new KnowledgeModel(version, new FeatureSpace(seed), Ka2014FeatureSet.INSTANCE, Theta.of(g),
                Map.of("add", Theta.of(g)), new Provenance(1, "test", 10, ""));
        return ModelArtifacts.toArtifact("knowledge", m);
    }

    static final Publisher.Verdict BETTER = new Publisher.Verdict(0.50, 0.55, 100);
    static final Publisher.Verdict WORSE = new Publisher.Verdict(0.60, 0.55, 100);

    static final Promotion.Verdict AHEAD = new Promotion.Verdict(true, QualityFigures.EMPTY, QualityFigures.EMPTY,
            "live candidate ahead");
    static final Promotion.Verdict BEHIND = new Promotion.Verdict(false, QualityFigures.EMPTY, QualityFigures.EMPTY,
            "not better live: numbers");

    @Test
    void candidate_isNamedBesideTheActiveVersion_promotedWhenAhead_andRollbackKeepsIt() throws Exception {
        MemoryTopic topic = new MemoryTopic();
        new Publisher(topic, "knowledge", SEED).publish(artifact("v1", 0.3, SEED), BETTER, false, "me");

        ModelPointer named = new Publisher(topic, "knowledge", SEED).publishCandidate(artifact("c2", 0.2, SEED), "me");
        assertThat(named.getVersion()).isEqualTo("v1");
        assertThat(named.getCandidateVersion()).isEqualTo("c2");
        assertThat(topic.records).extracting(ModelsTopic.Record::key)
                .containsExactly("knowledge@v1", "knowledge", "knowledge@c2", "knowledge");

        Publisher p = new Publisher(topic, "knowledge", SEED);
        assertThat(p.candidateVersion()).contains("c2");
        assertThatThrownBy(() -> p.promote(BEHIND, false, "me")).isInstanceOf(PublishRefusedException.class)
                .hasMessageContaining("not promoted: not better live: numbers").hasMessageContaining("--force");
        assertThat(topic.records).hasSize(4);

        ModelPointer promoted = p.promote(AHEAD, false, "me");
        assertThat(promoted.getVersion()).isEqualTo("c2");
        assertThat(promoted.getCandidateVersion()).isEmpty();
        assertThat(promoted.getReason()).isEqualTo("promote: live candidate ahead");
        assertThat(promoted.getForced()).isFalse();
        assertThatThrownBy(() -> new Publisher(topic, "knowledge", SEED).promote(AHEAD, false, "me"))
                .isInstanceOf(PublishRefusedException.class).hasMessageContaining("no candidate");

        new Publisher(topic, "knowledge", SEED).publishCandidate(artifact("c3", 0.1, SEED), "me");
        ModelPointer back = new Publisher(topic, "knowledge", SEED).rollback("v1", "me");
        assertThat(back.getVersion()).isEqualTo("v1");
        assertThat(back.getCandidateVersion()).as("a rollback moves the active version only").isEqualTo("c3");
        ModelPointer forced = new Publisher(topic, "knowledge", SEED).promote(BEHIND, true, "me");
        assertThat(forced.getVersion()).isEqualTo("c3");
        assertThat(forced.getForced()).isTrue();
    }

    @Test
    void theActiveVersion_cannotBeTheCandidate() throws Exception {
        MemoryTopic topic = new MemoryTopic();
        new Publisher(topic, "knowledge", SEED).publish(artifact("v1", 0.3, SEED), BETTER, false, "me");
        assertThatThrownBy(() -> new Publisher(topic, "knowledge", SEED).publishCandidate(artifact("v1", 0.3, SEED), "me"))
                .isInstanceOf(PublishRefusedException.class).hasMessageContaining("is the active version");
    }

    @Test
    void withNothingPublished_theActiveModelIsTheDefault() throws Exception {
        Publisher p = new Publisher(new MemoryTopic(), "knowledge", SEED);

        assertThat(p.active().model().version()).isEqualTo(DefaultModel.artifact().getVersion());
        assertThat(p.active().pointer()).isEmpty();
    }

    @Test
    void publish_writesTheArtifactThenThePointer_andTheNextReaderSeesItActive() throws Exception {
        MemoryTopic topic = new MemoryTopic();
        ModelArtifact a = artifact("v1", 0.3, SEED);

        ModelPointer pointer = new Publisher(topic, "knowledge", SEED).publish(a, BETTER, false, "me@here");

        assertThat(topic.records).extracting(ModelsTopic.Record::key).containsExactly("knowledge@v1", "knowledge");
        assertThat(ModelArtifact.parseFrom(topic.records.get(0).value())).isEqualTo(a);
        assertThat(pointer.getVersion()).isEqualTo("v1");
        assertThat(pointer.getReason()).contains("log-loss 0.500000 <= 0.550000");
        assertThat(pointer.getForced()).isFalse();
        assertThat(new Publisher(topic, "knowledge", SEED).active().model().version()).isEqualTo("v1");
    }

    @Test
    void aWorseModel_isRefusedWithTheNumbers_unlessForced() throws Exception {
        MemoryTopic topic = new MemoryTopic();
        Publisher p = new Publisher(topic, "knowledge", SEED);

        assertThatThrownBy(() -> p.publish(artifact("v2", 0.1, SEED), WORSE, false, "me"))
                .isInstanceOf(PublishRefusedException.class)
                .hasMessageContaining("worse").hasMessageContaining("0.600000 > 0.550000");
        assertThat(topic.records).isEmpty();

        ModelPointer forced = p.publish(artifact("v2", 0.1, SEED), WORSE, true, "me");
        assertThat(forced.getForced()).isTrue();
        assertThat(topic.records).hasSize(2);
    }

    @Test
    void withoutAHoldOut_onlyAForcedPublishGoesThrough() throws Exception {
        Publisher p = new Publisher(new MemoryTopic(), "knowledge", SEED);

        assertThatThrownBy(() -> p.publish(artifact("v3", 0, SEED), null, false, "me"))
                .isInstanceOf(PublishRefusedException.class).hasMessageContaining("--force");
        assertThat(p.publish(artifact("v3", 0, SEED), null, true, "me").getReason()).contains("without evaluation");
    }

    @Test
    void corruptOrMismatchedArtifacts_areRefusedWithTheReason() {
        Publisher p = new Publisher(new MemoryTopic(), "knowledge", SEED);
        ModelArtifact corrupt = artifact("v4", 0.2, SEED).toBuilder().setName("knowledge").setVersion("v4-edited").build();

        assertThatThrownBy(() -> p.publish(corrupt, BETTER, true, "me"))
                .isInstanceOf(InvalidArtifactException.class).hasMessageContaining("checksum");
        assertThatThrownBy(() -> p.publish(artifact("v5", 0.2, 42), BETTER, true, "me"))
                .isInstanceOf(InvalidArtifactException.class).hasMessageContaining("feature_space_seed 42");
    }

    @Test
    void aVersionIsWrittenOnce_otherBytesUnderTheSameVersionAreRefused() throws Exception {
        MemoryTopic topic = new MemoryTopic();
        new Publisher(topic, "knowledge", SEED).publish(artifact("v6", 0.2, SEED), BETTER, false, "me");

        assertThatThrownBy(() -> new Publisher(topic, "knowledge", SEED).publish(artifact("v6", 0.9, SEED), BETTER, false,
                "me")).isInstanceOf(PublishRefusedException.class).hasMessageContaining("already");
        // The very same artifact again only moves the pointer.
        new Publisher(topic, "knowledge", SEED).publish(artifact("v6", 0.2, SEED), BETTER, false, "me");
        assertThat(topic.records).extracting(ModelsTopic.Record::key)
                .containsExactly("knowledge@v6", "knowledge", "knowledge");
    }

    @Test
    void rollback_pointsAtAnEarlierVersionInTheTopic_andRefusesOneThatIsNotThere() throws Exception {
        MemoryTopic topic = new MemoryTopic();
        new Publisher(topic, "knowledge", SEED).publish(artifact("v7", 0.2, SEED), BETTER, false, "me");
        new Publisher(topic, "knowledge", SEED).publish(artifact("v8", 0.3, SEED), BETTER, false, "me");

        ModelPointer back = new Publisher(topic, "knowledge", SEED).rollback("v7", "ops");

        assertThat(back.getReason()).isEqualTo("rollback from v8");
        assertThat(new Publisher(topic, "knowledge", SEED).active().model().version()).isEqualTo("v7");
        assertThat(new Publisher(topic, "knowledge", SEED).registry().versions("knowledge")).containsExactly("v7", "v8");
        assertThatThrownBy(() -> new Publisher(topic, "knowledge", SEED).rollback("v9", "ops"))
                .isInstanceOf(PublishRefusedException.class).hasMessageContaining("knowledge@v9")
                .hasMessageContaining("[v7, v8]");
    }
}
