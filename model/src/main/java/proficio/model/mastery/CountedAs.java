package proficio.model.mastery;

/**
 * What an answer counted as for the mastery rules. A card answered when it is not available (a
 * mastery card before the 16 h gate, a review before it is due, a challenge card on an exercise
 * already past UNPRACTICED) counts as a practice answer.
 */
public enum CountedAs {
    /** A practice answer: it feeds the practice streak and the struggling flag; it can finish a practice task. */
    PRACTICE,
    /** A mastery card on a PRACTICED or LEVEL_TWO exercise past the gate. */
    MASTERY_CARD,
    /** A challenge card on an UNPRACTICED exercise. */
    CHALLENGE_CARD,
    /** A review card on a MASTERED exercise whose review is due. */
    REVIEW_CARD,
    /** Tutorial and analytics answers: they update the features (elsewhere) and the attempt count, nothing else. */
    FEATURES_ONLY
}
