package proficio.model.mastery;

import java.util.Objects;
import proficio.model.event.CardType;
import proficio.model.event.ProblemLog;

/**
 * What the mastery rules read of one answer.
 *
 * @param exercise   the exercise answered
 * @param cardType   the card it was served on
 * @param correct    first answer right, no hint
 * @param timeDoneMs event time, epoch ms: every schedule is computed from it
 */
public record Answer(String exercise, CardType cardType, boolean correct, long timeDoneMs) {

    public Answer {
        Objects.requireNonNull(exercise, "exercise");
        Objects.requireNonNull(cardType, "cardType");
        if (timeDoneMs < 0) {
            throw new IllegalArgumentException("timeDoneMs must be >= 0, was " + timeDoneMs);
        }
    }

    public static Answer of(ProblemLog log) {
        return new Answer(log.exercise(), log.cardType(), log.correct(), log.timeDoneMs());
    }
}
