package proficio.model.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;
import proficio.model.event.ProblemLog;
import proficio.model.predict.KnowledgeModel;
import proficio.model.predict.Provenance;
import proficio.model.predict.Theta;
import proficio.model.state.ExerciseState;
import proficio.model.state.KnowledgeState;
import proficio.model.state.StateUpdate;
import proficio.model.state.StudentReplay;

class Ka2014PlusFeatureSetTest {

    private final StudentReplay replay = new StudentReplay(new StateUpdate(new FeatureSpace(3)));

    @Test
    void vector_isKa2014ThenExerciseCountsThenStudentTotals() {
        // 3 answers in "add" (right, wrong, right), 2 in "sub" (wrong, wrong): 5 done, 2 right in all.
        answer("add", true);
        answer("add", false);
        answer("add", true);
        answer("sub", false);
        answer("sub", false);
        double[] x = Ka2014PlusFeatureSet.INSTANCE.vector(replay, "add");
        assertThat(x).hasSize(113);
        assertThat(java.util.Arrays.copyOf(x, 107)).containsExactly(Ka2014FeatureSet.INSTANCE.vector(replay, "add"));
        assertThat(x[107]).isCloseTo(Math.log(4), within(1e-15)); // ln(1 + 3 done in add)
        assertThat(x[108]).isCloseTo(Math.log(3), within(1e-15)); // ln(1 + 2 right in add)
        assertThat(x[109]).isCloseTo(Math.log(2), within(1e-15)); // ln(1 + 1 wrong in add)
        assertThat(x[110]).isCloseTo(Math.log(6), within(1e-15)); // ln(1 + 5 done in all)
        assertThat(x[111]).isCloseTo(Math.log(3), within(1e-15)); // ln(1 + 2 right in all)
        assertThat(x[112]).isCloseTo(Math.log(4), within(1e-15)); // ln(1 + 3 wrong in all)
    }

    @Test
    void duplicates_countOnceInTheTotals() {
        ProblemLog log = ProblemLog.practice("same-id", "s", "add", "", true, 10);
        replay.apply(log);
        replay.apply(log);
        assertThat(replay.totalDone()).isEqualTo(1);
        assertThat(replay.totalCorrect()).isEqualTo(1);
    }

    @Test
    void neverAttemptedExercise_hasZeroCountsButTheStudentsTotals() {
        answer("add", true);
        double[] x = Ka2014PlusFeatureSet.INSTANCE.vector(replay, "new");
        assertThat(x[107]).isZero();
        assertThat(x[110]).isCloseTo(Math.log(2), within(1e-15));
        assertThat(Ka2014PlusFeatureSet.INSTANCE.featureNames()).hasSize(113).endsWith("ln1p_total_wrong");
    }

    @Test
    void problemTypeOffset_shiftsZ_andUnknownTypesGetNone() {
        double[] w = new double[113];
        w[0] = 0.5;
        KnowledgeModel m = new KnowledgeModel("v", new FeatureSpace(3), Ka2014PlusFeatureSet.INSTANCE, Theta.of(w),
                Map.of(), Map.of("add", Map.of("hard", -1.5)), new Provenance(0, "", 0, ""));
        answer("add", true);
        assertThat(m.predict("add", "hard", replay).probability()).isEqualTo(1 / (1 + Math.exp(1.0)));
        assertThat(m.predict("add", "", replay).probability()).isEqualTo(1 / (1 + Math.exp(-0.5)));
        assertThat(m.predict("add", "other", replay).probability()).isEqualTo(1 / (1 + Math.exp(-0.5)));
        assertThat(m.predict("sub", "hard", replay).probability()).isEqualTo(1 / (1 + Math.exp(-0.5)));
    }

    @Test
    void singleExercisePredict_isRefusedForAWholeStudentFeatureSet() {
        KnowledgeModel m = new KnowledgeModel("v", new FeatureSpace(3), Ka2014PlusFeatureSet.INSTANCE, Theta.of(new double[113]),
                Map.of(), new Provenance(0, "", 0, ""));
        assertThatThrownBy(() -> m.predict("add", ExerciseState.EMPTY, KnowledgeState.zero()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ka2014-plus");
    }

    @Test
    void nonFiniteOffset_isRefused() {
        assertThatThrownBy(() -> new KnowledgeModel("v", new FeatureSpace(3), Ka2014PlusFeatureSet.INSTANCE,
                Theta.of(new double[113]), Map.of(), Map.of("add", Map.of("t", Double.NaN)), new Provenance(0, "", 0, "")))
                .hasMessageContaining("not finite");
    }

    private int seq;

    private void answer(String exercise, boolean correct) {
        replay.apply(ProblemLog.practice("e" + (++seq), "s", exercise, "t" + seq, correct, seq));
    }
}
