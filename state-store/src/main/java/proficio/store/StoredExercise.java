package proficio.store;

import java.util.Objects;
import proficio.model.mastery.MasteryState;
import proficio.model.state.ExerciseState;

/**
 * The value of the {@code exercise} store: what the fold keeps for one (student, exercise) and
 * what the mastery rules keep beside it, written together in one put per event.
 *
 * @param state   the history, counters and recent event ids ({@link proficio.model.state.StateUpdate})
 * @param mastery the mastery level and schedule ({@link proficio.model.mastery.MasteryRules})
 */
public record StoredExercise(ExerciseState state, MasteryState mastery) {

    /** A (student, exercise) with no answer applied. */
    public static final StoredExercise EMPTY = new StoredExercise(ExerciseState.EMPTY, MasteryState.INITIAL);

    public StoredExercise {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(mastery, "mastery");
    }
}
