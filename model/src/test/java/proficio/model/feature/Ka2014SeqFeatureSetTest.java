package proficio.model.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
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

class Ka2014SeqFeatureSetTest {

    private static final double EPS = 1e-12;
    private final StudentReplay replay = new StudentReplay(new StateUpdate(new FeatureSpace(3)));
    private final Ka2014SeqFeatureSet set = Ka2014SeqFeatureSet.INSTANCE;
    private int id;

    private void answer(String exercise, boolean correct) {
        replay.apply(ProblemLog.practice("e" + id++, "s", exercise, "t", correct, 1_000L * id));
    }

    /** EWMA seeded at 0.66 over {@code answers}, oldest first, written out by hand. */
    private static double ewma(double alpha, int... answers) {
        double e = 0.66;
        for (int a : answers) {
            e = alpha * a + (1 - alpha) * e;
        }
        return e;
    }

    @Test
    void vector_isKa2014PlusThenTheSequenceFeatures_inTheCurrentRun() {
        // add: right, wrong; sub: wrong, right, right. Asking about sub, whose run of 3 is current.
        answer("add", true);
        answer("add", false);
        answer("sub", false);
        answer("sub", true);
        answer("sub", true);

        double[] x = set.vector(replay, "sub");

        assertThat(x).hasSize(133);
        assertThat(Arrays.copyOf(x, 113)).containsExactly(Ka2014PlusFeatureSet.INSTANCE.vector(replay, "sub"));
        assertThat(x[113]).isCloseTo(ewma(0.3, 1, 0, 0, 1, 1), within(EPS));
        assertThat(x[114]).isCloseTo(ewma(0.1, 1, 0, 0, 1, 1), within(EPS));
        assertThat(x[115]).isCloseTo(ewma(0.03, 1, 0, 0, 1, 1), within(EPS));
        assertThat(Arrays.copyOfRange(x, 116, 119)).containsExactly(1.0, 1.0, -1.0); // last 3, newest first
        assertThat(x[119]).isEqualTo(1.0); // the latest answer was in sub
        assertThat(x[120]).isCloseTo(Math.log(4), within(EPS)); // ln(1 + run of 3)
        assertThat(x[121]).isCloseTo(Math.log(3), within(EPS)); // ln(1 + 2 exercises started)
        double totalAcc = (3 + 1.0) / (5 + 2.0);
        double exerciseAcc = (2 + 1.0) / (3 + 2.0);
        assertThat(x[122]).isCloseTo(totalAcc, within(EPS));
        assertThat(x[123]).isCloseTo(exerciseAcc, within(EPS));
        assertThat(x[124]).isCloseTo(Math.log(6) * exerciseAcc, within(EPS));
        assertThat(x[125]).isCloseTo(Math.log(4) * totalAcc, within(EPS));
        assertThat(x[126]).isCloseTo(Math.log(4) * (exerciseAcc - totalAcc), within(EPS));
        assertThat(Arrays.copyOfRange(x, 127, 131)).containsOnly(0.0); // not returning: the run is current
        assertThat(x[131]).isCloseTo(ewma(0.3, 1, 0), within(EPS)); // the answers before the run: add's
        assertThat(x[132]).isCloseTo((1 + 1.0) / (2 + 2.0), within(EPS));
    }

    @Test
    void returningToAnExercise_fillsTheReturningFeatures_andBeforeTheRunIsEverything() {
        answer("add", true);
        answer("add", false);
        answer("sub", false);

        double[] x = set.vector(replay, "add");

        assertThat(x[119]).isZero();
        assertThat(x[120]).isZero();
        assertThat(x[127]).isEqualTo(1.0);
        assertThat(x[128]).isCloseTo(Math.log(3), within(EPS));
        assertThat(x[129]).isCloseTo(ExerciseFeatures.of(replay.exercise("add")).ewmaFast(), within(0.0));
        assertThat(x[130]).isZero(); // add's streak: its latest answer was wrong
        assertThat(x[131]).isCloseTo(ewma(0.3, 1, 0, 0), within(EPS));
        assertThat(x[132]).isCloseTo((1 + 1.0) / (3 + 2.0), within(EPS));
    }

    @Test
    void newStudent_getsTheSeedsAndNoHistory() {
        double[] x = set.vector(replay, "add");
        assertThat(Arrays.copyOfRange(x, 113, 116)).containsOnly(0.66);
        assertThat(Arrays.copyOfRange(x, 116, 122)).containsOnly(0.0);
        assertThat(x[122]).isEqualTo(0.5);
        assertThat(x[123]).isEqualTo(0.5);
        assertThat(x[127]).isZero();
        assertThat(x[131]).isEqualTo(0.66);
        assertThat(x[132]).isEqualTo(0.5);
        assertThat(set.featureNames()).hasSize(133).doesNotHaveDuplicates().endsWith("acc_before_run");
        assertThat(FeatureSets.byName("ka2014-seq")).containsSame(set);
        assertThat(set.needsWholeStudent()).isTrue();
        assertThat(set.needsSequence()).isTrue();
    }

    @Test
    void aViewWithoutTheSequence_isRefused() {
        StudentView one = StudentView.ofOne("add", ExerciseState.EMPTY, KnowledgeState.zero());
        assertThatThrownBy(() -> set.vector(one, "add")).isInstanceOf(UnsupportedOperationException.class);
        KnowledgeModel m = new KnowledgeModel("v", new FeatureSpace(3), set, Theta.of(new double[133]), Map.of(),
                new Provenance(0, "", 0, ""));
        assertThat(m.predict("add", "", replay).probability()).isEqualTo(0.5);
    }
}
