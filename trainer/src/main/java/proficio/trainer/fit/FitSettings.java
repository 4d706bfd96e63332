package proficio.trainer.fit;

/**
 * How thetas are fitted. The objective of each fit is a sum over its rows (not a mean), so a
 * penalty weighs like that many pseudo-rows: an exercise with few rows stays near the global theta,
 * one with thousands follows its own data.
 *
 * @param lambdaGlobal   L2 weight on every global weight but the intercept, toward 0
 * @param lambdaExercise L2 weight on every exercise weight, the intercept included, toward the global theta
 * @param minRows        exercises with fewer training rows get no theta of their own (they use the global one)
 * @param threads        worker threads: row blocks of the global fit, then exercises, run in parallel
 * @param tolerance      stop when the distance to the optimum is below tolerance × rows (nats): for the global
 *                       Newton fit its decrement, for an exercise's L-BFGS fit the strong-convexity bound
 *                       ||g||²/(2λ) or the quasi-Newton decrement
 * @param maxIterations  steps at most, per fit: Newton iterations (global), L-BFGS steps (per exercise)
 */
public record FitSettings(double lambdaGlobal, double lambdaExercise, int minRows, int threads, double tolerance,
                          int maxIterations) {

    public static final double DEFAULT_LAMBDA_GLOBAL = 1.0;
    public static final double DEFAULT_LAMBDA_EXERCISE = 100.0;
    public static final int DEFAULT_MIN_ROWS = 20;
    public static final double DEFAULT_TOLERANCE = 1e-10;
    public static final int DEFAULT_MAX_ITERATIONS = 50;

    public FitSettings {
        if (!(lambdaGlobal > 0) || !Double.isFinite(lambdaGlobal)) {
            throw new IllegalArgumentException("lambda-global must be a positive number, was " + lambdaGlobal);
        }
        if (!(lambdaExercise > 0) || !Double.isFinite(lambdaExercise)) {
            throw new IllegalArgumentException("lambda-exercise must be a positive number, was " + lambdaExercise);
        }
        if (minRows < 1) {
            throw new IllegalArgumentException("min-rows must be at least 1, was " + minRows);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        if (!(tolerance > 0)) {
            throw new IllegalArgumentException("tolerance must be positive, was " + tolerance);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("max iterations must be at least 1, was " + maxIterations);
        }
    }

    public static FitSettings defaults(int threads) {
        return new FitSettings(DEFAULT_LAMBDA_GLOBAL, DEFAULT_LAMBDA_EXERCISE, DEFAULT_MIN_ROWS, threads,
                DEFAULT_TOLERANCE, DEFAULT_MAX_ITERATIONS);
    }

    public FitSettings withThreads(int t) {
        return new FitSettings(lambdaGlobal, lambdaExercise, minRows, t, tolerance, maxIterations);
    }

    /** For the model's provenance and the report. */
    public String describe() {
        return "L2 logistic regression; global theta by Newton/IRLS with Cholesky (Commons Math), lambda_g="
                + lambdaGlobal + " on all weights but the intercept; per exercise shrunk toward it with lambda_e="
                + lambdaExercise + " on all weights, by L-BFGS started from the exact Hessian at the global theta; exercises with fewer than " + minRows
                + " rows use the global theta; objective = summed log-loss + penalty; tolerance " + tolerance
                + " nats per row";
    }
}
