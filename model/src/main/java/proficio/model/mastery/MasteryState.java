package proficio.model.mastery;

import java.util.Objects;

/**
 * Where one student stands in one exercise, for the mastery rules. Immutable; only
 * {@link MasteryRules#apply} makes the next one. All times are event times (epoch ms) from the log,
 * so a replay rebuilds exactly the same states.
 *
 * @param level            the mastery level
 * @param struggling       below MASTERED with at least {@link MasteryConfig#strugglingMinWrong()} wrong among the
 *                         latest {@link MasteryConfig#strugglingWindow()} counted answers (tutorial and analytics
 *                         answers are not counted); recomputed on every counted answer
 * @param practiceStreak   right answers in a row on answers that count as practice; a wrong one resets it, and so
 *                         does finishing the practice task
 * @param recent           the latest counted answers as bits, bit 0 the most recent, 1 = right; only the low
 *                         {@code recentCount} bits are meaningful
 * @param recentCount      how many bits of {@code recent} hold answers, at most {@link #MAX_RECENT}
 * @param attempts         every answer applied in this exercise, of any card type; 0 = never attempted
 * @param lastPromotionMs  event time of the last move up a level, 0 before any; the mastery-card gate counts from it
 * @param reviewIntervalMs the current review interval while MASTERED, else 0
 * @param nextReviewDueMs  when the next review card is due while MASTERED, else 0 (none)
 */
public record MasteryState(
        MasteryLevel level,
        boolean struggling,
        int practiceStreak,
        int recent,
        int recentCount,
        long attempts,
        long lastPromotionMs,
        long reviewIntervalMs,
        long nextReviewDueMs) {

    /** Answers kept for the struggling flag: a full window of 30 bits whatever the configured window. */
    public static final int MAX_RECENT = 30;
    private static final int RECENT_MASK = (1 << MAX_RECENT) - 1;

    /** A student's state in an exercise before any answer. */
    public static final MasteryState INITIAL = new MasteryState(MasteryLevel.UNPRACTICED, false, 0, 0, 0, 0, 0, 0, 0);

    public MasteryState {
        Objects.requireNonNull(level, "level");
        nonNegative("practiceStreak", practiceStreak);
        if (recentCount < 0 || recentCount > MAX_RECENT) {
            throw new IllegalArgumentException("recentCount must be in [0, " + MAX_RECENT + "], was " + recentCount);
        }
        recent &= recentCount == MAX_RECENT ? RECENT_MASK : (1 << recentCount) - 1;
        nonNegative("attempts", attempts);
        nonNegative("lastPromotionMs", lastPromotionMs);
        nonNegative("reviewIntervalMs", reviewIntervalMs);
        nonNegative("nextReviewDueMs", nextReviewDueMs);
        if ((reviewIntervalMs == 0) != (nextReviewDueMs == 0)) {
            throw new IllegalArgumentException("reviewIntervalMs and nextReviewDueMs must both be 0 or both set, were "
                    + reviewIntervalMs + " and " + nextReviewDueMs);
        }
        if (nextReviewDueMs != 0 && level != MasteryLevel.MASTERED) {
            throw new IllegalArgumentException("nextReviewDueMs is set (" + nextReviewDueMs + ") but level is " + level
                    + "; only MASTERED exercises have reviews");
        }
    }

    /** Never answered in this exercise, on any card: the only exercises challenge cards are offered for. */
    public boolean neverAttempted() {
        return attempts == 0;
    }

    /** Wrong answers among the latest {@code window} counted answers (fewer when fewer are kept). */
    public int wrongInLatest(int window) {
        int n = Math.min(window, recentCount);
        return n - Integer.bitCount(recent & ((1 << n) - 1)); // n <= MAX_RECENT = 30
    }

    /** When the mastery card of a PRACTICED or LEVEL_TWO exercise is (or was) available. */
    public long masteryCardAvailableAtMs(MasteryConfig config) {
        return lastPromotionMs + config.masteryGateMs();
    }

    /** Whether a mastery card may be served at {@code timeMs}: PRACTICED or LEVEL_TWO and past the gate. */
    public boolean masteryCardAvailable(long timeMs, MasteryConfig config) {
        return level.takesMasteryCards() && timeMs >= masteryCardAvailableAtMs(config);
    }

    /** Whether a review card is due at {@code timeMs}: MASTERED with a review due at or before it. */
    public boolean reviewDue(long timeMs) {
        return level == MasteryLevel.MASTERED && nextReviewDueMs != 0 && timeMs >= nextReviewDueMs;
    }

    /**
     * The next time a card of this exercise is due: the review for MASTERED, the mastery card for
     * PRACTICED and LEVEL_TWO (possibly already past), 0 for UNPRACTICED (a practice task is always open).
     */
    public long nextDueMs(MasteryConfig config) {
        return switch (level) {
            case UNPRACTICED -> 0;
            case PRACTICED, LEVEL_TWO -> masteryCardAvailableAtMs(config);
            case MASTERED -> nextReviewDueMs;
        };
    }

    private static void nonNegative(String field, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must be >= 0, was " + value);
        }
    }
}
