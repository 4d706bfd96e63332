package proficio.model.mastery;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import proficio.model.event.CardType;

/**
 * The mastery rules of DESIGN §4 as a pure function: from a student's state in one exercise, one
 * answer and the model's prediction just before it, the next state and the transitions it caused.
 * No clock, no randomness: every time is the answer's event time, so a replay of the log gives the
 * same levels and due times as the live run. The rules as implemented are listed in docs/mastery.md.
 *
 * <p>Duplicates are not this class's business: the caller applies an answer once (the exercise
 * state's recent event ids decide that) and calls this only for answers it applies.
 */
public final class MasteryRules {

    private final MasteryConfig config;

    public MasteryRules(MasteryConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public MasteryConfig config() {
        return config;
    }

    /**
     * Applies one answer.
     *
     * @param state        the student's mastery state in {@code answer.exercise()} before the answer
     * @param answer       the answer, with its card type and event time
     * @param pBefore      the model's prediction for the exercise just before the answer, in [0, 1]
     * @param modelVersion the version of the model that gave {@code pBefore}, recorded on every transition
     */
    public Outcome apply(MasteryState state, Answer answer, double pBefore, String modelVersion) {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(modelVersion, "modelVersion");
        if (!(pBefore >= 0.0 && pBefore <= 1.0)) {
            throw new IllegalArgumentException("pBefore must be a probability in [0, 1], was " + pBefore);
        }
        long t = answer.timeDoneMs();
        boolean right = answer.correct();
        long attempts = state.attempts() == Long.MAX_VALUE ? Long.MAX_VALUE : state.attempts() + 1;
        CountedAs role = countedAs(state, answer);
        if (role == CountedAs.FEATURES_ONLY) {
            MasteryState next = new MasteryState(state.level(), state.struggling(), state.practiceStreak(),
                    state.recent(), state.recentCount(), attempts, state.lastPromotionMs(), state.reviewIntervalMs(),
                    state.nextReviewDueMs());
            return new Outcome(next, List.of(), role);
        }

        MasteryLevel from = state.level();
        MasteryLevel to = from;
        MasteryRule rule = null;
        String reason = null;
        double threshold = Double.NaN;
        int streak = right ? saturatingIncrement(state.practiceStreak()) : 0;
        long lastPromotion = state.lastPromotionMs();
        long interval = state.reviewIntervalMs();
        long due = state.nextReviewDueMs();

        switch (role) {
            case PRACTICE -> {
                if (from == MasteryLevel.UNPRACTICED && streak >= config.practiceStreakForPracticed()) {
                    to = MasteryLevel.PRACTICED;
                    rule = MasteryRule.PRACTICE_TASK_COMPLETED;
                    reason = streak + " right in a row" + viaCard(answer.cardType()) + ": practice task completed";
                }
            }
            case MASTERY_CARD -> {
                threshold = right ? config.straightToMasteredP() : Double.NaN;
                if (right && from == MasteryLevel.PRACTICED && pBefore >= config.straightToMasteredP()) {
                    to = MasteryLevel.MASTERED;
                    rule = MasteryRule.MASTERY_CARD_RIGHT_VERY_HIGH_P;
                    reason = "right mastery card with p " + fmt(pBefore) + " >= " + fmt(threshold)
                            + ": straight to MASTERED";
                } else if (right) {
                    to = from.up();
                    rule = MasteryRule.MASTERY_CARD_RIGHT;
                    reason = "right mastery card: up one level";
                } else if (from.downToPracticed() != from) {
                    to = from.downToPracticed();
                    rule = MasteryRule.MASTERY_CARD_WRONG;
                    reason = "wrong mastery card: down one level";
                }
                // A wrong mastery card on PRACTICED changes no level: PRACTICED is the floor.
            }
            case CHALLENGE_CARD -> {
                if (right) {
                    to = MasteryLevel.MASTERED;
                    rule = MasteryRule.CHALLENGE_CARD_RIGHT;
                    threshold = config.challengeCardP();
                    reason = "right challenge card on an UNPRACTICED exercise (offered at p >= " + fmt(threshold)
                            + ", p now " + fmt(pBefore) + "): straight to MASTERED";
                }
            }
            case REVIEW_CARD -> {
                if (right) {
                    long doubled = config.nextReviewIntervalMs(interval);
                    rule = MasteryRule.REVIEW_RIGHT;
                    reason = "right review: interval " + days(interval) + " -> " + days(doubled)
                            + (doubled == config.maxReviewIntervalMs() ? " (the cap)" : "");
                    interval = doubled;
                    due = t + interval;
                } else {
                    to = MasteryLevel.LEVEL_TWO;
                    rule = MasteryRule.REVIEW_WRONG;
                    reason = "wrong review: back to LEVEL_TWO; reviews restart after the next right mastery card";
                    interval = 0;
                    due = 0;
                }
            }
            case FEATURES_ONLY -> throw new AssertionError("handled above");
        }

        if (to != from) {
            streak = 0; // a new level starts a new run
        }
        if (to.ordinal() > from.ordinal()) {
            lastPromotion = t;
        }
        if (to == MasteryLevel.MASTERED && from != MasteryLevel.MASTERED) {
            interval = config.firstReviewIntervalMs(pBefore);
            due = t + interval;
            reason = reason + "; first review in " + days(interval) + " (p " + fmt(pBefore) + ")";
        }
        int recent = (state.recent() << 1) | (right ? 1 : 0);
        int recentCount = Math.min(state.recentCount() + 1, MasteryState.MAX_RECENT);
        MasteryState next = new MasteryState(to, false, streak, recent, recentCount, attempts, lastPromotion,
                interval, due);
        boolean struggling = to != MasteryLevel.MASTERED
                && next.wrongInLatest(config.strugglingWindow()) >= config.strugglingMinWrong();
        if (struggling) {
            next = new MasteryState(to, true, streak, recent, recentCount, attempts, lastPromotion, interval, due);
        }
        if (rule == null) {
            return new Outcome(next, List.of(), role);
        }
        Transition transition = new Transition(answer.exercise(), from, to, rule, reason, modelVersion, pBefore,
                threshold, next.reviewIntervalMs(), next.nextDueMs(config), t, answer.cardType());
        return new Outcome(next, List.of(transition), role);
    }

    /** What {@code answer} counts as in {@code state}: a card that is not available counts as practice. */
    public CountedAs countedAs(MasteryState state, Answer answer) {
        long t = answer.timeDoneMs();
        return switch (answer.cardType()) {
            case TUTORIAL, ANALYTICS -> CountedAs.FEATURES_ONLY;
            case PRACTICE -> CountedAs.PRACTICE;
            case MASTERY -> state.masteryCardAvailable(t, config) ? CountedAs.MASTERY_CARD : CountedAs.PRACTICE;
            case CHALLENGE -> state.level() == MasteryLevel.UNPRACTICED ? CountedAs.CHALLENGE_CARD : CountedAs.PRACTICE;
            case REVIEW -> state.reviewDue(t) ? CountedAs.REVIEW_CARD : CountedAs.PRACTICE;
        };
    }

    private static String viaCard(CardType type) {
        return type == CardType.PRACTICE ? "" : " (the last on a " + type + " card, counted as practice)";
    }

    private static int saturatingIncrement(int n) {
        return n == Integer.MAX_VALUE ? n : n + 1;
    }

    private static String fmt(double p) {
        return String.format(Locale.ROOT, "%.4f", p);
    }

    private static String days(long ms) {
        if (ms % MasteryConfig.DAY_MS == 0) return (ms / MasteryConfig.DAY_MS) + " d";
        return String.format(Locale.ROOT, "%.3f d", ms / (double) MasteryConfig.DAY_MS);
    }

    /**
     * The result of one answer.
     *
     * @param state       the state after the answer
     * @param transitions what changed, in order: empty, or one transition
     * @param countedAs   what the answer counted as
     */
    public record Outcome(MasteryState state, List<Transition> transitions, CountedAs countedAs) {

        public Outcome {
            Objects.requireNonNull(state, "state");
            transitions = List.copyOf(transitions);
            Objects.requireNonNull(countedAs, "countedAs");
        }
    }
}
