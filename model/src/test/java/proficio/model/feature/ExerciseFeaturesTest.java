package proficio.model.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import proficio.model.state.ExerciseState;

/** DESIGN §3, the six exercise features; every expected value below is worked out by hand. */
class ExerciseFeaturesTest {

    /** One-step rounding per answer, so a short history is within a few ulps of the exact value. */
    private static final double TIGHT = 1e-15;
    /** Twenty damped steps of rounding (each at most ~2 ulps, damped by 1 - alpha): 1e-14 is a safe bound. */
    private static final double LONG = 1e-14;

    /** The state after the given answers, oldest first. */
    static ExerciseState answered(boolean... oldestFirst) {
        ExerciseState s = ExerciseState.EMPTY;
        for (int i = 0; i < oldestFirst.length; i++) {
            s = s.withAnswer(oldestFirst[i], 1_000L + i, "e" + i);
        }
        return s;
    }

    static boolean[] repeat(boolean value, int times) {
        boolean[] b = new boolean[times];
        java.util.Arrays.fill(b, value);
        return b;
    }

    static boolean[] concat(boolean[]... parts) {
        int n = 0;
        for (boolean[] p : parts) n += p.length;
        boolean[] out = new boolean[n];
        int i = 0;
        for (boolean[] p : parts) {
            System.arraycopy(p, 0, out, i, p.length);
            i += p.length;
        }
        return out;
    }

    @Test
    void of_emptyState_givesThePriors() {
        ExerciseFeatures f = ExerciseFeatures.of(ExerciseState.EMPTY);

        // n = 0: both ewma stay at the seed 0.9, streak 0, ln(n) -> 0 by rule, ln(0 - 0 + 1) = 0, percent 0.8.
        assertThat(f.ewmaFast()).isEqualTo(0.9);
        assertThat(f.ewmaSlow()).isEqualTo(0.9);
        assertThat(f.streak()).isEqualTo(0.0);
        assertThat(f.logDone()).isEqualTo(0.0);
        assertThat(f.logMissedPlusOne()).isEqualTo(0.0);
        assertThat(f.percentCorrect()).isEqualTo(0.8);
    }

    @Test
    void of_singleWrongAnswer_movesEwmaTowardZero() {
        ExerciseFeatures f = ExerciseFeatures.of(answered(false));

        // ewma(0.333) = 0.667 * 0.9 = 0.6003; ewma(0.1) = 0.9 * 0.9 = 0.81
        assertThat(f.ewmaFast()).isCloseTo(0.6003, within(TIGHT));
        assertThat(f.ewmaSlow()).isCloseTo(0.81, within(TIGHT));
        assertThat(f.streak()).isEqualTo(0.0);
        assertThat(f.logDone()).isEqualTo(0.0);                  // ln(1)
        assertThat(f.logMissedPlusOne()).isEqualTo(Math.log(2));  // ln(1 - 0 + 1)
        assertThat(f.percentCorrect()).isEqualTo(0.0);            // 0 / 1
    }

    @Test
    void of_rightWrongRightRight_matchesHandWorkedFeatures() {
        ExerciseFeatures f = ExerciseFeatures.of(answered(true, false, true, true));

        // ewma(0.333), oldest first from 0.9:
        //   R: 0.333*1 + 0.667*0.9          = 0.9333
        //   W: 0.333*0 + 0.667*0.9333       = 0.6225111
        //   R: 0.333*1 + 0.667*0.6225111    = 0.333 + 0.4152149037    = 0.7482149037
        //   R: 0.333*1 + 0.667*0.7482149037 = 0.333 + 0.4990593407679 = 0.8320593407679
        assertThat(f.ewmaFast()).isCloseTo(0.8320593407679, within(TIGHT));
        // ewma(0.1): R 0.1+0.9*0.9 = 0.91; W 0.9*0.91 = 0.819; R 0.1+0.7371 = 0.8371; R 0.1+0.75339 = 0.85339
        assertThat(f.ewmaSlow()).isCloseTo(0.85339, within(TIGHT));
        // trailing run of rights: R,R -> 2
        assertThat(f.streak()).isEqualTo(2.0);
        // n = 4, k = 3
        assertThat(f.logDone()).isEqualTo(Math.log(4));
        assertThat(f.logMissedPlusOne()).isEqualTo(Math.log(2)); // ln(4 - 3 + 1)
        assertThat(f.percentCorrect()).isEqualTo(0.75);           // 3 / 4
    }

    @Test
    void streak_countsOnlyTheTrailingRun() {
        // R,R,R,W,R: three rights before the wrong do not count.
        assertThat(ExerciseFeatures.of(answered(true, true, true, false, true)).streak()).isEqualTo(1.0);
        // ending on a wrong answer: streak 0 however many rights came before.
        assertThat(ExerciseFeatures.of(answered(true, true, true, true, false)).streak()).isEqualTo(0.0);
        assertThat(ExerciseFeatures.of(answered(false, true, true, true)).streak()).isEqualTo(3.0);
    }

    @Test
    void streak_isLimitedToTheKeptHistory() {
        // 25 rights in a row: only the last 20 are kept, so the streak is 20, not 25.
        ExerciseState s = answered(repeat(true, 25));
        assertThat(s.done()).isEqualTo(25);
        assertThat(ExerciseFeatures.of(s).streak()).isEqualTo(20.0);
    }

    @Test
    void of_historyLongerThan20_usesOnlyTheLast20ForAllSixFeatures() {
        // 21 answers: R (falls out of the window), then W, then 19 x R.
        // Kept window (oldest first): W, 19 x R -> n = 20, k = 19.
        ExerciseState s = answered(concat(new boolean[] {true, false}, repeat(true, 19)));
        ExerciseFeatures f = ExerciseFeatures.of(s);

        // The counters are not capped.
        assertThat(s.done()).isEqualTo(21);
        assertThat(s.correct()).isEqualTo(20);

        // ewma from 0.9: after W it is (1-a)*0.9; each R maps e -> 1 - (1-a)(1-e),
        // so after 19 R: 1 - (1-a)^19 * (1 - (1-a)*0.9).
        //   a = 0.333: 1 - 0.667^19 * (1 - 0.6003) = 1 - 0.3997 * 0.667^19
        //   a = 0.1  : 1 - 0.9^19   * (1 - 0.81)   = 1 - 0.19   * 0.9^19
        // (If the dropped first R were counted, the starting value would be 0.9333, not 0.9.)
        assertThat(f.ewmaFast()).isCloseTo(1 - 0.3997 * Math.pow(0.667, 19), within(LONG));
        assertThat(f.ewmaSlow()).isCloseTo(1 - 0.19 * Math.pow(0.9, 19), within(LONG));
        assertThat(f.streak()).isEqualTo(19.0);
        assertThat(f.logDone()).isEqualTo(Math.log(20));            // ln(n) with n = 20, not 21
        assertThat(f.logMissedPlusOne()).isEqualTo(Math.log(2));    // ln(20 - 19 + 1)
        assertThat(f.percentCorrect()).isEqualTo(0.95);             // 19 / 20, not 20 / 21
    }

    @Test
    void of_wrongAnswersOlderThan20_areForgotten() {
        // 5 wrong, then 20 right: the window holds only the 20 rights.
        ExerciseState s = answered(concat(repeat(false, 5), repeat(true, 20)));
        ExerciseFeatures f = ExerciseFeatures.of(s);

        assertThat(s.done()).isEqualTo(25);
        assertThat(s.correct()).isEqualTo(20);
        // 20 R from 0.9: 1 - (1-a)^20 * 0.1
        assertThat(f.ewmaFast()).isCloseTo(1 - 0.1 * Math.pow(0.667, 20), within(LONG));
        assertThat(f.ewmaSlow()).isCloseTo(1 - 0.1 * Math.pow(0.9, 20), within(LONG));
        assertThat(f.streak()).isEqualTo(20.0);
        assertThat(f.logDone()).isEqualTo(Math.log(20));
        assertThat(f.logMissedPlusOne()).isEqualTo(0.0);  // ln(20 - 20 + 1): the 5 misses are out of the window
        assertThat(f.percentCorrect()).isEqualTo(1.0);
    }

    @Test
    void of_exactly20Answers_keepsAllOfThem() {
        // W then 19 R: n = 20 = done, the W still counts.
        ExerciseState s = answered(concat(new boolean[] {false}, repeat(true, 19)));
        ExerciseFeatures f = ExerciseFeatures.of(s);

        assertThat(f.logDone()).isEqualTo(Math.log(20));
        assertThat(f.logMissedPlusOne()).isEqualTo(Math.log(2));
        assertThat(f.percentCorrect()).isEqualTo(0.95);
        assertThat(f.ewmaSlow()).isCloseTo(1 - 0.19 * Math.pow(0.9, 19), within(LONG));
        // one more R pushes the W out: all 20 kept answers right
        ExerciseFeatures g = ExerciseFeatures.of(s.withAnswer(true, 5_000, "x"));
        assertThat(g.logMissedPlusOne()).isEqualTo(0.0);
        assertThat(g.percentCorrect()).isEqualTo(1.0);
    }
}
