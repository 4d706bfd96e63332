package proficio.model.mastery;

import java.util.List;
import java.util.Objects;

/**
 * The next mastery challenge of a student as of a time: at most {@link MasteryConfig#challengeSize()}
 * cards, each from a different exercise, in the order they are to be served. Empty when nothing is due.
 */
public record MasteryChallenge(String studentId, long asOfMs, List<Card> cards) {

    public MasteryChallenge {
        Objects.requireNonNull(studentId, "studentId");
        cards = List.copyOf(cards);
    }

    public boolean isEmpty() {
        return cards.isEmpty();
    }
}
