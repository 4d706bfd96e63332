package proficio.model.state;

import proficio.model.event.ProblemLog;
import proficio.model.feature.FeatureSpace;

/**
 * The fold of one answer into a student's state: the only code that changes ExerciseState and
 * KnowledgeState. The live service and the trainer's replay both call it.
 */
public final class StateUpdate {

    private final FeatureSpace featureSpace;

    public StateUpdate(FeatureSpace featureSpace) {
        this.featureSpace = featureSpace;
    }

    public FeatureSpace featureSpace() {
        return featureSpace;
    }

    /**
     * Applies {@code log} to the states it touches.
     *
     * @param knowledge the student's KnowledgeState before the answer
     * @param exercise  the student's state in {@code log.exercise()} before the answer
     */
    public Outcome apply(KnowledgeState knowledge, ExerciseState exercise, ProblemLog log) {
        if (exercise.hasSeen(log.eventId())) {
            return new Outcome(knowledge, exercise, false, true);
        }
        // Only the first problem a student ever does in an exercise moves the KnowledgeState.
        boolean first = exercise.isEmpty();
        KnowledgeState nextKnowledge = first
                ? knowledge.plus(featureSpace.component(log.exercise(), log.problemType(), log.correct()))
                : knowledge;
        ExerciseState nextExercise = exercise.withAnswer(log.correct(), log.timeDoneMs(), log.eventId());
        return new Outcome(nextKnowledge, nextExercise, first, false);
    }

    /**
     * The student's cross-exercise sequence after {@code outcome}, the result of {@link #apply} for
     * the same answer: unchanged for a duplicate, else one answer longer.
     */
    public StudentSequence next(StudentSequence sequence, ProblemLog log, Outcome outcome) {
        if (outcome.duplicate()) {
            return sequence;
        }
        return sequence.withAnswer(log.exercise(), log.correct(), outcome.knowledgeChanged());
    }

    /**
     * The states after one answer.
     *
     * @param knowledgeChanged true only on a first answer in an exercise: the only time the
     *                         KnowledgeState needs writing back
     * @param duplicate        the event id was applied before; nothing changed
     */
    public record Outcome(KnowledgeState knowledge, ExerciseState exercise, boolean knowledgeChanged, boolean duplicate) {
    }
}
