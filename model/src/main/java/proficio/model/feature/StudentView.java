package proficio.model.feature;

import proficio.model.state.ExerciseState;
import proficio.model.state.KnowledgeState;

/**
 * What a feature set may read of one student at one moment. The service's store snapshot and the
 * trainer's in-memory replay both offer it, so both build the same vector.
 */
public interface StudentView {

    KnowledgeState knowledge();

    /** The student's state in {@code exercise}, {@link ExerciseState#EMPTY} when never attempted. */
    ExerciseState exercise(String exercise);

    /** Problems answered across all exercises, ever. Needs a view of the whole student. */
    long totalDone();

    /** Of those, answered right first time. Needs a view of the whole student. */
    long totalCorrect();

    /** A student whose only attempted exercise is {@code name} (or none, when {@code state} is empty). */
    static StudentView ofOne(String name, ExerciseState state, KnowledgeState knowledge) {
        return new StudentView() {
            public KnowledgeState knowledge() {
                return knowledge;
            }

            public ExerciseState exercise(String exercise) {
                return exercise.equals(name) ? state : ExerciseState.EMPTY;
            }

            public long totalDone() {
                return state.done();
            }

            public long totalCorrect() {
                return state.correct();
            }
        };
    }
}
