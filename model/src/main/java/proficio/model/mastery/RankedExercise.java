package proficio.model.mastery;

import java.util.Objects;

/**
 * An exercise with the model's prediction for it and the student's level in it, as the planner's
 * ranked lists (challenge cards, recommended practice tasks) return them.
 */
public record RankedExercise(String exercise, double p, MasteryLevel level) {

    public RankedExercise {
        Objects.requireNonNull(exercise, "exercise");
        Objects.requireNonNull(level, "level");
    }
}
