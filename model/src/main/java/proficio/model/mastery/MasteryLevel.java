package proficio.model.mastery;

/** A student's level in one exercise (DESIGN §4), lowest first. */
public enum MasteryLevel {
    /** Not yet through a practice task: the start of every exercise. */
    UNPRACTICED,
    /** Finished a practice task (5 right in a row), or demoted here by a wrong mastery card. */
    PRACTICED,
    /** One right mastery card above PRACTICED, or demoted here by a wrong review. */
    LEVEL_TWO,
    /** Mastered: gets review cards on a doubling schedule. */
    MASTERED;

    /** The level one right mastery card above this one; MASTERED stays MASTERED. */
    public MasteryLevel up() {
        return this == MASTERED ? MASTERED : values()[ordinal() + 1];
    }

    /** The level one wrong mastery card below this one, never below PRACTICED. */
    public MasteryLevel downToPracticed() {
        return ordinal() <= PRACTICED.ordinal() ? this : values()[ordinal() - 1];
    }

    /** Whether a mastery card can be served for this level (once the 16 h gate has passed). */
    public boolean takesMasteryCards() {
        return this == PRACTICED || this == LEVEL_TWO;
    }

    /** Whether this level is at least {@code other}. */
    public boolean atLeast(MasteryLevel other) {
        return ordinal() >= other.ordinal();
    }
}
