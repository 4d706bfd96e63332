package proficio.model.state;

import java.util.HashMap;
import java.util.Map;
import proficio.model.event.ProblemLog;
import proficio.model.feature.FeatureSet;
import proficio.model.feature.StudentView;

/**
 * One student's state built in memory by folding their answers in order, through the same
 * {@link StateUpdate} the service uses. The trainer's replay and the consistency tests use it.
 */
public final class StudentReplay implements StudentView {

    private final StateUpdate update;
    private final Map<String, ExerciseState> exercises = new HashMap<>();
    private KnowledgeState knowledge = KnowledgeState.zero();
    private StudentSequence sequence = StudentSequence.EMPTY;
    private long totalDone;
    private long totalCorrect;

    public StudentReplay(StateUpdate update) {
        this.update = update;
    }

    /**
     * The vector {@code featureSet} makes for {@code next} from the state just before it: what the
     * service predicts that answer from, and so the trainer's row for it. Changes nothing; call
     * {@link #apply} after it.
     */
    public double[] vectorBefore(ProblemLog next, FeatureSet featureSet) {
        return featureSet.vector(this, next.exercise());
    }

    /** Whether {@code log} repeats an event id already applied to its exercise (applying it would change nothing). */
    public boolean isDuplicate(ProblemLog log) {
        return exercise(log.exercise()).hasSeen(log.eventId());
    }

    /** Applies one answer; returns whether it changed anything (false for a duplicate). */
    public boolean apply(ProblemLog log) {
        StateUpdate.Outcome outcome = update.apply(knowledge, exercise(log.exercise()), log);
        if (outcome.duplicate()) {
            return false;
        }
        sequence = update.next(sequence, log, outcome);
        knowledge = outcome.knowledge();
        exercises.put(log.exercise(), outcome.exercise());
        totalDone++;
        totalCorrect += log.correct() ? 1 : 0;
        return true;
    }

    @Override
    public long totalDone() {
        return totalDone;
    }

    @Override
    public long totalCorrect() {
        return totalCorrect;
    }

    @Override
    public StudentSequence sequence() {
        return sequence;
    }

    @Override
    public KnowledgeState knowledge() {
        return knowledge;
    }

    @Override
    public ExerciseState exercise(String exercise) {
        return exercises.getOrDefault(exercise, ExerciseState.EMPTY);
    }

    public Map<String, ExerciseState> exercises() {
        return Map.copyOf(exercises);
    }
}
