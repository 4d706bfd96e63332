package proficio.model.mastery;

/**
 * Every constant of the mastery rules (DESIGN §4), with the defaults of {@link #DEFAULTS}. The
 * reasons for each default are in {@code docs/mastery.md}.
 *
 * @param practiceStreakForPracticed right answers in a row that finish a practice task (UNPRACTICED → PRACTICED)
 * @param masteryGateMs              a mastery card is available this long after the exercise's last promotion
 * @param straightToMasteredP        a right mastery card with p at or above this goes straight to MASTERED
 * @param challengeCardP             a never-attempted exercise with p at or above this is offered as a challenge card
 * @param firstReviewShortMs         first review interval when p is below {@code firstReviewMediumFromP}
 * @param firstReviewMediumMs        first review interval when p is in [{@code firstReviewMediumFromP},
 *                                   {@code firstReviewLongFromP})
 * @param firstReviewLongMs          first review interval when p is at or above {@code firstReviewLongFromP}
 * @param firstReviewMediumFromP     lower cut point of the medium first interval
 * @param firstReviewLongFromP       lower cut point of the long first interval
 * @param maxReviewIntervalMs        a right review doubles the interval up to this cap
 * @param challengeSize              most cards in one mastery challenge
 * @param maxAnalyticsCards          most analytics cards in one mastery challenge
 * @param analyticsSeed              seed of the analytics-card draw; with student and as-of time it decides the draw
 * @param strugglingWindow           the struggling flag looks at this many of the latest counted answers (1..30)
 * @param strugglingMinWrong         at least this many wrong among them, below MASTERED, sets the flag
 */
public record MasteryConfig(
        int practiceStreakForPracticed,
        long masteryGateMs,
        double straightToMasteredP,
        double challengeCardP,
        long firstReviewShortMs,
        long firstReviewMediumMs,
        long firstReviewLongMs,
        double firstReviewMediumFromP,
        double firstReviewLongFromP,
        long maxReviewIntervalMs,
        int challengeSize,
        int maxAnalyticsCards,
        long analyticsSeed,
        int strugglingWindow,
        int strugglingMinWrong) {

    public static final long HOUR_MS = 3_600_000L;
    public static final long DAY_MS = 24 * HOUR_MS;

    /** The most answers {@link MasteryState} keeps for the struggling flag. */
    public static final int MAX_STRUGGLING_WINDOW = MasteryState.MAX_RECENT;

    /** DESIGN §4's defaults; the thresholds and cut points DESIGN leaves open are chosen in docs/mastery.md. */
    public static final MasteryConfig DEFAULTS = new MasteryConfig(
            5,
            16 * HOUR_MS,
            0.94,
            0.90,
            4 * DAY_MS,
            8 * DAY_MS,
            32 * DAY_MS,
            0.94,
            0.97,
            256 * DAY_MS,
            6,
            1,
            20140101L,
            5,
            3);

    public MasteryConfig {
        atLeast("practiceStreakForPracticed", practiceStreakForPracticed, 1);
        atLeast("masteryGateMs", masteryGateMs, 0);
        probability("straightToMasteredP", straightToMasteredP);
        probability("challengeCardP", challengeCardP);
        atLeast("firstReviewShortMs", firstReviewShortMs, 1);
        if (firstReviewMediumMs < firstReviewShortMs) {
            throw new IllegalArgumentException("firstReviewMediumMs must be >= firstReviewShortMs (" + firstReviewShortMs
                    + "), was " + firstReviewMediumMs);
        }
        if (firstReviewLongMs < firstReviewMediumMs) {
            throw new IllegalArgumentException("firstReviewLongMs must be >= firstReviewMediumMs (" + firstReviewMediumMs
                    + "), was " + firstReviewLongMs);
        }
        probability("firstReviewMediumFromP", firstReviewMediumFromP);
        probability("firstReviewLongFromP", firstReviewLongFromP);
        if (firstReviewLongFromP < firstReviewMediumFromP) {
            throw new IllegalArgumentException("firstReviewLongFromP must be >= firstReviewMediumFromP ("
                    + firstReviewMediumFromP + "), was " + firstReviewLongFromP);
        }
        if (maxReviewIntervalMs < firstReviewLongMs) {
            throw new IllegalArgumentException("maxReviewIntervalMs must be >= firstReviewLongMs (" + firstReviewLongMs
                    + "), was " + maxReviewIntervalMs);
        }
        // Due times are event time + interval; keep the sum far from overflowing.
        if (maxReviewIntervalMs > 100L * 365 * DAY_MS) {
            throw new IllegalArgumentException("maxReviewIntervalMs must be at most 100 years, was " + maxReviewIntervalMs);
        }
        atLeast("challengeSize", challengeSize, 1);
        atLeast("maxAnalyticsCards", maxAnalyticsCards, 0);
        if (maxAnalyticsCards > challengeSize) {
            throw new IllegalArgumentException("maxAnalyticsCards must be <= challengeSize (" + challengeSize + "), was "
                    + maxAnalyticsCards);
        }
        if (strugglingWindow < 1 || strugglingWindow > MAX_STRUGGLING_WINDOW) {
            throw new IllegalArgumentException("strugglingWindow must be in [1, " + MAX_STRUGGLING_WINDOW + "], was "
                    + strugglingWindow);
        }
        if (strugglingMinWrong < 1 || strugglingMinWrong > strugglingWindow) {
            throw new IllegalArgumentException("strugglingMinWrong must be in [1, strugglingWindow (" + strugglingWindow
                    + ")], was " + strugglingMinWrong);
        }
    }

    /** The first review interval after reaching MASTERED, picked by the model's confidence {@code p}. */
    public long firstReviewIntervalMs(double p) {
        if (p >= firstReviewLongFromP) return firstReviewLongMs;
        if (p >= firstReviewMediumFromP) return firstReviewMediumMs;
        return firstReviewShortMs;
    }

    /** The review interval after a right review: doubled, capped at {@link #maxReviewIntervalMs()}. */
    public long nextReviewIntervalMs(long intervalMs) {
        if (intervalMs <= 0) return firstReviewShortMs; // no interval to double: start the cycle again
        return intervalMs > maxReviewIntervalMs / 2 ? maxReviewIntervalMs : Math.min(maxReviewIntervalMs, intervalMs * 2);
    }

    /** This configuration with another analytics seed. */
    public MasteryConfig withAnalyticsSeed(long seed) {
        return new MasteryConfig(practiceStreakForPracticed, masteryGateMs, straightToMasteredP, challengeCardP,
                firstReviewShortMs, firstReviewMediumMs, firstReviewLongMs, firstReviewMediumFromP, firstReviewLongFromP,
                maxReviewIntervalMs, challengeSize, maxAnalyticsCards, seed, strugglingWindow, strugglingMinWrong);
    }

    /** This configuration with another challenge-card threshold. */
    public MasteryConfig withChallengeCardP(double p) {
        return new MasteryConfig(practiceStreakForPracticed, masteryGateMs, straightToMasteredP, p,
                firstReviewShortMs, firstReviewMediumMs, firstReviewLongMs, firstReviewMediumFromP, firstReviewLongFromP,
                maxReviewIntervalMs, challengeSize, maxAnalyticsCards, analyticsSeed, strugglingWindow, strugglingMinWrong);
    }

    private static void atLeast(String field, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(field + " must be >= " + min + ", was " + value);
        }
    }

    private static void probability(String field, double value) {
        if (!(value >= 0.0 && value <= 1.0)) { // also refuses NaN
            throw new IllegalArgumentException(field + " must be a probability in [0, 1], was " + value);
        }
    }
}
