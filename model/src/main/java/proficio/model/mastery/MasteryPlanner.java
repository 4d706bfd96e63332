package proficio.model.mastery;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import proficio.model.catalogue.Exercise;
import proficio.model.catalogue.ExerciseCatalogue;
import proficio.model.event.CardType;

/**
 * Plans cards from a student's mastery states, the exercise catalogue and the model's predictions:
 * the next mastery challenge, challenge cards, and recommended practice tasks within a mission. Pure:
 * the time and the analytics seed are inputs, so the same inputs give the same cards.
 *
 * <p>Cost: the next mastery challenge reads each of the student's states once, and scans the catalogue
 * (one map lookup, and one prediction for each never-attempted exercise) only when reviews and mastery
 * cards leave room for challenge cards; each list is cut to what fits with a bounded heap, never a sort
 * of the whole catalogue.
 */
public final class MasteryPlanner {

    private static final Comparator<RankedExercise> HIGHEST_P_FIRST =
            Comparator.comparingDouble(RankedExercise::p).reversed().thenComparing(RankedExercise::exercise);

    private final ExerciseCatalogue catalogue;
    private final MasteryConfig config;

    public MasteryPlanner(ExerciseCatalogue catalogue, MasteryConfig config) {
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
        this.config = Objects.requireNonNull(config, "config");
    }

    public ExerciseCatalogue catalogue() {
        return catalogue;
    }

    public MasteryConfig config() {
        return config;
    }

    /**
     * The next mastery challenge as of {@code asOfMs}: at most {@code challengeSize} cards, each from a
     * different exercise, in this order:
     * <ol>
     *   <li>due reviews, most overdue first (not for an exercise covered by a MASTERED exercise);</li>
     *   <li>available mastery cards (PRACTICED or LEVEL_TWO, past the gate), longest available first;</li>
     *   <li>challenge cards (never-attempted catalogue exercises with p ≥ {@code challengeCardP}), highest p first;</li>
     *   <li>at most {@code maxAnalyticsCards} analytics cards drawn from the whole catalogue, reproducibly
     *       from (analytics seed, student, as-of time), when there is room.</li>
     * </ol>
     * Ties go to the exercise name. With nothing of 1–3 due, the challenge is empty (no lone analytics card).
     *
     * @param states      the student's mastery state per exercise (exercises not in it are never attempted)
     * @param predictions the model's prediction per exercise, in [0, 1]
     */
    public MasteryChallenge nextChallenge(String studentId, Map<String, MasteryState> states,
                                          ToDoubleFunction<String> predictions, long asOfMs) {
        Objects.requireNonNull(studentId, "studentId");
        Objects.requireNonNull(states, "states");
        Objects.requireNonNull(predictions, "predictions");
        int size = config.challengeSize();
        TopK<Map.Entry<String, MasteryState>> reviews = new TopK<>(size,
                Comparator.<Map.Entry<String, MasteryState>>comparingLong(e -> e.getValue().nextReviewDueMs())
                        .thenComparing(Map.Entry::getKey));
        TopK<Map.Entry<String, MasteryState>> mastery = new TopK<>(size,
                Comparator.<Map.Entry<String, MasteryState>>comparingLong(e -> e.getValue().lastPromotionMs())
                        .thenComparing(Map.Entry::getKey));
        for (Map.Entry<String, MasteryState> e : states.entrySet()) {
            MasteryState s = e.getValue();
            if (s.reviewDue(asOfMs)) {
                if (!coveredByMastered(e.getKey(), states)) {
                    reviews.offer(e);
                }
            } else if (s.masteryCardAvailable(asOfMs, config)) {
                mastery.offer(e);
            }
        }

        List<Card> cards = new ArrayList<>(size);
        Set<String> taken = new HashSet<>();
        for (Map.Entry<String, MasteryState> e : reviews.sorted()) {
            add(cards, taken, new Card(e.getKey(), CardType.REVIEW, p(predictions, e.getKey()),
                    e.getValue().nextReviewDueMs()));
        }
        for (Map.Entry<String, MasteryState> e : mastery.sorted()) {
            if (cards.size() == size) break;
            add(cards, taken, new Card(e.getKey(), CardType.MASTERY, p(predictions, e.getKey()),
                    e.getValue().masteryCardAvailableAtMs(config)));
        }
        if (cards.size() < size) {
            for (RankedExercise r : challengeCards(states, predictions, size - cards.size())) {
                add(cards, taken, new Card(r.exercise(), CardType.CHALLENGE, r.p(), 0));
            }
        }
        if (!cards.isEmpty() && cards.size() < size && config.maxAnalyticsCards() > 0) {
            int wanted = Math.min(config.maxAnalyticsCards(), size - cards.size());
            for (String exercise : analyticsExercises(studentId, asOfMs, wanted, taken)) {
                add(cards, taken, new Card(exercise, CardType.ANALYTICS, p(predictions, exercise), 0));
            }
        }
        return new MasteryChallenge(studentId, asOfMs, cards);
    }

    /**
     * Challenge cards: catalogue exercises the student never attempted (no answer on any card) whose
     * prediction is at least {@code challengeCardP}, highest p first, at most {@code limit}.
     */
    public List<RankedExercise> challengeCards(Map<String, MasteryState> states, ToDoubleFunction<String> predictions,
                                               int limit) {
        Objects.requireNonNull(states, "states");
        Objects.requireNonNull(predictions, "predictions");
        checkLimit(limit);
        double threshold = config.challengeCardP();
        TopK<RankedExercise> top = new TopK<>(limit, HIGHEST_P_FIRST);
        boolean[] attempted = attemptedByIndex(states);
        CataloguePredictions byIndex = predictions instanceof CataloguePredictions c && c.catalogue() == catalogue
                ? c : null;
        for (int i = 0; i < attempted.length; i++) {
            if (attempted[i]) continue;
            double p = byIndex != null ? checked(byIndex.atCatalogueIndex(i), i) : p(predictions, catalogue.get(i).name());
            RankedExercise worst = top.worstIfFull();
            if (worst != null && p < worst.p()) continue; // cannot get in: skip the name and the object
            if (p >= threshold) {
                top.offer(new RankedExercise(catalogue.get(i).name(), p, MasteryLevel.UNPRACTICED));
            }
        }
        return top.sorted();
    }

    /**
     * Which catalogue exercises the student attempted, by catalogue index: one lookup per state rather
     * than one per catalogue exercise (a map of a few hundred similar names, like exercise_00042, can
     * hash badly into few buckets, and the scan would pay for it thousands of times).
     */
    private boolean[] attemptedByIndex(Map<String, MasteryState> states) {
        boolean[] attempted = new boolean[catalogue.size()];
        states.forEach((exercise, s) -> {
            int i = catalogue.indexOf(exercise);
            if (i >= 0 && !s.neverAttempted()) {
                attempted[i] = true;
            }
        });
        return attempted;
    }

    /**
     * Recommended practice tasks within {@code mission}: its exercises not yet MASTERED whose
     * prerequisites are met (every prerequisite at least PRACTICED), highest p first, at most {@code limit}.
     * An unknown mission has none.
     */
    public List<RankedExercise> recommendedPractice(String mission, Map<String, MasteryState> states,
                                                    ToDoubleFunction<String> predictions, int limit) {
        Objects.requireNonNull(mission, "mission");
        Objects.requireNonNull(states, "states");
        Objects.requireNonNull(predictions, "predictions");
        checkLimit(limit);
        TopK<RankedExercise> top = new TopK<>(limit, HIGHEST_P_FIRST);
        for (Exercise e : catalogue.inMission(mission)) {
            MasteryLevel level = levelOf(states, e.name());
            if (level == MasteryLevel.MASTERED || !prerequisitesMet(e, states)) continue;
            top.offer(new RankedExercise(e.name(), p(predictions, e.name()), level));
        }
        return top.sorted();
    }

    /** Whether every prerequisite of {@code exercise} is at least PRACTICED. */
    public boolean prerequisitesMet(Exercise exercise, Map<String, MasteryState> states) {
        for (String prerequisite : exercise.prerequisites()) {
            if (!levelOf(states, prerequisite).atLeast(MasteryLevel.PRACTICED)) return false;
        }
        return true;
    }

    /** Whether {@code exercise} is covered by an exercise the student has MASTERED: then it gets no reviews. */
    public boolean coveredByMastered(String exercise, Map<String, MasteryState> states) {
        if (!catalogue.hasCovering()) return false;
        for (String covering : catalogue.coveredBy(exercise)) {
            if (levelOf(states, covering) == MasteryLevel.MASTERED) return true;
        }
        return false;
    }

    /**
     * The analytics draw: {@code wanted} distinct catalogue exercises not in {@code taken}, from a
     * SplitMix64 stream seeded by (analytics seed, FNV-1a of the student id, as-of time). Each draw
     * picks index {@code draw mod catalogue size}; a taken exercise is drawn again (after 64 misses in
     * a row the scan goes on in catalogue order from the last index). Changing this changes every draw.
     */
    List<String> analyticsExercises(String studentId, long asOfMs, int wanted, Set<String> taken) {
        int n = catalogue.size();
        int free = n;
        for (String t : taken) {
            if (catalogue.contains(t)) free--;
        }
        int count = Math.min(wanted, free);
        List<String> picked = new ArrayList<>(Math.max(count, 0));
        Set<String> excluded = new HashSet<>(taken);
        long state = mix64(mix64(mix64(config.analyticsSeed()) ^ fnv1a(studentId)) ^ asOfMs);
        int index = 0;
        int misses = 0;
        while (picked.size() < count) {
            if (misses < 64) {
                state += 0x9e3779b97f4a7c15L;
                index = (int) Long.remainderUnsigned(mix64(state), n);
            } else {
                index = (index + 1) % n; // a nearly full challenge on a tiny catalogue: scan
            }
            String exercise = catalogue.get(index).name();
            if (excluded.add(exercise)) {
                picked.add(exercise);
                misses = 0;
            } else {
                misses++;
            }
        }
        return picked;
    }

    private static void add(List<Card> cards, Set<String> taken, Card card) {
        if (taken.add(card.exercise())) {
            cards.add(card);
        }
    }

    private static MasteryLevel levelOf(Map<String, MasteryState> states, String exercise) {
        MasteryState s = states.get(exercise);
        return s == null ? MasteryLevel.UNPRACTICED : s.level();
    }

    private static double p(ToDoubleFunction<String> predictions, String exercise) {
        double p = predictions.applyAsDouble(exercise);
        if (!(p >= 0.0 && p <= 1.0)) {
            throw new IllegalArgumentException("prediction for exercise '" + exercise + "' must be in [0, 1], was " + p);
        }
        return p;
    }

    private double checked(double p, int index) {
        if (!(p >= 0.0 && p <= 1.0)) {
            throw new IllegalArgumentException("prediction for exercise '" + catalogue.get(index).name()
                    + "' must be in [0, 1], was " + p);
        }
        return p;
    }

    private static void checkLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, was " + limit);
        }
    }

    /** FNV-1a over the UTF-16 code units. */
    static long fnv1a(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** The SplitMix64 finaliser. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
