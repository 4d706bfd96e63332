package proficio.model.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import proficio.model.feature.FeatureSpace;
import proficio.model.feature.Ka2014FeatureSet;
import proficio.model.state.ExerciseState;
import proficio.model.state.KnowledgeState;

/**
 * The properties Khan Academy's accuracy_model tests checked, with the 2012 global weights of that
 * model (the 100 KnowledgeState weights 0). All models, no exercise thetas: every prediction is GLOBAL.
 */
class KhanAccuracyModelPropertiesTest {

    private static final double INTERCEPT = -1.2229719;
    private static final double EWMA_FAST = 0.8393673;
    private static final double EWMA_SLOW = 2.1262489;
    private static final double STREAK = 0.0153545;
    private static final double LOG_DONE = 0.4135883;
    private static final double LOG_MISSED = -0.5677724;
    private static final double PERCENT_CORRECT = 0.6284309;

    private static final KnowledgeModel KA2012 = new KnowledgeModel("ka2012-global", new FeatureSpace(1L),
            Ka2014FeatureSet.INSTANCE, ka2012Theta(), Map.of(), new Provenance(0, "Khan Academy 2012", 0, null));

    private static Theta ka2012Theta() {
        double[] w = new double[107];
        w[0] = INTERCEPT;
        w[1] = EWMA_FAST;
        w[2] = EWMA_SLOW;
        w[3] = STREAK;
        w[4] = LOG_DONE;
        w[5] = LOG_MISSED;
        w[6] = PERCENT_CORRECT;
        return Theta.of(w);
    }

    private static double p(ExerciseState s, KnowledgeState k) {
        Prediction prediction = KA2012.predict("some_exercise", s, k);
        assertThat(prediction.thetaSource()).isEqualTo(ThetaSource.GLOBAL);
        return prediction.probability();
    }

    private static ExerciseState randomHistory(Random r, int length) {
        ExerciseState s = ExerciseState.EMPTY;
        double skill = r.nextDouble();
        for (int i = 0; i < length; i++) {
            s = s.withAnswer(r.nextDouble() < skill, i + 1, "e" + i);
        }
        return s;
    }

    private static KnowledgeState randomKnowledge(Random r) {
        float[] k = new float[100];
        for (int i = 0; i < k.length; i++) {
            k[i] = (float) (r.nextGaussian() * 3);
        }
        return KnowledgeState.of(k);
    }

    @Test
    void emptyState_matchesTheHandWorkedProbability() {
        // x = [1, 0.9, 0.9, 0, 0, 0, 0.8, 0 x 100]
        // z = -1.2229719 + 0.8393673*0.9 + 2.1262489*0.9 + 0.0153545*0 + 0.4135883*0 - 0.5677724*0 + 0.6284309*0.8
        //   = -1.2229719 + 0.75543057   + 1.91362401   + 0.50274472
        //   = 1.9488274
        // p = 1 / (1 + e^-1.9488274) = 1 / (1 + 0.1424421...) = 0.8753187...
        double z = 1.9488274;
        double p = p(ExerciseState.EMPTY, KnowledgeState.zero());
        assertThat(p).isCloseTo(1.0 / (1.0 + Math.exp(-z)), within(1e-15));
        assertThat(p).isCloseTo(0.8753187, within(1e-7));
    }

    @Test
    void probability_staysWithinZeroAndOne() {
        Random r = new Random(2012);
        for (int i = 0; i < 2_000; i++) {
            double p = p(randomHistory(r, r.nextInt(60)), randomKnowledge(r));
            assertThat(p).isBetween(0.0, 1.0);
        }
    }

    @Test
    void knowledgeState_doesNotMatter_whenItsWeightsAreZero() {
        Random r = new Random(7);
        for (int i = 0; i < 200; i++) {
            ExerciseState s = randomHistory(r, r.nextInt(30));
            assertThat(p(s, randomKnowledge(r))).isEqualTo(p(s, KnowledgeState.zero()));
        }
    }

    @Test
    void oneMoreRightAnswer_neverLowersTheProbability() {
        Random r = new Random(42);
        for (int i = 0; i < 5_000; i++) {
            ExerciseState s = randomHistory(r, r.nextInt(50));
            KnowledgeState k = randomKnowledge(r);
            double before = p(s, k);
            double after = p(s.withAnswer(true, 10_000, "next"), k);
            assertThat(after).as("history %s done %d", Integer.toBinaryString(s.history()), s.done())
                    .isGreaterThanOrEqualTo(before);
        }
    }

    @Test
    void oneMoreRightAnswer_raisesTheProbability_belowTwentyAnswers() {
        // While n < 20, ln(n) grows and the ewmas rise, so the increase is strict.
        Random r = new Random(43);
        for (int i = 0; i < 2_000; i++) {
            ExerciseState s = randomHistory(r, r.nextInt(19));
            assertThat(p(s.withAnswer(true, 10_000, "next"), KnowledgeState.zero()))
                    .isGreaterThan(p(s, KnowledgeState.zero()));
        }
    }

    @Test
    void recentAnswersWeighMore_wrongThenRightBeatsRightThenWrong() {
        Random r = new Random(99);
        for (int i = 0; i < 2_000; i++) {
            ExerciseState prefix = randomHistory(r, r.nextInt(40));
            long t = 1_000_000;
            ExerciseState wrongRight = prefix.withAnswer(false, t, "x").withAnswer(true, t + 1, "y");
            ExerciseState rightWrong = prefix.withAnswer(true, t, "x").withAnswer(false, t + 1, "y");
            // same counts, only the order of the last two differs
            assertThat(wrongRight.done()).isEqualTo(rightWrong.done());
            assertThat(wrongRight.correctInHistory()).isEqualTo(rightWrong.correctInHistory());

            assertThat(p(wrongRight, KnowledgeState.zero())).isGreaterThan(p(rightWrong, KnowledgeState.zero()));
        }
    }

    @Test
    void recentAnswersWeighMore_handPickedHistories() {
        // R,R,R,W,W,W vs W,W,W,R,R,R: same counts (n = 6, k = 3), the recent rights score higher
        ExerciseState oldRights = ExerciseState.EMPTY;
        ExerciseState newRights = ExerciseState.EMPTY;
        for (int i = 0; i < 6; i++) {
            oldRights = oldRights.withAnswer(i < 3, i, "a" + i);
            newRights = newRights.withAnswer(i >= 3, i, "a" + i);
        }
        assertThat(p(newRights, KnowledgeState.zero())).isGreaterThan(p(oldRights, KnowledgeState.zero()));
    }
}
