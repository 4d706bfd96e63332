package proficio.model.mastery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static proficio.model.event.CardType.ANALYTICS;
import static proficio.model.event.CardType.CHALLENGE;
import static proficio.model.event.CardType.MASTERY;
import static proficio.model.event.CardType.REVIEW;
import static proficio.model.mastery.MasteryLevel.LEVEL_TWO;
import static proficio.model.mastery.MasteryLevel.MASTERED;
import static proficio.model.mastery.MasteryLevel.PRACTICED;
import static proficio.model.mastery.MasteryLevel.UNPRACTICED;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import proficio.model.catalogue.Exercise;
import proficio.model.catalogue.ExerciseCatalogue;

class MasteryPlannerTest {

    static final long T0 = 1_700_000_000_000L;
    static final long H = MasteryConfig.HOUR_MS;
    static final long D = MasteryConfig.DAY_MS;
    static final MasteryConfig CONFIG = MasteryConfig.DEFAULTS;

    /**
     * add_1 ← add_2 (covers add_1) ← mul_1 (covers add_2), sub_1 ← add_1; mul_1 needs add_2 and sub_1;
     * frac_1 alone in "fractions"; x_00..x_19 fill a "misc" mission.
     */
    static ExerciseCatalogue catalogue() {
        List<Exercise> list = new ArrayList<>();
        list.add(new Exercise("add_1", "arith", List.of("a", "b"), List.of(), List.of()));
        list.add(new Exercise("add_2", "arith", List.of(), List.of("add_1"), List.of("add_1")));
        list.add(new Exercise("sub_1", "arith", List.of(), List.of("add_1"), List.of()));
        list.add(new Exercise("mul_1", "arith", List.of(), List.of("add_2", "sub_1"), List.of("add_2")));
        list.add(Exercise.of("frac_1", "fractions"));
        for (int i = 0; i < 20; i++) list.add(Exercise.of(String.format("x_%02d", i), "misc"));
        return ExerciseCatalogue.of(list);
    }

    final MasteryPlanner planner = new MasteryPlanner(catalogue(), CONFIG);

    static MasteryState practiced(long promotedAt) {
        return new MasteryState(PRACTICED, false, 0, 0b11111, 5, 5, promotedAt, 0, 0);
    }

    static MasteryState levelTwo(long promotedAt) {
        return new MasteryState(LEVEL_TWO, false, 0, 0b111111, 6, 6, promotedAt, 0, 0);
    }

    static MasteryState masteredDue(long due) {
        return new MasteryState(MASTERED, false, 0, 0b1111111, 7, 7, due - 4 * D, 4 * D, due);
    }

    static MasteryState attemptedUnpracticed() {
        return new MasteryState(UNPRACTICED, false, 2, 0b11, 2, 2, 0, 0, 0);
    }

    /** p 0.5 (below the challenge threshold) except where given. */
    static ToDoubleFunction<String> p(Map<String, Double> given) {
        return e -> given.getOrDefault(e, 0.5);
    }

    static List<String> exercises(MasteryChallenge c) {
        return c.cards().stream().map(Card::exercise).toList();
    }

    static List<Object> types(MasteryChallenge c) {
        return c.cards().stream().map(card -> (Object) card.type()).toList();
    }

    @Test
    void nothingDue_givesAnEmptyChallenge_withoutAnAnalyticsCard() {
        Map<String, MasteryState> states = Map.of(
                "add_1", practiced(T0 - H),           // gate not passed
                "add_2", masteredDue(T0 + D),         // review not due
                "sub_1", attemptedUnpracticed());     // a practice task, not a card
        MasteryChallenge c = planner.nextChallenge("ada", states, p(Map.of()), T0);
        assertThat(c.isEmpty()).isTrue();
        assertThat(c.studentId()).isEqualTo("ada");
        assertThat(c.asOfMs()).isEqualTo(T0);
        assertThat(planner.nextChallenge("new-student", Map.of(), p(Map.of()), T0).cards()).isEmpty();
    }

    @Test
    void order_isOverdueReviewsThenMasteryCardsThenChallengeCardsThenOneAnalyticsCard() {
        Map<String, MasteryState> states = Map.of(
                "x_00", masteredDue(T0 - H),          // overdue by an hour
                "x_01", masteredDue(T0 - 3 * D),      // most overdue
                "x_02", practiced(T0 - 20 * H),       // mastery card available 4 h ago
                "x_03", levelTwo(T0 - 40 * H));       // available 24 h ago: first
        MasteryChallenge c = planner.nextChallenge("ada", states,
                p(Map.of("x_10", 0.8999, "x_11", 0.97, "x_12", 0.89)), T0);

        assertThat(types(c)).containsExactly(REVIEW, REVIEW, MASTERY, MASTERY, CHALLENGE, ANALYTICS);
        assertThat(exercises(c).subList(0, 5)).containsExactly("x_01", "x_00", "x_03", "x_02", "x_11");
        assertThat(c.cards().get(0).dueMs()).isEqualTo(T0 - 3 * D);
        assertThat(c.cards().get(2).dueMs()).isEqualTo(T0 - 40 * H + 16 * H);
        assertThat(c.cards().get(4).p()).isEqualTo(0.97);
        assertThat(new HashSet<>(exercises(c))).hasSize(6);
    }

    @Test
    void challenge_holdsAtMostSixCards_eachFromADifferentExercise() {
        Map<String, MasteryState> states = new HashMap<>();
        for (int i = 0; i < 9; i++) states.put(String.format("x_%02d", i), masteredDue(T0 - i * H));
        MasteryChallenge c = planner.nextChallenge("ada", states, p(Map.of("x_19", 0.99)), T0);

        assertThat(c.cards()).hasSize(6).allSatisfy(card -> assertThat(card.type()).isEqualTo(REVIEW));
        assertThat(exercises(c)).containsExactly("x_08", "x_07", "x_06", "x_05", "x_04", "x_03");
    }

    @Test
    void analyticsCard_atMostOne_andOnlyWhenThereIsRoom() {
        MasteryChallenge one = planner.nextChallenge("ada", Map.of("x_00", masteredDue(T0)), p(Map.of()), T0);
        assertThat(types(one)).containsExactly(REVIEW, ANALYTICS);
        assertThat(one.cards().get(1).exercise()).isNotEqualTo("x_00");

        Map<String, MasteryState> five = new HashMap<>();
        for (int i = 0; i < 5; i++) five.put(String.format("x_%02d", i), masteredDue(T0 - i));
        assertThat(types(planner.nextChallenge("ada", five, p(Map.of()), T0)))
                .containsExactly(REVIEW, REVIEW, REVIEW, REVIEW, REVIEW, ANALYTICS);

        // challenge cards fill the room: none left for an analytics card
        Map<String, Double> high = new HashMap<>();
        for (int i = 0; i < 20; i++) high.put(String.format("x_%02d", i), 0.95);
        assertThat(types(planner.nextChallenge("ada", Map.of(), p(high), T0))).containsOnly(CHALLENGE).hasSize(6);
    }

    @Test
    void analyticsCards_areReproducibleForTheSameSeedStudentAndTime() {
        Map<String, MasteryState> states = Map.of("x_00", masteredDue(T0));
        MasteryPlanner same = new MasteryPlanner(catalogue(), CONFIG);
        String first = analytics(planner, "ada", states, T0);

        for (int i = 0; i < 5; i++) {
            assertThat(analytics(same, "ada", states, T0)).isEqualTo(first);
        }
        // pinned: the draw is part of the replayable behaviour; changing the algorithm changes this
        assertThat(first).isEqualTo(GOLDEN_ANALYTICS_EXERCISE);

        Set<String> acrossSeeds = new HashSet<>();
        Set<String> acrossStudents = new HashSet<>();
        Set<String> acrossTimes = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            acrossSeeds.add(analytics(new MasteryPlanner(catalogue(), CONFIG.withAnalyticsSeed(i)), "ada", states, T0));
            acrossStudents.add(analytics(planner, "student-" + i, states, T0));
            acrossTimes.add(analytics(planner, "ada", states, T0 + i));
        }
        assertThat(acrossSeeds).hasSizeGreaterThan(10);
        assertThat(acrossStudents).hasSizeGreaterThan(10);
        assertThat(acrossTimes).hasSizeGreaterThan(10);
        // from the whole catalogue, never the exercise already in the challenge
        assertThat(acrossSeeds).doesNotContain("x_00").allSatisfy(e -> assertThat(catalogue().contains(e)).isTrue());
    }

    static final String GOLDEN_ANALYTICS_EXERCISE = "x_13";

    static String analytics(MasteryPlanner planner, String student, Map<String, MasteryState> states, long asOf) {
        List<Card> cards = planner.nextChallenge(student, states, p(Map.of()), asOf).cards();
        assertThat(cards).hasSize(2);
        assertThat(cards.get(1).type()).isEqualTo(ANALYTICS);
        return cards.get(1).exercise();
    }

    @Test
    void analyticsDraw_onANearlyFullTinyCatalogue_findsTheLastFreeExercise() {
        ExerciseCatalogue tiny = ExerciseCatalogue.of(List.of(Exercise.of("a", ""), Exercise.of("b", ""),
                Exercise.of("c", "")));
        MasteryPlanner p = new MasteryPlanner(tiny, CONFIG);
        for (int seed = 0; seed < 20; seed++) {
            assertThat(p.analyticsExercises("s" + seed, T0, 1, Set.of("a", "c"))).containsExactly("b");
        }
        assertThat(p.analyticsExercises("s", T0, 1, Set.of("a", "b", "c"))).isEmpty();
        assertThat(p.analyticsExercises("s", T0, 5, Set.of("zzz"))).containsExactlyInAnyOrder("a", "b", "c");
    }

    @Test
    void coveredExercise_getsNoReviewsWhileItsCoveringExerciseIsMastered() {
        // add_2 covers add_1; both due
        Map<String, MasteryState> bothMastered = Map.of("add_1", masteredDue(T0 - 2 * D),
                "add_2", masteredDue(T0 + D));
        assertThat(planner.nextChallenge("ada", bothMastered, p(Map.of()), T0).cards())
                .noneMatch(card -> card.exercise().equals("add_1"));
        assertThat(planner.coveredByMastered("add_1", bothMastered)).isTrue();

        // the covering exercise demoted by a wrong review: add_1's own review comes back
        Map<String, MasteryState> coveringDemoted = Map.of("add_1", masteredDue(T0 - 2 * D),
                "add_2", levelTwo(T0 - 20 * H));
        MasteryChallenge c = planner.nextChallenge("ada", coveringDemoted, p(Map.of()), T0);
        assertThat(c.cards().get(0)).isEqualTo(new Card("add_1", REVIEW, 0.5, T0 - 2 * D));
        assertThat(c.cards().get(1).exercise()).isEqualTo("add_2");
        assertThat(c.cards().get(1).type()).isEqualTo(MASTERY);

        // covering is not transitive: mul_1 covers add_2 only
        Map<String, MasteryState> grand = Map.of("add_1", masteredDue(T0 - 2 * D), "mul_1", masteredDue(T0 + D));
        assertThat(exercises(planner.nextChallenge("ada", grand, p(Map.of()), T0))).startsWith("add_1");
    }

    @Test
    void exercisesMissingFromTheCatalogue_stillGetReviewsAndMasteryCards() {
        Map<String, MasteryState> states = Map.of("legacy_1", masteredDue(T0 - H), "legacy_2", practiced(T0 - D));
        MasteryChallenge c = planner.nextChallenge("ada", states, p(Map.of()), T0);
        assertThat(exercises(c).subList(0, 2)).containsExactly("legacy_1", "legacy_2");
        assertThat(types(c)).containsExactly(REVIEW, MASTERY, ANALYTICS);
    }

    @Test
    void challengeCards_neverAttemptedOnly_atOrAboveTheThreshold_highestFirst() {
        Map<String, MasteryState> states = Map.of(
                "x_00", attemptedUnpracticed(),   // attempted: a practice task, not a challenge
                "x_01", MasteryState.INITIAL);    // a state with no answers: still never attempted
        ToDoubleFunction<String> p = p(Map.of("x_00", 0.99, "x_01", 0.95, "x_02", 0.90, "x_03", 0.8999,
                "x_04", 0.95, "frac_1", 0.93));

        assertThat(planner.challengeCards(states, p, 10)).containsExactly(
                new RankedExercise("x_01", 0.95, UNPRACTICED),
                new RankedExercise("x_04", 0.95, UNPRACTICED),
                new RankedExercise("frac_1", 0.93, UNPRACTICED),
                new RankedExercise("x_02", 0.90, UNPRACTICED));
        assertThat(planner.challengeCards(states, p, 2)).extracting(RankedExercise::exercise)
                .containsExactly("x_01", "x_04");
        assertThatThrownBy(() -> planner.challengeCards(states, p, 0)).hasMessageStartingWith("limit");
    }

    @Test
    void predictions_areAskedOncePerNeverAttemptedExercise_andNotAtAllWhenReviewsFillTheChallenge() {
        AtomicInteger calls = new AtomicInteger();
        ToDoubleFunction<String> counting = e -> {
            calls.incrementAndGet();
            return 0.5;
        };
        Map<String, MasteryState> full = new HashMap<>();
        for (int i = 0; i < 6; i++) full.put(String.format("x_%02d", i), masteredDue(T0));
        planner.nextChallenge("ada", full, counting, T0);
        assertThat(calls.get()).isEqualTo(6); // the six cards' own p only

        calls.set(0);
        planner.nextChallenge("ada", Map.of("x_00", masteredDue(T0)), counting, T0);
        // 24 never-attempted exercises scanned once, plus the review card and the analytics card
        assertThat(calls.get()).isEqualTo(24 + 2);
    }

    @Test
    void challengeCards_readCataloguePredictionsByIndex_withTheSameCards() {
        Map<String, MasteryState> states = Map.of("x_00", attemptedUnpracticed());
        ToDoubleFunction<String> byName = p(Map.of("x_00", 0.99, "x_01", 0.95, "x_02", 0.90, "frac_1", 0.93));
        AtomicInteger namedCalls = new AtomicInteger();
        CataloguePredictions indexed = new CataloguePredictions() {
            public ExerciseCatalogue catalogue() {
                return planner.catalogue();
            }

            public double applyAsDouble(String exercise) {
                namedCalls.incrementAndGet();
                return byName.applyAsDouble(exercise);
            }

            public double atCatalogueIndex(int index) {
                return byName.applyAsDouble(planner.catalogue().get(index).name());
            }
        };

        assertThat(planner.challengeCards(states, indexed, 10)).isEqualTo(planner.challengeCards(states, byName, 10))
                .extracting(RankedExercise::exercise).containsExactly("x_01", "frac_1", "x_02");
        assertThat(namedCalls.get()).isZero();
    }

    @Test
    void predictionOutsideZeroOne_isRefusedNamingTheExercise() {
        assertThatThrownBy(() -> planner.challengeCards(Map.of(), e -> e.equals("x_05") ? Double.NaN : 0.5, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'x_05'");
    }

    @Test
    void masteryCards_onlyPastTheGate() {
        Map<String, MasteryState> states = Map.of(
                "x_00", practiced(T0 - 16 * H),       // exactly at the gate
                "x_01", levelTwo(T0 - 16 * H + 1),    // 1 ms short
                "x_02", practiced(T0 - 30 * H));
        MasteryChallenge c = planner.nextChallenge("ada", states, p(Map.of()), T0);
        assertThat(exercises(c).subList(0, 2)).containsExactly("x_02", "x_00");
        assertThat(types(c)).containsExactly(MASTERY, MASTERY, ANALYTICS);
    }

    @Test
    void recommendedPractice_prerequisitesAtLeastPracticed_notMastered_highestPFirst() {
        ToDoubleFunction<String> p = p(Map.of("add_1", 0.6, "add_2", 0.7, "sub_1", 0.8, "mul_1", 0.99));

        // nothing done: only add_1 has its (no) prerequisites met
        assertThat(planner.recommendedPractice("arith", Map.of(), p, 10))
                .containsExactly(new RankedExercise("add_1", 0.6, UNPRACTICED));

        // add_1 PRACTICED: add_2 and sub_1 open up; add_1 itself is not MASTERED yet, so it stays
        Map<String, MasteryState> practicedAdd = Map.of("add_1", practiced(T0));
        assertThat(planner.recommendedPractice("arith", practicedAdd, p, 10)).containsExactly(
                new RankedExercise("sub_1", 0.8, UNPRACTICED),
                new RankedExercise("add_2", 0.7, UNPRACTICED),
                new RankedExercise("add_1", 0.6, PRACTICED));

        // mul_1 needs add_2 AND sub_1; MASTERED exercises are not recommended
        Map<String, MasteryState> more = Map.of("add_1", masteredDue(T0 + D), "add_2", levelTwo(T0),
                "sub_1", attemptedUnpracticed());
        assertThat(planner.recommendedPractice("arith", more, p, 10)).extracting(RankedExercise::exercise)
                .containsExactly("sub_1", "add_2");
        Map<String, MasteryState> all = Map.of("add_1", masteredDue(T0 + D), "add_2", levelTwo(T0),
                "sub_1", practiced(T0));
        assertThat(planner.recommendedPractice("arith", all, p, 2)).extracting(RankedExercise::exercise)
                .containsExactly("mul_1", "sub_1");

        assertThat(planner.recommendedPractice("no-such-mission", Map.of(), p, 10)).isEmpty();
        assertThat(planner.recommendedPractice("fractions", Map.of(), p, 10)).extracting(RankedExercise::exercise)
                .containsExactly("frac_1");
    }

    @Test
    void largeCatalogue_plansFromTheStudentsStatesAndOneCatalogueScan() {
        // 5,000 exercises, 300 attempted: the benchmark's shape
        List<Exercise> list = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            list.add(new Exercise("e" + i, "m" + (i % 50), List.of(), i >= 50 ? List.of("e" + (i - 50)) : List.of(),
                    i % 10 == 0 && i > 0 ? List.of("e" + (i - 1)) : List.of()));
        }
        MasteryPlanner big = new MasteryPlanner(ExerciseCatalogue.of(list), CONFIG);
        Map<String, MasteryState> states = new HashMap<>();
        for (int i = 0; i < 300; i++) {
            states.put("e" + (i * 7), switch (i % 4) {
                case 0 -> masteredDue(T0 + D);
                case 1 -> practiced(T0 - H);
                case 2 -> levelTwo(T0 - H);
                default -> attemptedUnpracticed();
            });
        }
        states.put("e7", masteredDue(T0 - D)); // one due review
        AtomicInteger calls = new AtomicInteger();
        ToDoubleFunction<String> p = e -> {
            calls.incrementAndGet();
            return (Math.floorMod(e.hashCode(), 1000)) / 1000.0;
        };

        MasteryChallenge c = big.nextChallenge("ada", states, p, T0);

        assertThat(types(c)).containsExactly(REVIEW, CHALLENGE, CHALLENGE, CHALLENGE, CHALLENGE, CHALLENGE);
        assertThat(c.cards().get(0).exercise()).isEqualTo("e7");
        List<Double> ps = c.cards().subList(1, 6).stream().map(Card::p).toList();
        assertThat(ps).isSortedAccordingTo((a, b) -> Double.compare(b, a)).allSatisfy(x -> assertThat(x).isGreaterThan(0.99));
        assertThat(calls.get()).isEqualTo(4_700 + 1);
    }
}
