package proficio.model.feature;

import proficio.model.state.ExerciseState;

/**
 * The six exercise features of the 2014 Khan Academy model (DESIGN §3), computed from the last
 * n = min(done, 20) answers, of which k were right.
 *
 * @param ewmaFast        exponentially weighted moving average, alpha 0.333, oldest first, seeded at 0.9
 * @param ewmaSlow        the same with alpha 0.1
 * @param streak          correct answers in a row, counting back from the most recent (within the n kept)
 * @param logDone         ln(n), or 0 when n = 0
 * @param logMissedPlusOne ln(n - k + 1)
 * @param percentCorrect  k / n, or 0.8 when n = 0
 */
public record ExerciseFeatures(double ewmaFast, double ewmaSlow, double streak,
                               double logDone, double logMissedPlusOne, double percentCorrect) {

    public static final int COUNT = 6;
    public static final double EWMA_SEED = 0.9;
    public static final double ALPHA_FAST = 0.333;
    public static final double ALPHA_SLOW = 0.1;
    public static final double PERCENT_CORRECT_PRIOR = 0.8;

    public static ExerciseFeatures of(ExerciseState state) {
        int n = state.historyLength();
        int k = state.correctInHistory();
        return new ExerciseFeatures(
                ewma(state, n, ALPHA_FAST),
                ewma(state, n, ALPHA_SLOW),
                streak(state, n),
                n == 0 ? 0.0 : Math.log(n),
                Math.log(n - k + 1),
                n == 0 ? PERCENT_CORRECT_PRIOR : (double) k / n);
    }

    /** Oldest first: each answer pulls the average toward 1 (right) or 0 (wrong) by alpha. */
    private static double ewma(ExerciseState state, int n, double alpha) {
        double e = EWMA_SEED;
        for (int age = n - 1; age >= 0; age--) {
            double answer = state.correctAt(age) ? 1.0 : 0.0;
            e = alpha * answer + (1 - alpha) * e;
        }
        return e;
    }

    private static int streak(ExerciseState state, int n) {
        int s = 0;
        while (s < n && state.correctAt(s)) {
            s++;
        }
        return s;
    }

    /** The features in model order, written into {@code out} from {@code offset}. */
    void writeTo(double[] out, int offset) {
        out[offset] = ewmaFast;
        out[offset + 1] = ewmaSlow;
        out[offset + 2] = streak;
        out[offset + 3] = logDone;
        out[offset + 4] = logMissedPlusOne;
        out[offset + 5] = percentCorrect;
    }
}
