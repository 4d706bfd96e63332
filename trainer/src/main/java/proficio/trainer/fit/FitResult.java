package proficio.trainer.fit;

import java.util.List;

/**
 * A fit: the global theta and each exercise's own (only exercises with enough rows have one).
 *
 * @param globalTheta      weights for exercises without their own
 * @param globalRows       rows the global theta was fitted on
 * @param globalIterations Newton iterations of the global fit
 * @param globalConverged  whether it met its tolerance
 * @param exercises        per-exercise fits, sorted by exercise
 * @param globalSeconds    wall time of the global fit
 * @param exerciseSeconds  wall time of all per-exercise fits
 */
public record FitResult(double[] globalTheta, long globalRows, int globalIterations, boolean globalConverged,
                        List<ExerciseFit> exercises, double globalSeconds, double exerciseSeconds) {

    public FitResult {
        exercises = exercises.stream().sorted((a, b) -> a.exercise().compareTo(b.exercise())).toList();
    }

    public long exerciseRows() {
        return exercises.stream().mapToLong(ExerciseFit::rows).sum();
    }

    public long unconverged() {
        return exercises.stream().filter(e -> !e.converged()).count() + (globalConverged ? 0 : 1);
    }
}
