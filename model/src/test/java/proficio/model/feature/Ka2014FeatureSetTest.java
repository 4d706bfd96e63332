package proficio.model.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import proficio.model.state.ExerciseState;
import proficio.model.state.KnowledgeState;

class Ka2014FeatureSetTest {

    private final FeatureSet set = Ka2014FeatureSet.INSTANCE;

    @Test
    void dimensionAndNames_are107() {
        // 1 intercept + 6 exercise features + 100 knowledge values
        assertThat(set.dimension()).isEqualTo(107);
        assertThat(set.featureNames()).hasSize(107);
        assertThat(set.featureNames()).doesNotHaveDuplicates();
        assertThat(set.featureNames().subList(0, 7)).containsExactly("intercept", "ewma_0.333", "ewma_0.1",
                "streak", "ln_done", "ln_missed_plus_1", "percent_correct");
        assertThat(set.featureNames().get(7)).isEqualTo("knowledge_0");
        assertThat(set.featureNames().get(106)).isEqualTo("knowledge_99");
        assertThat(set.name()).isEqualTo("ka2014");
        assertThat(FeatureSets.byName("ka2014")).contains(set);
        assertThat(FeatureSets.byName("nope")).isEmpty();
    }

    @Test
    void vector_isInterceptThenSixFeaturesThenKnowledge() {
        // W, R, R (oldest first)
        ExerciseState ex = ExerciseState.EMPTY.withAnswer(false, 1, "a").withAnswer(true, 2, "b").withAnswer(true, 3, "c");
        float[] k = new float[100];
        for (int i = 0; i < 100; i++) {
            k[i] = (i - 50) * 0.013f;
        }
        double[] x = set.vector(StudentView.ofOne("e", ex, KnowledgeState.of(k)), "e");

        assertThat(x).hasSize(107);
        assertThat(x[0]).isEqualTo(1.0);
        // ewma(0.333): W 0.667*0.9 = 0.6003; R 0.333 + 0.667*0.6003 = 0.7334001; R 0.333 + 0.667*0.7334001 = 0.8221778667
        assertThat(x[1]).isCloseTo(0.8221778667, within(1e-15));
        // ewma(0.1): W 0.81; R 0.1 + 0.729 = 0.829; R 0.1 + 0.7461 = 0.8461
        assertThat(x[2]).isCloseTo(0.8461, within(1e-15));
        assertThat(x[3]).isEqualTo(2.0);             // streak
        assertThat(x[4]).isEqualTo(Math.log(3));     // ln(n), n = 3
        assertThat(x[5]).isEqualTo(Math.log(2));     // ln(3 - 2 + 1)
        assertThat(x[6]).isEqualTo(2.0 / 3.0);       // k / n
        for (int i = 0; i < 100; i++) {
            assertThat(x[7 + i]).as("knowledge %d", i).isEqualTo((double) k[i]);
        }
    }

    @Test
    void vector_ofEmptyState_carriesThePriors() {
        double[] x = set.vector(StudentView.ofOne("e", ExerciseState.EMPTY, KnowledgeState.zero()), "e");
        double[] expected = new double[107];
        expected[0] = 1.0;
        expected[1] = 0.9;
        expected[2] = 0.9;
        expected[6] = 0.8;
        assertThat(x).containsExactly(expected);
    }

    @Test
    void vector_returnsAFreshArrayEachCall() {
        double[] a = set.vector(StudentView.ofOne("e", ExerciseState.EMPTY, KnowledgeState.zero()), "e");
        a[0] = 42;
        assertThat(set.vector(StudentView.ofOne("e", ExerciseState.EMPTY, KnowledgeState.zero()), "e")[0]).isEqualTo(1.0);
    }
}
