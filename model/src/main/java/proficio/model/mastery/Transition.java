package proficio.model.mastery;

import java.util.Objects;
import proficio.model.event.CardType;

/**
 * A change the mastery rules made: a move between levels, or (for {@link MasteryRule#REVIEW_RIGHT}) a
 * new review schedule at the same level. It says why, under which model, and what is due next.
 *
 * @param exercise         the exercise whose level moved
 * @param from             the level before the answer
 * @param to               the level after it (equal to {@code from} only for REVIEW_RIGHT)
 * @param rule             the rule that fired (a stable id)
 * @param reason           the same in words, with the numbers that decided it
 * @param modelVersion     the model whose prediction {@code p} was
 * @param p                the model's prediction just before the answer
 * @param threshold        the p threshold the rule compared {@code p} with: {@code straightToMasteredP} for a right
 *                         mastery card, {@code challengeCardP} for a right challenge card; NaN for rules that
 *                         compare no p (practice task, wrong cards, right review)
 * @param reviewIntervalMs the review interval after the answer (MASTERED), else 0
 * @param nextDueMs        the next card due for the exercise after the answer: the review for MASTERED, the mastery
 *                         card for PRACTICED and LEVEL_TWO (possibly at or before {@code eventTimeMs}: available at once)
 * @param eventTimeMs      the answer's event time
 * @param cardType         the card the answer was given on
 */
public record Transition(
        String exercise,
        MasteryLevel from,
        MasteryLevel to,
        MasteryRule rule,
        String reason,
        String modelVersion,
        double p,
        double threshold,
        long reviewIntervalMs,
        long nextDueMs,
        long eventTimeMs,
        CardType cardType) {

    public Transition {
        Objects.requireNonNull(exercise, "exercise");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(modelVersion, "modelVersion");
        Objects.requireNonNull(cardType, "cardType");
    }

    /** Whether the level went up. */
    public boolean promotion() {
        return to.ordinal() > from.ordinal();
    }

    /** Whether the level went down. */
    public boolean demotion() {
        return to.ordinal() < from.ordinal();
    }
}
