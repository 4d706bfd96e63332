package proficio.model.event;

/** The kind of card a problem was served on, as the learning dashboard shows it. */
public enum CardType {
    PRACTICE,
    MASTERY,
    REVIEW,
    CHALLENGE,
    ANALYTICS,
    /** Tutorial-mode answers update the features but never move a mastery level. */
    TUTORIAL
}
