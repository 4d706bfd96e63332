package proficio.model.mastery;

/**
 * The rule that fired for a {@link Transition}. The names are stable ids: they go on the
 * {@code mastery-transitions} topic and into stored history, so never rename one.
 */
public enum MasteryRule {
    /** {@code practiceStreakForPracticed} right in a row on practice answers: UNPRACTICED → PRACTICED. */
    PRACTICE_TASK_COMPLETED,
    /** A right mastery card past the gate: up one level (PRACTICED → LEVEL_TWO, LEVEL_TWO → MASTERED). */
    MASTERY_CARD_RIGHT,
    /** A right mastery card on a PRACTICED exercise with p ≥ {@code straightToMasteredP}: straight to MASTERED. */
    MASTERY_CARD_RIGHT_VERY_HIGH_P,
    /** A wrong mastery card past the gate on LEVEL_TWO: down to PRACTICED (never lower). */
    MASTERY_CARD_WRONG,
    /** A right challenge card on an UNPRACTICED exercise: straight to MASTERED. */
    CHALLENGE_CARD_RIGHT,
    /** A right review card when due: stays MASTERED, the interval doubles (capped). */
    REVIEW_RIGHT,
    /** A wrong review card when due: MASTERED → LEVEL_TWO, reviews stop until the next right mastery card. */
    REVIEW_WRONG
}
