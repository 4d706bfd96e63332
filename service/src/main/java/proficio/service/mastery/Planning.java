package proficio.service.mastery;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import proficio.model.catalogue.ExerciseCatalogue;
import proficio.model.mastery.CataloguePredictions;
import proficio.model.mastery.MasteryChallenge;
import proficio.model.mastery.MasteryLevel;
import proficio.model.mastery.MasteryPlanner;
import proficio.model.mastery.MasteryState;
import proficio.model.mastery.RankedExercise;
import proficio.model.predict.CataloguePredictor;
import proficio.model.predict.KnowledgeModel;
import proficio.store.StudentSnapshot;

/**
 * The planner's calls for one student, fed with the active model's predictions. Plain code: the
 * gRPC layer validates and maps; the numbers come from {@code model}.
 *
 * <p>Predictions: an exercise the student attempted is predicted from its own state
 * ({@link KnowledgeModel#predict}); every never-attempted catalogue exercise shares one feature vector,
 * built once per call, dotted with thetas resolved once per (catalogue, model) by a
 * {@link CataloguePredictor}: a 5,000-exercise catalogue costs one vector and at most 5,000 dot products.
 */
public final class Planning {

    private static final AtomicReference<CataloguePredictor> LAST_PREDICTOR = new AtomicReference<>();

    private Planning() {
    }

    /**
     * p per exercise for {@code student} (a snapshot of all their exercises), through the model's one code
     * path. An exercise the student attempted, or one outside the catalogue, is predicted on its own
     * ({@link KnowledgeModel#predict}); a never-attempted catalogue exercise is read from one
     * {@link CataloguePredictor} pass over the whole catalogue, made on the first such lookup. So a
     * challenge filled by reviews and mastery cards (all attempted exercises) costs a prediction per card,
     * and only the scan for challenge cards (or an analytics card) pays for the catalogue. Both ways give
     * the same p to the bit.
     */
    public static CataloguePredictions predictions(ExerciseCatalogue catalogue, KnowledgeModel model,
                                                   StudentSnapshot student) {
        return new CataloguePredictions() {
            /** p by catalogue index from one pass; an attempted exercise's entry is filled when asked for. */
            private double[] byIndex;
            /** Which catalogue indexes the student attempted and whose entry is not filled yet. */
            private boolean[] pending;

            @Override
            public ExerciseCatalogue catalogue() {
                return catalogue;
            }

            @Override
            public double applyAsDouble(String exercise) {
                int i = catalogue.indexOf(exercise);
                if (i < 0 || (byIndex == null && !student.exercise(exercise).isEmpty())) {
                    return model.predict(exercise, "", student).probability();
                }
                return atCatalogueIndex(i);
            }

            @Override
            public double atCatalogueIndex(int index) {
                if (byIndex == null) {
                    // The pass covers the never-attempted exercises only: the challenge scan skips the
                    // attempted ones, so predicting them all here (300 in bench/mastery) was wasted work.
                    byIndex = predictor(catalogue, model).predict(student, List.of());
                    pending = new boolean[byIndex.length];
                    for (String e : attempted(student)) {
                        int i = catalogue.indexOf(e);
                        if (i >= 0) {
                            pending[i] = true;
                        }
                    }
                }
                if (pending[index]) {
                    byIndex[index] = model.predict(catalogue.get(index).name(), "", student).probability();
                    pending[index] = false;
                }
                return byIndex[index];
            }
        };
    }

    /** For the tests and callers without a catalogue: every exercise through {@link KnowledgeModel#predict}. */
    public static CataloguePredictions predictions(KnowledgeModel model, StudentSnapshot student) {
        return predictions(ExerciseCatalogue.EMPTY, model, student);
    }

    /**
     * The predictor for this catalogue and model, kept until either changes (both are immutable and
     * replaced whole on a reload or a swap, so identity says when). Building one costs a theta lookup
     * per catalogue exercise; every planning call would otherwise pay it.
     */
    static CataloguePredictor predictor(ExerciseCatalogue catalogue, KnowledgeModel model) {
        CataloguePredictor p = LAST_PREDICTOR.get();
        if (p == null || !p.isFor(catalogue, model)) {
            p = CataloguePredictor.of(catalogue, model);
            LAST_PREDICTOR.set(p);
        }
        return p;
    }

    private static List<String> attempted(StudentSnapshot student) {
        List<String> attempted = new ArrayList<>(student.exercises().size());
        student.exercises().forEach((e, state) -> {
            if (!state.isEmpty()) {
                attempted.add(e);
            }
        });
        return attempted;
    }

    /**
     * The student's mastery states in a hash map, as the planner looks exercises up in it. A snapshot
     * from {@code StudentStateReader} already holds one (name-ordered): copying its 300 entries was 5 %
     * of a GetNextChallenge call; any other map is copied.
     */
    private static Map<String, MasteryState> states(StudentSnapshot student) {
        Map<String, MasteryState> m = student.mastery();
        return m instanceof HashMap<String, MasteryState> ? Collections.unmodifiableMap(m) : new HashMap<>(m);
    }

    public static MasteryChallenge nextChallenge(MasteryPlanner planner, KnowledgeModel model, StudentSnapshot student,
                                                 long asOfMs) {
        return planner.nextChallenge(student.studentId(), states(student), predictions(planner.catalogue(), model, student), asOfMs);
    }

    public static List<RankedExercise> challengeCards(MasteryPlanner planner, KnowledgeModel model,
                                                      StudentSnapshot student, int limit) {
        return planner.challengeCards(states(student), predictions(planner.catalogue(), model, student), limit);
    }

    public static List<RankedExercise> practiceTasks(MasteryPlanner planner, KnowledgeModel model,
                                                     StudentSnapshot student, String mission, int limit) {
        return planner.recommendedPractice(mission, states(student), predictions(planner.catalogue(), model, student), limit);
    }

    /**
     * Every catalogue exercise and every exercise the student attempted, highest p first (ties by
     * name), at most {@code limit} (0: all).
     *
     * <p>The hot path of RankExercises (bench/mastery): one {@link CataloguePredictor} pass gives p by
     * catalogue index; the entries are laid out in name order (the catalogue's name order, merged with
     * the few attempted exercises outside it) and put in order by {@link #highestPFirst}.
     */
    public static List<Ranked> rankAll(MasteryPlanner planner, KnowledgeModel model, StudentSnapshot student,
                                       int limit) {
        ExerciseCatalogue catalogue = planner.catalogue();
        CataloguePredictor predictor = predictor(catalogue, model);
        double[] byIndex = predictor.predict(student, attempted(student));
        MasteryLevel[] levelByIndex = new MasteryLevel[catalogue.size()];
        List<Ranked> outside = new ArrayList<>();
        student.exercises().forEach((e, state) -> {
            int i = catalogue.indexOf(e);
            MasteryLevel level = student.masteryOf(e).level();
            if (i >= 0) {
                levelByIndex[i] = level;
            } else {
                outside.add(new Ranked(e, model.predict(e, "", student).probability(), level, -1));
            }
        });
        outside.sort(Comparator.comparing(Ranked::exercise));

        int[] byName = predictor.byName();
        int n = byName.length + outside.size();
        String[] names = new String[n];
        double[] p = new double[n];
        MasteryLevel[] levels = new MasteryLevel[n];
        int[] catalogueIndex = new int[n];
        int k = 0;
        int o = 0;
        for (int i : byName) {
            String name = catalogue.get(i).name();
            for (; o < outside.size() && outside.get(o).exercise().compareTo(name) < 0; o++, k++) {
                Ranked r = outside.get(o);
                names[k] = r.exercise();
                p[k] = r.p();
                levels[k] = r.level();
                catalogueIndex[k] = -1;
            }
            names[k] = name;
            p[k] = byIndex[i];
            levels[k] = levelByIndex[i] != null ? levelByIndex[i] : MasteryLevel.UNPRACTICED;
            catalogueIndex[k] = i;
            k++;
        }
        for (; o < outside.size(); o++, k++) {
            Ranked r = outside.get(o);
            names[k] = r.exercise();
            p[k] = r.p();
            levels[k] = r.level();
            catalogueIndex[k] = -1;
        }

        int[] order = highestPFirst(p);
        int size = limit > 0 ? Math.min(limit, n) : n;
        List<Ranked> ranked = new ArrayList<>(size);
        for (int r = 0; r < size; r++) {
            int e = order[r];
            ranked.add(new Ranked(names[e], p[e], levels[e], catalogueIndex[e]));
        }
        return ranked;
    }

    /** How many of {@code ranked} were predicted with a theta of their own (for the predictions metric). */
    public static long ownThetas(List<Ranked> ranked, ExerciseCatalogue catalogue, KnowledgeModel model) {
        CataloguePredictor predictor = predictor(catalogue, model);
        long own = 0;
        for (Ranked r : ranked) {
            if (r.inCatalogue() ? predictor.ownTheta(r.catalogueIndex()) : model.exerciseThetas().containsKey(r.exercise())) {
                own++;
            }
        }
        return own;
    }

    /**
     * Positions 0..n-1 ordered by {@code p} descending, ties by position ascending — exactly, without
     * sorting objects: each position becomes one long, its p's distance from 1.0 (as ordered bits,
     * with the lowest bits dropped to make room) above the position, and the longs are sorted as
     * primitives. Dropping bits can only leave two p's closer than about 1e-12 (relative) in position
     * order; a final insertion pass with the exact comparison puts those right, and costs one compare
     * per entry when nothing is out of place. p must be in [0, 1], as a sigmoid's is.
     */
    static int[] highestPFirst(double[] p) {
        int n = p.length;
        int shift = Math.max(1, 32 - Integer.numberOfLeadingZeros(n));
        long mask = (1L << shift) - 1;
        long one = Double.doubleToRawLongBits(1.0);
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            long fromOne = one - Double.doubleToRawLongBits(p[i]); // 0 for p = 1, growing as p falls
            keys[i] = ((fromOne >>> shift) << shift) | i;
        }
        Arrays.sort(keys);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = (int) (keys[i] & mask);
        }
        for (int i = 1; i < n; i++) {
            int v = order[i];
            int j = i - 1;
            while (j >= 0 && (p[order[j]] < p[v] || (p[order[j]] == p[v] && order[j] > v))) {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = v;
        }
        return order;
    }

    /**
     * One line of RankExercises: an exercise, its p and level, and its position in the catalogue (-1:
     * not in it), which lets the reply use the catalogue's pre-encoded names.
     */
    public record Ranked(String exercise, double p, MasteryLevel level, int catalogueIndex) {
        public boolean inCatalogue() {
            return catalogueIndex >= 0;
        }
    }
}
