package proficio.store;

import java.util.Map;
import proficio.model.state.ExerciseState;
import proficio.model.state.KnowledgeState;

/**
 * What the stores hold for one student at one moment.
 *
 * @param knowledge null when no answer of the student has been applied
 * @param exercises the exercise states read, by exercise name
 */
public record StudentSnapshot(String studentId, KnowledgeState knowledge, Map<String, ExerciseState> exercises) {

    public boolean known() {
        return knowledge != null;
    }

    public KnowledgeState knowledgeOrZero() {
        return knowledge != null ? knowledge : KnowledgeState.zero();
    }

    public ExerciseState exerciseOrEmpty(String exercise) {
        return exercises.getOrDefault(exercise, ExerciseState.EMPTY);
    }
}
