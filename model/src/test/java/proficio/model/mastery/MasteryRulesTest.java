package proficio.model.mastery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static proficio.model.event.CardType.ANALYTICS;
import static proficio.model.event.CardType.CHALLENGE;
import static proficio.model.event.CardType.MASTERY;
import static proficio.model.event.CardType.PRACTICE;
import static proficio.model.event.CardType.REVIEW;
import static proficio.model.event.CardType.TUTORIAL;
import static proficio.model.mastery.MasteryLevel.LEVEL_TWO;
import static proficio.model.mastery.MasteryLevel.MASTERED;
import static proficio.model.mastery.MasteryLevel.PRACTICED;
import static proficio.model.mastery.MasteryLevel.UNPRACTICED;
import static proficio.model.mastery.MasteryRule.CHALLENGE_CARD_RIGHT;
import static proficio.model.mastery.MasteryRule.MASTERY_CARD_RIGHT;
import static proficio.model.mastery.MasteryRule.MASTERY_CARD_RIGHT_VERY_HIGH_P;
import static proficio.model.mastery.MasteryRule.MASTERY_CARD_WRONG;
import static proficio.model.mastery.MasteryRule.PRACTICE_TASK_COMPLETED;
import static proficio.model.mastery.MasteryRule.REVIEW_RIGHT;
import static proficio.model.mastery.MasteryRule.REVIEW_WRONG;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import proficio.model.event.CardType;

/**
 * DESIGN §4 and issue #4's table: one or more rows per rule. Each row starts from a state, applies
 * answers (card, right or wrong, event time, p before) and names the level it ends on and every
 * transition, field by field (from, to, rule, model version, p, threshold, interval, next due time).
 */
class MasteryRulesTest {

    static final long T0 = 1_700_000_000_000L;
    static final long H = MasteryConfig.HOUR_MS;
    static final long D = MasteryConfig.DAY_MS;
    static final String MODEL = "m-1";
    static final String EX = "fractions_1";
    static final double NONE = Double.NaN;

    private static final MasteryRules RULES = new MasteryRules(MasteryConfig.DEFAULTS);

    record Step(CardType card, boolean right, long time, double p) {
    }

    static Step step(CardType card, boolean right, long time, double p) {
        return new Step(card, right, time, p);
    }

    static List<Step> practiceRun(int rights, long from) {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < rights; i++) steps.add(step(PRACTICE, true, from + i * 60_000L, 0.9));
        return steps;
    }

    @SafeVarargs
    static List<Step> concat(List<Step>... parts) {
        List<Step> all = new ArrayList<>();
        for (List<Step> p : parts) all.addAll(p);
        return all;
    }

    static MasteryState practiced(long promotedAt) {
        return new MasteryState(PRACTICED, false, 0, 0b11111, 5, 5, promotedAt, 0, 0);
    }

    static MasteryState levelTwo(long promotedAt) {
        return new MasteryState(LEVEL_TWO, false, 0, 0b111111, 6, 6, promotedAt, 0, 0);
    }

    static MasteryState mastered(long promotedAt, long interval) {
        return new MasteryState(MASTERED, false, 0, 0b1111111, 7, 7, promotedAt, interval, promotedAt + interval);
    }

    static Transition tr(MasteryLevel from, MasteryLevel to, MasteryRule rule, double p, double threshold,
                         long interval, long nextDue, long time, CardType card) {
        return new Transition(EX, from, to, rule, "(ignored)", MODEL, p, threshold, interval, nextDue, time, card);
    }

    record Result(MasteryState state, List<Transition> transitions, List<CountedAs> countedAs) {
    }

    static Result run(MasteryRules rules, MasteryState start, List<Step> steps) {
        MasteryState s = start;
        List<Transition> transitions = new ArrayList<>();
        List<CountedAs> counted = new ArrayList<>();
        for (Step st : steps) {
            MasteryRules.Outcome o = rules.apply(s, new Answer(EX, st.card(), st.right(), st.time()), st.p(), MODEL);
            s = o.state();
            transitions.addAll(o.transitions());
            counted.add(o.countedAs());
        }
        return new Result(s, transitions, counted);
    }

    static void assertTransitions(List<Transition> actual, List<Transition> expected) {
        // record equality compares every field exactly (NaN thresholds included); the reason is words, checked apart
        assertThat(actual.stream().map(MasteryRulesTest::withoutReason).toList())
                .containsExactlyElementsOf(expected.stream().map(MasteryRulesTest::withoutReason).toList());
        assertThat(actual).allSatisfy(t -> assertThat(t.reason()).isNotBlank());
    }

    static Transition withoutReason(Transition t) {
        return new Transition(t.exercise(), t.from(), t.to(), t.rule(), "", t.modelVersion(), t.p(), t.threshold(),
                t.reviewIntervalMs(), t.nextDueMs(), t.eventTimeMs(), t.cardType());
    }

    static Arguments row(String behaviour, MasteryState start, List<Step> steps, MasteryLevel level,
                         Transition... transitions) {
        return Arguments.of(behaviour, start, steps, level, List.of(transitions));
    }

    static Stream<Arguments> levelRules() {
        long gate = T0 + 16 * H;
        long t5 = T0 + 4 * 60_000L;
        return Stream.of(
                // --- practice task
                row("five right in a row → PRACTICED", MasteryState.INITIAL, practiceRun(5, T0), PRACTICED,
                        tr(UNPRACTICED, PRACTICED, PRACTICE_TASK_COMPLETED, 0.9, NONE, 0, t5 + 16 * H, t5, PRACTICE)),
                row("four right in a row stay UNPRACTICED", MasteryState.INITIAL, practiceRun(4, T0), UNPRACTICED),
                row("a wrong answer restarts the run: PRACTICED only at five right in a row after it",
                        MasteryState.INITIAL,
                        concat(practiceRun(4, T0), List.of(step(PRACTICE, false, T0 + H, 0.7)), practiceRun(5, T0 + 2 * H)),
                        PRACTICED,
                        tr(UNPRACTICED, PRACTICED, PRACTICE_TASK_COMPLETED, 0.9, NONE, 0,
                                T0 + 2 * H + 4 * 60_000L + 16 * H, T0 + 2 * H + 4 * 60_000L, PRACTICE)),
                row("tutorial answers neither count toward the run nor break it", MasteryState.INITIAL,
                        concat(practiceRun(4, T0), List.of(step(TUTORIAL, false, T0 + H, 0.8),
                                step(TUTORIAL, true, T0 + 2 * H, 0.8), step(PRACTICE, true, T0 + 3 * H, 0.95))),
                        PRACTICED,
                        tr(UNPRACTICED, PRACTICED, PRACTICE_TASK_COMPLETED, 0.95, NONE, 0, T0 + 3 * H + 16 * H,
                                T0 + 3 * H, PRACTICE)),
                row("practice on a PRACTICED exercise moves no level", practiced(T0), practiceRun(5, T0 + H), PRACTICED),

                // --- the 16 h mastery-card gate
                row("mastery card 1 ms before the 16 h gate counts as practice: right moves no level",
                        practiced(T0), List.of(step(MASTERY, true, gate - 1, 0.99)), PRACTICED),
                row("mastery card before the gate counts as practice: wrong does not demote",
                        levelTwo(T0), List.of(step(MASTERY, false, T0 + H, 0.5)), LEVEL_TWO),
                row("mastery card on an UNPRACTICED exercise counts as practice and can finish the practice task",
                        MasteryState.INITIAL, concat(practiceRun(4, T0), List.of(step(MASTERY, true, T0 + H, 0.93))),
                        PRACTICED,
                        tr(UNPRACTICED, PRACTICED, PRACTICE_TASK_COMPLETED, 0.93, NONE, 0, T0 + H + 16 * H, T0 + H,
                                MASTERY)),
                row("mastery card exactly at the gate is a mastery card", practiced(T0),
                        List.of(step(MASTERY, true, gate, 0.5)), LEVEL_TWO,
                        tr(PRACTICED, LEVEL_TWO, MASTERY_CARD_RIGHT, 0.5, 0.94, 0, gate + 16 * H, gate, MASTERY)),

                // --- right mastery card: up one level; very high p: straight to MASTERED
                row("right mastery card on PRACTICED → LEVEL_TWO", practiced(T0),
                        List.of(step(MASTERY, true, T0 + 20 * H, 0.90)), LEVEL_TWO,
                        tr(PRACTICED, LEVEL_TWO, MASTERY_CARD_RIGHT, 0.90, 0.94, 0, T0 + 36 * H, T0 + 20 * H, MASTERY)),
                row("right mastery card on LEVEL_TWO → MASTERED, first review in 4 days", levelTwo(T0),
                        List.of(step(MASTERY, true, T0 + 20 * H, 0.90)), MASTERED,
                        tr(LEVEL_TWO, MASTERED, MASTERY_CARD_RIGHT, 0.90, 0.94, 4 * D, T0 + 20 * H + 4 * D,
                                T0 + 20 * H, MASTERY)),
                row("very high p (= 0.94) on PRACTICED → straight to MASTERED", practiced(T0),
                        List.of(step(MASTERY, true, T0 + 20 * H, 0.94)), MASTERED,
                        tr(PRACTICED, MASTERED, MASTERY_CARD_RIGHT_VERY_HIGH_P, 0.94, 0.94, 8 * D,
                                T0 + 20 * H + 8 * D, T0 + 20 * H, MASTERY)),
                row("p just below the threshold (0.9399) → one level only", practiced(T0),
                        List.of(step(MASTERY, true, T0 + 20 * H, 0.9399)), LEVEL_TWO,
                        tr(PRACTICED, LEVEL_TWO, MASTERY_CARD_RIGHT, 0.9399, 0.94, 0, T0 + 36 * H, T0 + 20 * H,
                                MASTERY)),
                row("two promotions need two gates: a second right card within 16 h counts as practice",
                        practiced(T0),
                        List.of(step(MASTERY, true, gate, 0.9), step(MASTERY, true, gate + H, 0.9),
                                step(MASTERY, true, gate + 16 * H, 0.9)),
                        MASTERED,
                        tr(PRACTICED, LEVEL_TWO, MASTERY_CARD_RIGHT, 0.9, 0.94, 0, gate + 16 * H, gate, MASTERY),
                        tr(LEVEL_TWO, MASTERED, MASTERY_CARD_RIGHT, 0.9, 0.94, 4 * D, gate + 16 * H + 4 * D,
                                gate + 16 * H, MASTERY)),

                // --- wrong mastery card: down one level, never below PRACTICED
                row("wrong mastery card on LEVEL_TWO → PRACTICED; its mastery card is available at once",
                        levelTwo(T0), List.of(step(MASTERY, false, T0 + 20 * H, 0.8)), PRACTICED,
                        tr(LEVEL_TWO, PRACTICED, MASTERY_CARD_WRONG, 0.8, NONE, 0, T0 + 16 * H, T0 + 20 * H, MASTERY)),
                row("wrong mastery card on PRACTICED stays PRACTICED (the floor), no transition",
                        practiced(T0), List.of(step(MASTERY, false, T0 + 20 * H, 0.8)), PRACTICED),
                row("a demotion does not reset the gate: the next right mastery card counts at once",
                        levelTwo(T0),
                        List.of(step(MASTERY, false, T0 + 20 * H, 0.8), step(MASTERY, true, T0 + 21 * H, 0.85)),
                        LEVEL_TWO,
                        tr(LEVEL_TWO, PRACTICED, MASTERY_CARD_WRONG, 0.8, NONE, 0, T0 + 16 * H, T0 + 20 * H, MASTERY),
                        tr(PRACTICED, LEVEL_TWO, MASTERY_CARD_RIGHT, 0.85, 0.94, 0, T0 + 37 * H, T0 + 21 * H, MASTERY)),

                // --- challenge card
                row("right challenge card on a never-attempted exercise → MASTERED", MasteryState.INITIAL,
                        List.of(step(CHALLENGE, true, T0, 0.92)), MASTERED,
                        tr(UNPRACTICED, MASTERED, CHALLENGE_CARD_RIGHT, 0.92, 0.90, 4 * D, T0 + 4 * D, T0, CHALLENGE)),
                row("wrong challenge card stays UNPRACTICED", MasteryState.INITIAL,
                        List.of(step(CHALLENGE, false, T0, 0.92)), UNPRACTICED),
                row("challenge card on a PRACTICED exercise counts as practice", practiced(T0),
                        List.of(step(CHALLENGE, true, T0 + 20 * H, 0.99)), PRACTICED),

                // --- reviews
                row("right review when due doubles the interval (4 → 8 days)", mastered(T0, 4 * D),
                        List.of(step(REVIEW, true, T0 + 4 * D, 0.97)), MASTERED,
                        tr(MASTERED, MASTERED, REVIEW_RIGHT, 0.97, NONE, 8 * D, T0 + 12 * D, T0 + 4 * D, REVIEW)),
                row("review before it is due counts as practice: a wrong one changes nothing",
                        mastered(T0, 4 * D), List.of(step(REVIEW, false, T0 + 4 * D - 1, 0.97)), MASTERED),
                row("wrong review → LEVEL_TWO, reviews stop, the mastery card is available at once",
                        mastered(T0, 8 * D), List.of(step(REVIEW, false, T0 + 9 * D, 0.6)), LEVEL_TWO,
                        tr(MASTERED, LEVEL_TWO, REVIEW_WRONG, 0.6, NONE, 0, T0 + 16 * H, T0 + 9 * D, REVIEW)),
                row("the review cycle restarts only after the next right mastery card, from a first interval",
                        mastered(T0, 32 * D),
                        List.of(step(REVIEW, true, T0 + 32 * D, 0.97),
                                step(REVIEW, false, T0 + 96 * D, 0.7),
                                step(REVIEW, true, T0 + 96 * D + H, 0.9),
                                step(MASTERY, true, T0 + 96 * D + 2 * H, 0.95)),
                        MASTERED,
                        tr(MASTERED, MASTERED, REVIEW_RIGHT, 0.97, NONE, 64 * D, T0 + 96 * D, T0 + 32 * D, REVIEW),
                        tr(MASTERED, LEVEL_TWO, REVIEW_WRONG, 0.7, NONE, 0, T0 + 16 * H, T0 + 96 * D, REVIEW),
                        tr(LEVEL_TWO, MASTERED, MASTERY_CARD_RIGHT, 0.95, 0.94, 8 * D, T0 + 96 * D + 2 * H + 8 * D,
                                T0 + 96 * D + 2 * H, MASTERY)),
                row("a mastery card on a MASTERED exercise counts as practice", mastered(T0, 4 * D),
                        List.of(step(MASTERY, false, T0 + 5 * D, 0.5)), MASTERED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("levelRules")
    void levelRules(String behaviour, MasteryState start, List<Step> steps, MasteryLevel level,
                    List<Transition> expected) {
        Result r = run(RULES, start, steps);

        assertThat(r.state().level()).as(behaviour).isEqualTo(level);
        assertTransitions(r.transitions(), expected);
        assertThat(r.state().attempts()).isEqualTo(start.attempts() + steps.size());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "a mastery card before the gate counts as practice, MASTERY, 57599999, PRACTICE",
            "a mastery card at the gate is a mastery card,        MASTERY, 57600000, MASTERY_CARD",
            "a review card on a PRACTICED exercise counts as practice, REVIEW, 57600000, PRACTICE",
            "a challenge card past UNPRACTICED counts as practice, CHALLENGE, 0,     PRACTICE",
            "a tutorial answer only updates the features,         TUTORIAL, 0,       FEATURES_ONLY",
            "an analytics answer only updates the features,       ANALYTICS, 0,      FEATURES_ONLY",
    })
    void countedAs(String behaviour, CardType card, long afterPromotion, CountedAs expected) {
        MasteryRules.Outcome o = RULES.apply(practiced(T0), new Answer(EX, card, true, T0 + afterPromotion), 0.5, MODEL);
        assertThat(o.countedAs()).isEqualTo(expected);
    }

    // --- first review after 4, 8 or 32 days, by confidence

    @ParameterizedTest(name = "p {0} on the promoting {1} card → first review in {2} days")
    @CsvSource({
            "0.00,   MASTERY,   4",
            "0.90,   MASTERY,   4",
            "0.9399, MASTERY,   4",
            "0.94,   MASTERY,   8",
            "0.9699, MASTERY,   8",
            "0.97,   MASTERY,   32",
            "1.00,   MASTERY,   32",
            "0.91,   CHALLENGE, 4",
            "0.95,   CHALLENGE, 8",
            "0.98,   CHALLENGE, 32",
    })
    void firstReviewByConfidence(double p, CardType card, int days) {
        MasteryState start = card == CHALLENGE ? MasteryState.INITIAL : levelTwo(T0);
        long t = T0 + 20 * H;
        MasteryRules.Outcome o = RULES.apply(start, new Answer(EX, card, true, t), p, MODEL);

        assertThat(o.state().level()).isEqualTo(MASTERED);
        assertThat(o.state().reviewIntervalMs()).isEqualTo(days * D);
        assertThat(o.state().nextReviewDueMs()).isEqualTo(t + days * D);
        assertThat(o.transitions()).singleElement().satisfies(tr -> {
            assertThat(tr.reviewIntervalMs()).isEqualTo(days * D);
            assertThat(tr.nextDueMs()).isEqualTo(t + days * D);
            assertThat(tr.p()).isEqualTo(p);
            assertThat(tr.to()).isEqualTo(MASTERED);
        });
    }

    // --- each right review doubles the interval, capped at 256 days

    @ParameterizedTest(name = "a right review after {0} days → next in {1} days")
    @CsvSource({"4, 8", "8, 16", "16, 32", "32, 64", "64, 128", "128, 256", "256, 256", "200, 256"})
    void rightReviewDoublesTheIntervalUpToTheCap(int days, int nextDays) {
        long due = T0 + days * D;
        long answeredAt = due + 3 * H; // answered a little late: the next interval counts from the answer
        MasteryRules.Outcome o = RULES.apply(mastered(T0, days * D), new Answer(EX, REVIEW, true, answeredAt), 0.96,
                MODEL);

        assertTransitions(o.transitions(), List.of(
                tr(MASTERED, MASTERED, REVIEW_RIGHT, 0.96, NONE, nextDays * D, answeredAt + nextDays * D, answeredAt,
                        REVIEW)));
        assertThat(o.state().reviewIntervalMs()).isEqualTo(nextDays * D);
        assertThat(o.state().nextReviewDueMs()).isEqualTo(answeredAt + nextDays * D);
    }

    @Test
    void rightReviewsFromTheFirst_doubleThroughToTheCapAndStayThere() {
        MasteryState s = RULES.apply(levelTwo(T0), new Answer(EX, MASTERY, true, T0 + 20 * H), 0.5, MODEL).state();
        List<Long> intervals = new ArrayList<>(List.of(s.reviewIntervalMs()));
        for (int i = 0; i < 8; i++) {
            s = RULES.apply(s, new Answer(EX, REVIEW, true, s.nextReviewDueMs()), 0.99, MODEL).state();
            intervals.add(s.reviewIntervalMs());
        }
        assertThat(intervals).containsExactly(4 * D, 8 * D, 16 * D, 32 * D, 64 * D, 128 * D, 256 * D, 256 * D, 256 * D);
    }

    // --- tutorial (and analytics) answers move no level

    @ParameterizedTest(name = "{0} answers on {1} move no level")
    @CsvSource({
            "TUTORIAL, UNPRACTICED", "TUTORIAL, PRACTICED", "TUTORIAL, LEVEL_TWO", "TUTORIAL, MASTERED",
            "ANALYTICS, UNPRACTICED", "ANALYTICS, PRACTICED", "ANALYTICS, LEVEL_TWO", "ANALYTICS, MASTERED",
    })
    void tutorialAndAnalyticsAnswersMoveNoLevel(CardType card, MasteryLevel level) {
        MasteryState start = switch (level) {
            case UNPRACTICED -> new MasteryState(UNPRACTICED, false, 4, 0b1111, 4, 4, 0, 0, 0);
            case PRACTICED -> practiced(T0);
            case LEVEL_TWO -> levelTwo(T0);
            case MASTERED -> mastered(T0, 4 * D);
        };
        // gates passed and reviews due: the same answer on a MASTERY / REVIEW card would move the level
        long t = T0 + 10 * D;
        for (boolean right : new boolean[] {true, false}) {
            MasteryRules.Outcome o = RULES.apply(start, new Answer(EX, card, right, t), 0.99, MODEL);
            assertThat(o.transitions()).isEmpty();
            assertThat(o.countedAs()).isEqualTo(CountedAs.FEATURES_ONLY);
            assertThat(o.state()).isEqualTo(new MasteryState(start.level(), start.struggling(), start.practiceStreak(),
                    start.recent(), start.recentCount(), start.attempts() + 1, start.lastPromotionMs(),
                    start.reviewIntervalMs(), start.nextReviewDueMs()));
        }
    }

    @Test
    void fiveRightTutorialAnswers_leaveANeverPracticedExerciseUnpracticedButAttempted() {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < 5; i++) steps.add(step(TUTORIAL, true, T0 + i, 0.99));
        Result r = run(RULES, MasteryState.INITIAL, steps);
        assertThat(r.state().level()).isEqualTo(UNPRACTICED);
        assertThat(r.state().practiceStreak()).isZero();
        assertThat(r.state().neverAttempted()).isFalse();
        assertThat(r.transitions()).isEmpty();
    }

    // --- struggling flag

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "two wrong in the last five: not struggling,          PRACTICE, 11010, UNPRACTICED, false",
            "three wrong in the last five: struggling,            PRACTICE, 00110, UNPRACTICED, true",
            "'three wrong early, then five right: recovered', PRACTICE, 00011111, PRACTICED, false",
            "three wrong among the first three answers: struggling, PRACTICE, 000, UNPRACTICED, true",
            "tutorial answers do not count,                       TUTORIAL, 00000, UNPRACTICED, false",
    })
    void strugglingFlag(String behaviour, CardType card, String answers, MasteryLevel level, boolean struggling) {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < answers.length(); i++) {
            steps.add(step(card, answers.charAt(i) == '1', T0 + i * 60_000L, 0.8));
        }
        Result r = run(RULES, MasteryState.INITIAL, steps);
        assertThat(r.state().level()).as(behaviour).isEqualTo(level);
        assertThat(r.state().struggling()).as(behaviour).isEqualTo(struggling);
    }

    @Test
    void strugglingIsClearedOnMastered() {
        MasteryState strugglingLevelTwo = new MasteryState(LEVEL_TWO, true, 0, 0b00, 2, 2, T0, 0, 0);
        MasteryState after = RULES.apply(strugglingLevelTwo, new Answer(EX, MASTERY, true, T0 + D), 0.9, MODEL).state();
        assertThat(after.level()).isEqualTo(MASTERED);
        assertThat(after.struggling()).isFalse();
    }

    // --- inputs

    @ParameterizedTest(name = "pBefore {0} is refused")
    @CsvSource({"-0.01", "1.01", "NaN"})
    void predictionOutsideZeroOne_isRefused(double p) {
        assertThatThrownBy(() -> RULES.apply(MasteryState.INITIAL, new Answer(EX, PRACTICE, true, T0), p, MODEL))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pBefore");
    }

    @ParameterizedTest
    @EnumSource(CardType.class)
    void sameStateAndAnswer_giveTheSameOutcome(CardType card) {
        // no clock, no randomness: a replay of the log gives the same levels and due times
        MasteryState start = mastered(T0, 4 * D);
        Answer answer = new Answer(EX, card, card.ordinal() % 2 == 0, T0 + 5 * D);
        assertThat(RULES.apply(start, answer, 0.93, MODEL)).isEqualTo(RULES.apply(start, answer, 0.93, MODEL));
    }

    @Test
    void configuredConstants_areUsed() {
        MasteryConfig config = new MasteryConfig(3, 2 * H, 0.99, 0.8, D, 2 * D, 3 * D, 0.5, 0.6, 5 * D, 4, 1, 7L, 4, 2);
        MasteryRules rules = new MasteryRules(config);

        Result r = run(rules, MasteryState.INITIAL, concat(practiceRun(3, T0),
                List.of(step(MASTERY, true, T0 + 3 * H, 0.98), step(MASTERY, true, T0 + 6 * H, 0.55))));

        assertTransitions(r.transitions(), List.of(
                tr(UNPRACTICED, PRACTICED, PRACTICE_TASK_COMPLETED, 0.9, NONE, 0, T0 + 120_000L + 2 * H,
                        T0 + 120_000L, PRACTICE),
                tr(PRACTICED, LEVEL_TWO, MASTERY_CARD_RIGHT, 0.98, 0.99, 0, T0 + 5 * H, T0 + 3 * H, MASTERY),
                tr(LEVEL_TWO, MASTERED, MASTERY_CARD_RIGHT, 0.55, 0.99, 2 * D, T0 + 6 * H + 2 * D, T0 + 6 * H,
                        MASTERY)));
        MasteryState s = r.state();
        for (long expected : new long[] {4 * D, 5 * D, 5 * D}) {
            s = rules.apply(s, new Answer(EX, REVIEW, true, s.nextReviewDueMs()), 0.9, MODEL).state();
            assertThat(s.reviewIntervalMs()).isEqualTo(expected);
        }
    }
}
