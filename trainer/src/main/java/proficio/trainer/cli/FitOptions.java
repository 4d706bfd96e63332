package proficio.trainer.cli;

import picocli.CommandLine.Option;
import proficio.model.feature.FeatureSet;
import proficio.model.feature.Ka2014PlusFeatureSet;
import proficio.model.feature.Ka2014SeqFeatureSet;
import proficio.trainer.fit.FitSettings;
import proficio.trainer.fit.ProblemTypeOffsetFit;

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

    @Option(names = "--problem-type-offsets", negatable = true, paramLabel = "BOOL",
            description = "Fit a difficulty offset per (exercise, problem type) after the thetas "
                    + "(default: on for feature sets ka2014-plus and ka2014-seq, off for ka2014, which stays the exact 2014 model).")
    Boolean problemTypeOffsets;

    @Option(names = "--lambda-offset", paramLabel = "L", defaultValue = "" + ProblemTypeOffsetFit.DEFAULT_LAMBDA,
            description = "L2 weight pulling each problem-type offset toward 0 (default: ${DEFAULT-VALUE}).")
    double lambdaOffset;

    /** The offset fit to run after the thetas, or null when offsets are off for this feature set. */
    ProblemTypeOffsetFit offsetFit(FeatureSet set) {
        boolean on = problemTypeOffsets != null ? problemTypeOffsets : set.name().equals(Ka2014PlusFeatureSet.NAME)
                || set.name().equals(Ka2014SeqFeatureSet.NAME);
        if (!on) {
            return null;
        }
        try {
            return new ProblemTypeOffsetFit(lambdaOffset);
        } catch (IllegalArgumentException e) {
            throw new TrainerException(e.getMessage(), ExitCodes.BAD_INPUT);
        }
    }

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
