package proficio.store;

import java.util.Map;
import proficio.model.feature.StudentView;
import proficio.model.state.ExerciseState;
import proficio.model.state.KnowledgeState;

/**
 * What the stores hold for one student at one moment.
 *
 * @param knowledge null when no answer of the student has been applied
 * @param exercises the exercise states read, by exercise name
 * @param whole     whether {@code exercises} holds every exercise of the student (a prefix scan),
 *                  which the totals over all exercises need
 */
public record StudentSnapshot(String studentId, KnowledgeState knowledge, Map<String, ExerciseState> exercises,
                              boolean whole) implements StudentView {

    public boolean known() {
        return knowledge != null;
    }

    @Override
    public KnowledgeState knowledge() {
        return knowledge != null ? knowledge : KnowledgeState.zero();
    }

    @Override
    public ExerciseState exercise(String exercise) {
        return exercises.getOrDefault(exercise, ExerciseState.EMPTY);
    }

    @Override
    public long totalDone() {
        requireWhole();
        long n = 0;
        for (ExerciseState e : exercises.values()) {
            n += e.done();
        }
        return n;
    }

    @Override
    public long totalCorrect() {
        requireWhole();
        long n = 0;
        for (ExerciseState e : exercises.values()) {
            n += e.correct();
        }
        return n;
    }

    private void requireWhole() {
        if (!whole) {
            throw new IllegalStateException("totals need all of student " + studentId + "'s exercises; read them with readAll");
        }
    }
}
