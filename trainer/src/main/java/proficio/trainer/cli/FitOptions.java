package proficio.trainer.cli;

import picocli.CommandLine.Option;
import proficio.trainer.fit.FitSettings;

/** The fit's knobs. */
final class FitOptions {

    @Option(names = "--lambda-global", paramLabel = "L", defaultValue = "" + FitSettings.DEFAULT_LAMBDA_GLOBAL,
            description = "L2 weight of the global fit, on all weights but the intercept (default: ${DEFAULT-VALUE}).")
    double lambdaGlobal;

    @Option(names = "--lambda-exercise", paramLabel = "L", defaultValue = "" + FitSettings.DEFAULT_LAMBDA_EXERCISE,
            description = "L2 weight pulling each exercise's theta toward the global one (default: ${DEFAULT-VALUE}).")
    double lambdaExercise;

    @Option(names = "--min-rows", paramLabel = "N", defaultValue = "" + FitSettings.DEFAULT_MIN_ROWS,
            description = "Exercises with fewer training rows use the global theta (default: ${DEFAULT-VALUE}).")
    int minRows;

    @Option(names = "--threads", paramLabel = "N",
            description = "Fit threads (default: the number of processors).")
    Integer threads;

    FitSettings settings() {
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        try {
            return new FitSettings(lambdaGlobal, lambdaExercise, minRows, t, FitSettings.DEFAULT_TOLERANCE,
                    FitSettings.DEFAULT_MAX_ITERATIONS);
        } catch (IllegalArgumentException e) {
            throw new TrainerException(e.getMessage(), ExitCodes.BAD_INPUT);
        }
    }
}
