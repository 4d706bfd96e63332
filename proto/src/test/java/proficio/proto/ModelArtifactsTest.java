package proficio.proto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.util.Map;
import org.junit.jupiter.api.Test;
import proficio.model.feature.FeatureSpace;
import proficio.model.feature.Ka2014FeatureSet;
import proficio.model.predict.KnowledgeModel;
import proficio.model.predict.Provenance;
import proficio.model.predict.Theta;
import proficio.model.predict.ThetaSource;
import proficio.model.state.ExerciseState;
import proficio.model.state.KnowledgeState;
import proficio.proto.v1.ModelArtifact;

class ModelArtifactsTest {

    @Test
    void defaultModel_holdsKhanAcademy2012WeightsAndPassesItsChecks() throws Exception {
        KnowledgeModel m = ModelArtifacts.toModel(DefaultModel.artifact());
        double[] published = {-1.2229719, 0.8393673, 2.1262489, 0.0153545, 0.4135883, -0.5677724, 0.6284309};
        for (int i = 0; i < published.length; i++) {
            assertThat(m.globalTheta().get(i)).as("weight %d", i).isEqualTo(published[i]);
        }
        for (int i = published.length; i < 107; i++) {
            assertThat(m.globalTheta().get(i)).as("knowledge weight %d", i).isZero();
        }
        assertThat(m.exerciseThetas()).isEmpty();
        assertThat(m.featureSet().name()).isEqualTo("ka2014");
        assertThat(m.featureSpace().seed()).isEqualTo(FeatureSpace.DEFAULT_SEED);
        assertThat(m.version()).isEqualTo("ka2012-accuracy");
    }

    @Test
    void roundTrip_keepsEveryThetaBitForBit() throws Exception {
        KnowledgeModel model = model("v7", Map.of("b", theta(0.25), "a", theta(-3.5)));
        KnowledgeModel back = ModelArtifacts.toModel(ModelArtifact.parseFrom(
                ModelArtifacts.toArtifact("knowledge", model).toByteArray()));
        assertThat(back.exerciseThetas()).isEqualTo(model.exerciseThetas());
        assertThat(back.globalTheta()).isEqualTo(model.globalTheta());
        assertThat(back.predict("a", ExerciseState.EMPTY, KnowledgeState.zero()).thetaSource()).isEqualTo(ThetaSource.EXERCISE);
        assertThat(back.predict("zzz", ExerciseState.EMPTY, KnowledgeState.zero()).thetaSource()).isEqualTo(ThetaSource.GLOBAL);
    }

    @Test
    void toArtifact_sortsExerciseThetasSoTheChecksumIsStable() {
        ModelArtifact a = ModelArtifacts.toArtifact("knowledge", model("v1", Map.of("b", theta(1), "a", theta(2), "c", theta(3))));
        assertThat(a.getExerciseThetasList()).extracting(t -> t.getExercise()).containsExactly("a", "b", "c");
    }

    @Test
    void toModel_refusesAChangedWeight() {
        ModelArtifact a = ModelArtifacts.toArtifact("knowledge", model("v1", Map.of()));
        ModelArtifact tampered = a.toBuilder().setGlobalTheta(a.getGlobalTheta().toBuilder().setWeights(3, 9.0)).build();
        assertThatThrownBy(() -> ModelArtifacts.toModel(tampered)).hasMessageContaining("checksum mismatch");
    }

    @Test
    void toModel_refusesUnknownFeatureSetWrongDimensionAndFormat() {
        ModelArtifact a = ModelArtifacts.toArtifact("knowledge", model("v1", Map.of()));
        assertThatThrownBy(() -> ModelArtifacts.toModel(ModelArtifacts.withChecksum(a.toBuilder().setFeatureSet("nope").build())))
                .hasMessageContaining("feature_set 'nope' is unknown");
        assertThatThrownBy(() -> ModelArtifacts.toModel(ModelArtifacts.withChecksum(
                a.toBuilder().setGlobalTheta(proficio.proto.v1.Theta.newBuilder().addWeights(1.0)).build())))
                .hasMessageContaining("global theta has 1 weights");
        assertThatThrownBy(() -> ModelArtifacts.toModel(ModelArtifacts.withChecksum(a.toBuilder().setFormatVersion(2).build())))
                .hasMessageContaining("format_version 2");
        assertThatThrownBy(() -> ModelArtifacts.toModel(ModelArtifacts.withChecksum(a.toBuilder().setFeatureNames(3, "streak_renamed").build())))
                .hasMessageContaining("feature_names do not match");
        assertThatThrownBy(() -> ModelArtifacts.toModel(a.toBuilder().setChecksum(ByteString.EMPTY).build()))
                .hasMessageContaining("checksum");
    }

    @Test
    void toModel_refusesTwoThetasForOneExercise() {
        ModelArtifact a = ModelArtifacts.toArtifact("knowledge", model("v1", Map.of("a", theta(1))));
        ModelArtifact twice = ModelArtifacts.withChecksum(a.toBuilder().addExerciseThetas(a.getExerciseThetas(0)).build());
        assertThatThrownBy(() -> ModelArtifacts.toModel(twice)).hasMessageContaining("exercise 'a' has two thetas");
    }

    private static KnowledgeModel model(String version, Map<String, Theta> thetas) {
        return new KnowledgeModel(version, new FeatureSpace(7), Ka2014FeatureSet.INSTANCE, theta(0.5), thetas,
                new Provenance(1, "test", 0, ""));
    }

    private static Theta theta(double intercept) {
        double[] w = new double[107];
        w[0] = intercept;
        w[1] = 0.125;
        return Theta.of(w);
    }

    @Test
    void roundTrip_keepsProblemTypeOffsets_evenForAnExerciseWithoutItsOwnTheta() throws Exception {
        double[] w = new double[113];
        w[0] = 0.25;
        KnowledgeModel model = new KnowledgeModel("plus-1", new FeatureSpace(7), proficio.model.feature.Ka2014PlusFeatureSet.INSTANCE,
                Theta.of(w), Map.of("a", Theta.of(w)), Map.of("a", Map.of("t1", -0.5, "t2", 0.75), "b", Map.of("t3", 1.5)),
                new Provenance(1, "test", 0, ""));
        ModelArtifact artifact = ModelArtifacts.toArtifact("knowledge", model);
        KnowledgeModel back = ModelArtifacts.toModel(ModelArtifact.parseFrom(artifact.toByteArray()));
        assertThat(back.problemTypeOffsets()).isEqualTo(model.problemTypeOffsets());
        assertThat(back.exerciseThetas()).containsOnlyKeys("a");
        assertThat(artifact.getExerciseThetas(1).getProblemTypeOffsetsList()).extracting(o -> o.getProblemType()).containsExactly("t3");
    }

    @Test
    void toModel_refusesAProblemTypeListedTwice() {
        KnowledgeModel model = new KnowledgeModel("v", new FeatureSpace(7), Ka2014FeatureSet.INSTANCE, theta(0.5), Map.of(),
                Map.of("a", Map.of("t", 1.0)), new Provenance(1, "test", 0, ""));
        ModelArtifact a = ModelArtifacts.toArtifact("knowledge", model);
        ModelArtifact twice = ModelArtifacts.withChecksum(a.toBuilder().setExerciseThetas(0,
                a.getExerciseThetas(0).toBuilder().addProblemTypeOffsets(a.getExerciseThetas(0).getProblemTypeOffsets(0))).build());
        assertThatThrownBy(() -> ModelArtifacts.toModel(twice)).hasMessageContaining("problem type 't' twice");
    }
}
