package proficio.model.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.Random;
import proficio.model.event.CardType;
import proficio.model.event.ProblemLog;
import proficio.model.feature.FeatureSet;
import proficio.model.feature.FeatureSets;
import proficio.model.state.StateUpdate;
import proficio.model.state.StudentReplay;
import org.junit.jupiter.api.Test;
import proficio.model.feature.FeatureSpace;
import proficio.model.feature.Ka2014FeatureSet;
import proficio.model.state.ExerciseState;
import proficio.model.state.KnowledgeState;

class KnowledgeModelTest {

    private static final Provenance PROVENANCE = new Provenance(0, "test", 0, null);

    /** A 107-weight theta with only the intercept set. */
    private static Theta intercept(double w0) {
        double[] w = new double[107];
        w[0] = w0;
        return Theta.of(w);
    }

    private static KnowledgeModel model(Theta global, Map<String, Theta> perExercise) {
        return new KnowledgeModel("v-test-1", new FeatureSpace(3L), Ka2014FeatureSet.INSTANCE, global, perExercise,
                PROVENANCE);
    }

    @Test
    void predict_usesTheExercisesOwnThetaWhenPresent() {
        KnowledgeModel m = model(intercept(0), Map.of("addition", intercept(Math.log(3))));

        Prediction p = m.predict("addition", ExerciseState.EMPTY, KnowledgeState.zero());

        // z = ln 3 * 1 -> p = 1 / (1 + 1/3) = 0.75
        assertThat(p.probability()).isCloseTo(0.75, within(1e-15));
        assertThat(p.thetaSource()).isEqualTo(ThetaSource.EXERCISE);
        assertThat(p.exercise()).isEqualTo("addition");
        assertThat(p.modelVersion()).isEqualTo("v-test-1");
    }

    @Test
    void predict_fallsBackToTheGlobalThetaOtherwise() {
        KnowledgeModel m = model(intercept(-Math.log(3)), Map.of("addition", intercept(Math.log(3))));

        Prediction p = m.predict("brand-new-exercise", ExerciseState.EMPTY, KnowledgeState.zero());

        // z = -ln 3 -> p = 1 / (1 + 3) = 0.25
        assertThat(p.probability()).isCloseTo(0.25, within(1e-15));
        assertThat(p.thetaSource()).isEqualTo(ThetaSource.GLOBAL);
        assertThat(p.exercise()).isEqualTo("brand-new-exercise");
        assertThat(p.modelVersion()).isEqualTo("v-test-1");
    }

    @Test
    void predict_dotsThetaWithTheKa2014Vector() {
        // theta picks percent_correct (index 6) and knowledge_0 (index 7):
        // state R, W (oldest first): percent 1/2; knowledge_0 = 0.25.
        // z = 2 * 0.5 + 4 * 0.25 = 2 -> p = 1 / (1 + e^-2)
        double[] w = new double[107];
        w[6] = 2;
        w[7] = 4;
        float[] k = new float[100];
        k[0] = 0.25f;
        KnowledgeModel m = model(Theta.of(w), Map.of());
        ExerciseState s = ExerciseState.EMPTY.withAnswer(true, 1, "a").withAnswer(false, 2, "b");

        assertThat(m.predict("x", s, KnowledgeState.of(k)).probability())
                .isCloseTo(1 / (1 + Math.exp(-2)), within(1e-15));
    }

    @Test
    void constructor_rejectsThetasOfTheWrongDimension() {
        assertThatThrownBy(() -> model(Theta.of(new double[106]), Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> model(intercept(0), Map.of("addition", Theta.of(new double[108]))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("addition");
    }

    @Test
    void exerciseThetas_areCopied() {
        java.util.HashMap<String, Theta> thetas = new java.util.HashMap<>();
        KnowledgeModel m = model(intercept(0), thetas);
        thetas.put("addition", intercept(5));
        assertThat(m.predict("addition", ExerciseState.EMPTY, KnowledgeState.zero()).thetaSource())
                .isEqualTo(ThetaSource.GLOBAL);
    }

    @Test
    void unattempted_equalsPredictBitForBit_underEveryShippedFeatureSet() {
        // every registered set: ka2014-seq reads the student's sequence through the shared view too
        for (FeatureSet set : FeatureSets.names().stream().sorted().map(n -> FeatureSets.byName(n).orElseThrow()).toList()) {
            Random random = new Random(42);
            StudentReplay student = new StudentReplay(new StateUpdate(new FeatureSpace(3L)));
            String[] tried = {"a", "b", "a", "c", "b", "a"};
            for (int i = 0; i < tried.length; i++) {
                student.apply(new ProblemLog("e" + i, "s", tried[i], "", 0, i % 3 != 1, 1000L + i, 0, 0, 1,
                        CardType.PRACTICE, ""));
            }
            KnowledgeModel m = new KnowledgeModel("v", new FeatureSpace(3L), set, randomTheta(random, set),
                    Map.of("own", randomTheta(random, set), "a", randomTheta(random, set)),
                    Map.of("own", Map.of("", 0.25, "t1", -1.0)), PROVENANCE);

            KnowledgeModel.Unattempted shared = m.unattempted(student);

            for (String e : new String[] {"own", "never", "other one"}) {
                assertThat(shared.probability(e)).as(set.name() + " " + e)
                        .isEqualTo(m.predict(e, "", student).probability());
            }
        }
    }

    private static Theta randomTheta(Random random, FeatureSet set) {
        double[] w = new double[set.dimension()];
        for (int i = 0; i < w.length; i++) {
            w[i] = random.nextGaussian() * 0.3;
        }
        return Theta.of(w);
    }
}
