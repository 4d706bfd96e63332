package proficio.model.state;

import java.util.HashMap;
import java.util.Map;
import proficio.model.event.ProblemLog;

/**
 * One student's state built in memory by folding their answers in order, through the same
 * {@link StateUpdate} the service uses. The trainer's replay and the consistency tests use it.
 */
public final class StudentReplay {

    private final StateUpdate update;
    private final Map<String, ExerciseState> exercises = new HashMap<>();
    private KnowledgeState knowledge = KnowledgeState.zero();

    public StudentReplay(StateUpdate update) {
        this.update = update;
    }

    /** Applies one answer; returns whether it changed anything (false for a duplicate). */
    public boolean apply(ProblemLog log) {
        StateUpdate.Outcome outcome = update.apply(knowledge, exercise(log.exercise()), log);
        if (outcome.duplicate()) {
            return false;
        }
        knowledge = outcome.knowledge();
        exercises.put(log.exercise(), outcome.exercise());
        return true;
    }

    public KnowledgeState knowledge() {
        return knowledge;
    }

    public ExerciseState exercise(String exercise) {
        return exercises.getOrDefault(exercise, ExerciseState.EMPTY);
    }

    public Map<String, ExerciseState> exercises() {
        return Map.copyOf(exercises);
    }
}
