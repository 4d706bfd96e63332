package proficio.model.feature;

import proficio.model.state.ExerciseState;
import proficio.model.state.KnowledgeState;
import proficio.model.state.StudentSequence;

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

    /**
     * The student's answers across exercises in event order. Only views that keep it offer it (the
     * trainer's replay and the service's store snapshots do; a one-exercise view does not): a feature
     * set that reads it says so with {@link FeatureSet#needsSequence()}.
     */
    default StudentSequence sequence() {
        throw new UnsupportedOperationException("this view keeps no cross-exercise sequence");
    }

    /**
     * One exercise of a student, with what the student keeps across exercises: the KnowledgeState and
     * the sequence, whose totals are the student's ({@link StudentSequence#answers()}, the sums of all
     * their exercise counters). Enough for every shipped feature set to predict {@code name}: they read
     * no other exercise's state, and asking for another is refused rather than answered as empty. The
     * service applies an answer through this view, so it reads one exercise and not all of them.
     */
    static StudentView ofExercise(String name, ExerciseState state, KnowledgeState knowledge, StudentSequence sequence) {
        return new StudentView() {
            public KnowledgeState knowledge() {
                return knowledge;
            }

            public ExerciseState exercise(String exercise) {
                if (!exercise.equals(name)) {
                    throw new UnsupportedOperationException("this view holds exercise '" + name + "' only, not '"
                            + exercise + "'");
                }
                return state;
            }

            public long totalDone() {
                return sequence.answers();
            }

            public long totalCorrect() {
                return sequence.correctAnswers();
            }

            public StudentSequence sequence() {
                return sequence;
            }
        };
    }

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
