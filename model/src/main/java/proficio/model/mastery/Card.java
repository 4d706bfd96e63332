package proficio.model.mastery;

import java.util.Objects;
import proficio.model.event.CardType;

/**
 * One card of a mastery challenge.
 *
 * @param exercise the exercise the card is from
 * @param type     REVIEW, MASTERY, CHALLENGE or ANALYTICS
 * @param p        the model's prediction for the exercise when the challenge was planned
 * @param dueMs    when the card became due: the review's due time, the time the mastery card became
 *                 available; 0 for challenge and analytics cards
 */
public record Card(String exercise, CardType type, double p, long dueMs) {

    public Card {
        Objects.requireNonNull(exercise, "exercise");
        Objects.requireNonNull(type, "type");
    }
}
