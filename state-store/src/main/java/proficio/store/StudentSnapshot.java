package proficio.store;

import java.util.Map;
import proficio.model.feature.StudentView;
import proficio.model.mastery.MasteryState;
import proficio.model.state.ExerciseState;
import proficio.model.state.KnowledgeState;
import proficio.model.state.StudentSequence;

/**
 * What the stores hold for one student at one moment.
 *
 * @param knowledge null when no answer of the student has been applied
 * @param sequence  null when none is stored: no answer applied, or none since the {@code sequence}
 *                  store was added (see docs/decisions.md); see {@link #sequence()}
 * @param exercises the exercise states read, by exercise name
 * @param mastery   the mastery states of the same exercises, by exercise name
 * @param whole     whether {@code exercises} holds every exercise of the student (a prefix scan),
 *                  which the totals over all exercises need
 */
public record StudentSnapshot(String studentId, KnowledgeState knowledge, StudentSequence sequence,
                              Map<String, ExerciseState> exercises, Map<String, MasteryState> mastery, boolean whole,
                              long totalDone, long totalCorrect)
        implements StudentView {

    /** Summed once here, not per feature vector: rank-all builds one vector per exercise. */
    public StudentSnapshot(String studentId, KnowledgeState knowledge, StudentSequence sequence,
                           Map<String, ExerciseState> exercises, Map<String, MasteryState> mastery, boolean whole) {
        this(studentId, knowledge, sequence, exercises, mastery, whole, sum(exercises, true), sum(exercises, false));
    }

    private static long sum(Map<String, ExerciseState> exercises, boolean done) {
        long n = 0;
        for (ExerciseState e : exercises.values()) {
            n += done ? e.done() : e.correct();
        }
        return n;
    }

    public boolean known() {
        return knowledge != null;
    }

    @Override
    public KnowledgeState knowledge() {
        return knowledge != null ? knowledge : KnowledgeState.zero();
    }

    /**
     * The student's answers across exercises; only a whole snapshot reads them
     * ({@link StudentStateReader#read} does not: {@link StudentSequence#EMPTY}). None stored (a student
     * whose answers all predate the store): their totals and an empty history, as the processor will
     * start them ({@link StudentSequence#startingAt}).
     */
    @Override
    public StudentSequence sequence() {
        if (sequence != null) {
            return sequence;
        }
        return whole && totalDone > 0 ? StudentSequence.startingAt(totalDone, totalCorrect) : StudentSequence.EMPTY;
    }

    @Override
    public ExerciseState exercise(String exercise) {
        return exercises.getOrDefault(exercise, ExerciseState.EMPTY);
    }

    /** The student's mastery state in {@code exercise}, {@link MasteryState#INITIAL} when never attempted. */
    public MasteryState masteryOf(String exercise) {
        return mastery.getOrDefault(exercise, MasteryState.INITIAL);
    }

    @Override
    public long totalDone() {
        requireWhole();
        return totalDone;
    }

    @Override
    public long totalCorrect() {
        requireWhole();
        return totalCorrect;
    }

    private void requireWhole() {
        if (!whole) {
            throw new IllegalStateException("totals need all of student " + studentId + "'s exercises; read them with readAll");
        }
    }
}
