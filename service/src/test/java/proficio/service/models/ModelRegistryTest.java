package proficio.service.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import proficio.model.feature.FeatureSpace;
import proficio.model.predict.KnowledgeModel;
import proficio.model.predict.Provenance;
import proficio.model.predict.Theta;
import proficio.proto.DefaultModel;
import proficio.proto.InvalidArtifactException;
import proficio.proto.ModelArtifacts;
import proficio.proto.ModelRecords;
import proficio.proto.v1.ModelArtifact;
import proficio.proto.v1.ModelPointer;
import proficio.service.models.ModelRegistry.Status;
import proficio.service.models.ModelRegistry.Version;

/** The registry's decisions, record by record, without a broker. */
class ModelRegistryTest {

    private static final String NAME = "knowledge";
    private static final String DEFAULT_VERSION = "ka2012-accuracy";

    private final ActiveModel active = new ActiveModel(FeatureSpace.DEFAULT_SEED);
    private final ModelRegistry registry = new ModelRegistry(NAME, active);
    private long offset;

    @Test
    void atStart_theShippedDefaultIsActive() {
        assertThat(active.get().model().version()).isEqualTo(DEFAULT_VERSION);
        assertThat(registry.versions()).singleElement().satisfies(v -> {
            assertThat(v.version()).isEqualTo(DEFAULT_VERSION);
            assertThat(v.status()).isEqualTo(Status.ACTIVE);
            assertThat(v.shippedDefault()).isTrue();
            assertThat(v.pointer()).isEmpty();
            assertThat(v.summary()).get().satisfies(s -> {
                assertThat(s.featureSet()).isEqualTo("ka2014");
                assertThat(s.featureSpaceSeed()).isEqualTo(FeatureSpace.DEFAULT_SEED);
            });
        });
        assertThat(active.isSettled()).isFalse();
    }

    @Test
    void pointerToAValidArtifact_swapsItIn_andRecordsThePointer() {
        KnowledgeModel v2 = model("v2", FeatureSpace.DEFAULT_SEED);
        writeArtifact(ModelArtifacts.toArtifact(NAME, v2));
        assertThat(status("v2")).isEqualTo(Status.AVAILABLE);
        assertThat(active.get().model().version()).as("an artifact alone activates nothing").isEqualTo(DEFAULT_VERSION);

        point("v2", "publish: better", true);

        assertThat(active.get().model()).isEqualTo(v2);
        Version v = version("v2");
        assertThat(v.status()).isEqualTo(Status.ACTIVE);
        assertThat(v.pointer()).get().satisfies(p -> {
            assertThat(p.getReason()).isEqualTo("publish: better");
            assertThat(p.getPublishedBy()).isEqualTo("test@host");
            assertThat(p.getForced()).isTrue();
        });
        assertThat(v.summary()).get().satisfies(s -> {
            assertThat(s.exerciseThetas()).isEqualTo(1);
            assertThat(s.provenance().getTrainedOn()).isEqualTo("unit test rows");
        });
        assertThat(status(DEFAULT_VERSION)).isEqualTo(Status.AVAILABLE);
        assertThat(registry.active().version()).isEqualTo("v2");
    }

    @Test
    void corruptArtifact_isRefusedForItsChecksum_andTheOldOneKeepsServing() {
        publish(model("v2", FeatureSpace.DEFAULT_SEED));
        KnowledgeModel v3 = model("v3", FeatureSpace.DEFAULT_SEED);
        byte[] bytes = flipLowestByteOf(v3.exerciseThetas().get("addition_1").get(0),
                ModelArtifacts.toArtifact(NAME, v3).toByteArray());
        registry.accept(ModelRecords.artifactKey(NAME, "v3"), bytes, offset++);
        point("v3", "publish", false);

        assertThat(active.get().model().version()).isEqualTo("v2");
        assertThat(status("v3")).isEqualTo(Status.REFUSED);
        assertThat(version("v3").refusalReason()).contains("checksum");
        assertThat(status("v2")).isEqualTo(Status.ACTIVE);
    }

    @Test
    void otherFeatureSpaceSeed_isRefusedNamingBothSeeds() {
        publish(model("other-seed", 42));
        assertThat(active.get().model().version()).isEqualTo(DEFAULT_VERSION);
        assertThat(version("other-seed").refusalReason()).contains("feature_space_seed 42").contains("20140101");
    }

    @Test
    void unknownFeatureSet_isRefused() {
        ModelArtifact a = ModelArtifacts.toArtifact(NAME, model("v9", FeatureSpace.DEFAULT_SEED)).toBuilder()
                .setFeatureSet("ka2099").build();
        writeArtifact(ModelArtifacts.withChecksum(a));
        point("v9", "publish", false);
        assertThat(version("v9").refusalReason()).contains("feature_set 'ka2099' is unknown");
        assertThat(active.get().model().version()).isEqualTo(DEFAULT_VERSION);
    }

    @Test
    void wrongDimensions_areRefused() {
        ModelArtifact a = ModelArtifacts.toArtifact(NAME, model("short", FeatureSpace.DEFAULT_SEED));
        double[] w = a.getGlobalTheta().getWeightsList().stream().mapToDouble(Double::doubleValue).toArray();
        proficio.proto.v1.Theta.Builder shorter = proficio.proto.v1.Theta.newBuilder();
        Arrays.stream(w, 0, w.length - 1).forEach(shorter::addWeights);
        writeArtifact(ModelArtifacts.withChecksum(a.toBuilder().setGlobalTheta(shorter).build()));
        point("short", "publish", false);
        assertThat(version("short").refusalReason()).contains("106 weights").contains("107");
        assertThat(active.get().model().version()).isEqualTo(DEFAULT_VERSION);
    }

    @Test
    void pointerWithoutArtifact_isRefused() {
        point("ghost", "publish", false);
        assertThat(status("ghost")).isEqualTo(Status.REFUSED);
        assertThat(version("ghost").refusalReason()).contains("no artifact").contains("knowledge@ghost");
        assertThat(version("ghost").summary()).isEmpty();
        assertThat(active.get().model().version()).isEqualTo(DEFAULT_VERSION);
    }

    @Test
    void undecodableArtifact_isRefused() {
        registry.accept(ModelRecords.artifactKey(NAME, "junk"), new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF}, offset++);
        assertThat(status("junk")).isEqualTo(Status.AVAILABLE);
        point("junk", "publish", false);
        assertThat(version("junk").refusalReason()).contains("undecodable");
        assertThat(active.get().model().version()).isEqualTo(DEFAULT_VERSION);
    }

    @Test
    void artifactUnderAnotherVersionsKey_isRefused() {
        registry.accept(ModelRecords.artifactKey(NAME, "v5"),
                ModelArtifacts.toArtifact(NAME, model("v4", FeatureSpace.DEFAULT_SEED)).toByteArray(), offset++);
        point("v5", "publish", false);
        assertThat(version("v5").refusalReason()).contains("says it is version 'v4'");
    }

    @Test
    void replay_endsWithTheNewestValidPointer_aRefusedOneKeepsThePreviousValid() {
        publish(model("v1", FeatureSpace.DEFAULT_SEED));
        publish(model("v2", FeatureSpace.DEFAULT_SEED));
        publish(model("v3", 7));
        point("v4", "publish", false);

        assertThat(active.get().model().version()).isEqualTo("v2");
        assertThat(registry.versions()).extracting(Version::version, Version::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple(DEFAULT_VERSION, Status.AVAILABLE),
                org.assertj.core.groups.Tuple.tuple("v1", Status.AVAILABLE),
                org.assertj.core.groups.Tuple.tuple("v2", Status.ACTIVE),
                org.assertj.core.groups.Tuple.tuple("v3", Status.REFUSED),
                org.assertj.core.groups.Tuple.tuple("v4", Status.REFUSED));
    }

    @Test
    void rollbackPointer_reactivatesAnEarlierVersion_theShippedDefaultToo() {
        KnowledgeModel v1 = model("v1", FeatureSpace.DEFAULT_SEED);
        publish(v1);
        publish(model("v2", FeatureSpace.DEFAULT_SEED));
        point("v1", "rollback", false);
        assertThat(active.get().model()).isEqualTo(v1);
        assertThat(version("v1").pointer()).get().extracting(ModelPointer::getReason).isEqualTo("rollback");
        assertThat(status("v2")).isEqualTo(Status.AVAILABLE);

        point(DEFAULT_VERSION, "rollback", false);
        assertThat(active.get().model().version()).isEqualTo(DEFAULT_VERSION);
        assertThat(status(DEFAULT_VERSION)).isEqualTo(Status.ACTIVE);
    }

    @Test
    void pointerToTheActiveVersion_changesNothingButThePointer() {
        KnowledgeModel v1 = model("v1", FeatureSpace.DEFAULT_SEED);
        publish(v1);
        ActiveModel.Active before = active.get();
        point("v1", "again", false);
        assertThat(active.get()).isSameAs(before);
        assertThat(version("v1").pointer()).get().extracting(ModelPointer::getReason).isEqualTo("again");
    }

    @Test
    void otherModels_undecodablePointers_andPointersForAnotherName_areIgnored() {
        publish(model("v1", FeatureSpace.DEFAULT_SEED));
        registry.accept("other@v2", ModelArtifacts.toArtifact("other", model("v2", FeatureSpace.DEFAULT_SEED)).toByteArray(), offset++);
        registry.accept("other", ModelPointer.newBuilder().setName("other").setVersion("v2").build().toByteArray(), offset++);
        registry.accept(NAME, new byte[] {(byte) 0xFF, 0x01}, offset++);
        registry.accept(NAME, ModelPointer.newBuilder().setName("other").setVersion("v2").build().toByteArray(), offset++);
        registry.accept(NAME, ModelPointer.newBuilder().setName(NAME).build().toByteArray(), offset++);
        registry.accept(NAME, null, offset++);
        registry.accept(null, new byte[0], offset++);

        assertThat(active.get().model().version()).isEqualTo("v1");
        assertThat(registry.versions()).extracting(Version::version).containsExactly(DEFAULT_VERSION, "v1");
    }

    @Test
    void artifactWrittenAgainAfterARefusal_isAvailable_andTheNextPointerActivatesIt() {
        KnowledgeModel v2 = model("v2", FeatureSpace.DEFAULT_SEED);
        point("v2", "too early", false);
        assertThat(status("v2")).isEqualTo(Status.REFUSED);
        writeArtifact(ModelArtifacts.toArtifact(NAME, v2));
        assertThat(status("v2")).isEqualTo(Status.AVAILABLE);
        assertThat(version("v2").refusalReason()).isEmpty();
        point("v2", "publish", false);
        assertThat(active.get().model()).isEqualTo(v2);
    }

    @Test
    void artifactOfTheActiveVersion_isNeitherReplacedNorDeleted() throws InvalidArtifactException {
        KnowledgeModel v1 = model("v1", FeatureSpace.DEFAULT_SEED);
        publish(v1);
        registry.accept(ModelRecords.artifactKey(NAME, "v1"), new byte[] {1, 2, 3}, offset++);
        registry.accept(ModelRecords.artifactKey(NAME, "v1"), null, offset++);
        assertThat(status("v1")).isEqualTo(Status.ACTIVE);
        assertThat(version("v1").summary()).isPresent();
        assertThat(active.get().model()).isEqualTo(v1);
    }

    @Test
    void tombstone_forgetsAnInactiveVersion() {
        publish(model("v1", FeatureSpace.DEFAULT_SEED));
        writeArtifact(ModelArtifacts.toArtifact(NAME, model("v2", FeatureSpace.DEFAULT_SEED)));
        registry.accept(ModelRecords.artifactKey(NAME, "v2"), null, offset++);
        assertThat(registry.versions()).extracting(Version::version).containsExactly(DEFAULT_VERSION, "v1");
        point("v2", "publish", false);
        assertThat(version("v2").refusalReason()).contains("no artifact");
    }

    @Test
    void settle_letsAnswersThrough() {
        assertThat(active.awaitSettled(java.time.Duration.ofMillis(1))).isFalse();
        registry.settle();
        assertThat(active.isSettled()).isTrue();
        assertThat(active.awaitSettled(java.time.Duration.ZERO)).isTrue();
    }

    /** A model whose own theta for addition_1 is the default global theta with a lower intercept. */
    static KnowledgeModel model(String version, long seed) {
        KnowledgeModel base = defaultModel();
        double[] w = base.globalTheta().toArray();
        w[0] -= 1.5;
        return new KnowledgeModel(version, new FeatureSpace(seed), base.featureSet(), base.globalTheta(),
                Map.of("addition_1", Theta.of(w)), new Provenance(1_700_000_000_000L, "unit test rows", 12, "ModelRegistryTest"));
    }

    /** The artifact bytes with the lowest byte of {@code weight}'s (little-endian) encoding flipped: still a finite double. */
    static byte[] flipLowestByteOf(double weight, byte[] artifact) {
        byte[] le = java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putDouble(weight).array();
        for (int i = 0; i + 8 <= artifact.length; i++) {
            if (Arrays.equals(artifact, i, i + 8, le, 0, 8)) {
                byte[] out = artifact.clone();
                out[i] ^= 0x01;
                return out;
            }
        }
        throw new AssertionError("weight " + weight + " not found in the artifact");
    }

    private static KnowledgeModel defaultModel() {
        try {
            return ModelArtifacts.toModel(DefaultModel.artifact());
        } catch (InvalidArtifactException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void candidate_isScoredBesideTheActiveModel_promotedByAPointerToIt_andDroppedByAPointerWithoutIt() {
        KnowledgeModel v2 = model("v2", FeatureSpace.DEFAULT_SEED);
        KnowledgeModel c3 = model("c3", FeatureSpace.DEFAULT_SEED);
        publish(v2);
        writeArtifact(ModelArtifacts.toArtifact(NAME, c3));
        pointWithCandidate("v2", "c3");
        assertThat(active.lineup()).isEqualTo(new ModelLineup(v2, c3));
        assertThat(status("c3")).isEqualTo(Status.CANDIDATE);
        assertThat(registry.candidate()).get().extracting(Version::version).isEqualTo("c3");

        pointWithCandidate("c3", ""); // promote
        assertThat(active.lineup()).isEqualTo(ModelLineup.of(c3));
        assertThat(status("c3")).isEqualTo(Status.ACTIVE);
        assertThat(status("v2")).isEqualTo(Status.AVAILABLE);
        assertThat(registry.candidate()).isEmpty();

        pointWithCandidate("c3", "v2");
        assertThat(active.lineup().candidate()).isEqualTo(v2);
        point("c3", "publish", false); // a pointer names both: without a candidate, none
        assertThat(active.lineup().hasCandidate()).isFalse();
        assertThat(status("v2")).isEqualTo(Status.AVAILABLE);
    }

    @Test
    void candidateOfAnotherFeatureSpace_isRefused_andNoCandidateIsScored() {
        publish(model("v2", FeatureSpace.DEFAULT_SEED));
        writeArtifact(ModelArtifacts.toArtifact(NAME, model("c-42", 42)));
        pointWithCandidate("v2", "c-42");
        assertThat(status("c-42")).isEqualTo(Status.REFUSED);
        assertThat(version("c-42").refusalReason()).contains("feature_space_seed 42");
        assertThat(active.lineup().hasCandidate()).isFalse();
        assertThat(active.get().model().version()).isEqualTo("v2");
    }

    private void pointWithCandidate(String version, String candidate) {
        registry.accept(ModelRecords.pointerKey(NAME), ModelPointer.newBuilder().setName(NAME).setVersion(version)
                .setCandidateVersion(candidate).setPublishedBy("test@host").setReason("test").build().toByteArray(), offset++);
    }

    private void publish(KnowledgeModel m) {
        writeArtifact(ModelArtifacts.toArtifact(NAME, m));
        point(m.version(), "publish", false);
    }

    private void writeArtifact(ModelArtifact a) {
        registry.accept(ModelRecords.artifactKey(NAME, a.getVersion()), a.toByteArray(), offset++);
    }

    private void point(String version, String reason, boolean forced) {
        registry.accept(ModelRecords.pointerKey(NAME), ModelPointer.newBuilder().setName(NAME).setVersion(version)
                .setPublishedAtMs(1_700_000_000_000L + offset).setPublishedBy("test@host").setReason(reason).setForced(forced)
                .build().toByteArray(), offset++);
    }

    private Version version(String version) {
        return registry.versions().stream().filter(v -> v.version().equals(version)).findFirst()
                .orElseThrow(() -> new AssertionError("no version " + version + " in " + registry.versions()));
    }

    private Status status(String version) {
        return version(version).status();
    }
}
