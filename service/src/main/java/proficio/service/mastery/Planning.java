package proficio.service.mastery;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntUnaryOperator;
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
                    byIndex = predictor(catalogue, model).predictUnattempted(student);
                    pending = new boolean[byIndex.length];
                    for (String e : attempted(student)) {
                        int i = catalogue.indexOf(e);
                        if (i >= 0) {
                            pending[i] = true;
                        }
                    }
                }
                if (pending[index]) {
                    byIndex[index] = predictor(catalogue, model).predictAt(index, student);
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
     * <p>The hot path of RankExercises (bench/mastery), kept to a few primitive arrays: one
     * {@link CataloguePredictor} pass gives p by catalogue index, the student's exercises are looked up
     * once each (their own p and their level), and {@link #highestPFirst} orders the entries by p and
     * name rank (the predictor's, merged with the few attempted exercises outside the catalogue). No
     * object per line: rank-all built 5,000 of them, with their arrays and the name-order layout, and
     * its allocation alone set off a young collection about every 230 calls.
     */
    public static RankedAll rankAll(MasteryPlanner planner, KnowledgeModel model, StudentSnapshot student,
                                    int limit) {
        ExerciseCatalogue catalogue = planner.catalogue();
        CataloguePredictor predictor = predictor(catalogue, model);
        int n = catalogue.size();
        double[] byIndex = predictor.predictUnattempted(student);
        MasteryLevel[] levels = new MasteryLevel[n];
        List<Ranked> outside = new ArrayList<>();
        double[] scratch = new double[predictor.dimension()];
        student.exercises().forEach((e, state) -> {
            int i = catalogue.indexOf(e);
            MasteryLevel level = student.masteryOf(e).level();
            if (i >= 0) {
                levels[i] = level;
                if (!state.isEmpty()) {
                    byIndex[i] = predictor.predictAt(i, student, scratch);
                }
            } else {
                outside.add(new Ranked(e, model.predict(e, "", student).probability(), level, -1));
            }
        });
        int[] order;
        double[] p = byIndex;
        if (outside.isEmpty()) {
            order = highestPFirst(p, predictor::nameRank, predictor::byNameAt);
        } else {
            // Outside exercise k (in name order) goes after the ip_k catalogue names less than it; a
            // catalogue name at rank r moves down by the outside names before it.
            outside.sort(Comparator.comparing(Ranked::exercise));
            int m = outside.size();
            int[] rank = new int[n + m];
            int[] entryOfRank = new int[n + m];
            int[] before = new int[n + 1];
            double[] all = Arrays.copyOf(p, n + m);
            for (int k = 0; k < m; k++) {
                int ip = insertionPoint(catalogue, predictor, outside.get(k).exercise());
                before[ip]++;
                rank[n + k] = ip + k;
                all[n + k] = outside.get(k).p();
            }
            for (int r = 1; r <= n; r++) {
                before[r] += before[r - 1];
            }
            for (int i = 0; i < n; i++) {
                int r = predictor.nameRank(i);
                rank[i] = r + before[r];
            }
            for (int e = 0; e < n + m; e++) {
                entryOfRank[rank[e]] = e;
            }
            order = highestPFirst(all, e -> rank[e], r -> entryOfRank[r]);
            p = all;
        }
        int size = limit > 0 ? Math.min(limit, order.length) : order.length;
        return new RankedAll(catalogue, outside, order, size, p, levels);
    }

    /** How many catalogue names are less than {@code name} (not in the catalogue): a binary search of the name order. */
    private static int insertionPoint(ExerciseCatalogue catalogue, CataloguePredictor predictor, String name) {
        int lo = 0;
        int hi = catalogue.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (catalogue.get(predictor.byNameAt(mid)).name().compareTo(name) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** How many of {@code ranked} were predicted with a theta of their own (for the predictions metric). */
    public static long ownThetas(RankedAll ranked, KnowledgeModel model) {
        CataloguePredictor predictor = predictor(ranked.catalogue(), model);
        long own = 0;
        for (int k = 0; k < ranked.size(); k++) {
            int i = ranked.catalogueIndex(k);
            if (i >= 0 ? predictor.ownTheta(i) : model.exerciseThetas().containsKey(ranked.exercise(k))) {
                own++;
            }
        }
        return own;
    }

    /**
     * Entries 0..n-1 ordered by {@code p} descending, ties by rank ascending — exactly, without sorting
     * objects: each entry becomes one long, its p's distance from 1.0 (as ordered bits, with the lowest
     * bits dropped to make room) above its rank, and the longs are sorted as primitives. Dropping bits
     * can only leave two p's closer than about 1e-12 (relative) in rank order; a final insertion pass
     * with the exact comparison puts those right, and costs one compare per entry when nothing is out
     * of place. p must be in [0, 1], as a sigmoid's is.
     *
     * @param rank        entry to its rank, a permutation of 0..n-1 (here: the name order)
     * @param entryOfRank the inverse permutation
     */
    static int[] highestPFirst(double[] p, IntUnaryOperator rank, IntUnaryOperator entryOfRank) {
        int n = p.length;
        int shift = Math.max(1, 32 - Integer.numberOfLeadingZeros(n));
        long mask = (1L << shift) - 1;
        long one = Double.doubleToRawLongBits(1.0);
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            long fromOne = one - Double.doubleToRawLongBits(p[i]); // 0 for p = 1, growing as p falls
            keys[i] = ((fromOne >>> shift) << shift) | rank.applyAsInt(i);
        }
        Arrays.sort(keys);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = entryOfRank.applyAsInt((int) (keys[i] & mask));
        }
        for (int i = 1; i < n; i++) {
            int v = order[i];
            double pv = p[v];
            int rv = rank.applyAsInt(v);
            int j = i - 1;
            while (j >= 0 && (p[order[j]] < pv || (p[order[j]] == pv && rank.applyAsInt(order[j]) > rv))) {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = v;
        }
        return order;
    }

    /**
     * RankExercises' lines, highest p first: line k is entry {@code order[k]}, a catalogue index below
     * the catalogue's size, else the attempted exercise {@code outside[entry - size]} outside it. Arrays,
     * not a list of lines, so that a reply can be written from them directly.
     */
    public static final class RankedAll {
        private final ExerciseCatalogue catalogue;
        private final List<Ranked> outside;
        private final int[] order;
        private final int size;
        private final double[] p;
        private final MasteryLevel[] levels;

        private RankedAll(ExerciseCatalogue catalogue, List<Ranked> outside, int[] order, int size, double[] p,
                          MasteryLevel[] levels) {
            this.catalogue = catalogue;
            this.outside = outside;
            this.order = order;
            this.size = size;
            this.p = p;
            this.levels = levels;
        }

        /**
         * These lines, in this order: an in-catalogue line is named by {@code catalogue} at its index
         * (tests; a reply made from lines ranked elsewhere).
         */
        public static RankedAll of(ExerciseCatalogue catalogue, List<Ranked> lines) {
            int n = catalogue.size();
            List<Ranked> outside = new ArrayList<>();
            double[] p = new double[n + lines.size()];
            MasteryLevel[] levels = new MasteryLevel[n];
            int[] order = new int[lines.size()];
            for (int k = 0; k < lines.size(); k++) {
                Ranked r = lines.get(k);
                int e = r.inCatalogue() ? r.catalogueIndex() : n + outside.size();
                if (r.inCatalogue()) {
                    levels[e] = r.level();
                } else {
                    outside.add(r);
                }
                p[e] = r.p();
                order[k] = e;
            }
            return new RankedAll(catalogue, outside, order, order.length, p, levels);
        }

        public ExerciseCatalogue catalogue() {
            return catalogue;
        }

        /** The number of lines. */
        public int size() {
            return size;
        }

        /** Line {@code k}'s position in the catalogue, -1 for an exercise outside it. */
        public int catalogueIndex(int k) {
            int e = order[k];
            return e < catalogue.size() ? e : -1;
        }

        public String exercise(int k) {
            int e = order[k];
            return e < catalogue.size() ? catalogue.get(e).name() : outside.get(e - catalogue.size()).exercise();
        }

        public double p(int k) {
            return p[order[k]];
        }

        public MasteryLevel level(int k) {
            int e = order[k];
            if (e >= catalogue.size()) {
                return outside.get(e - catalogue.size()).level();
            }
            return levels[e] != null ? levels[e] : MasteryLevel.UNPRACTICED;
        }

        /** The lines as values (tests, small callers). */
        public List<Ranked> toList() {
            List<Ranked> lines = new ArrayList<>(size);
            for (int k = 0; k < size; k++) {
                lines.add(new Ranked(exercise(k), p(k), level(k), catalogueIndex(k)));
            }
            return lines;
        }
    }

    /** One line of RankExercises: an exercise, its p and level, and its position in the catalogue (-1: not in it). */
    public record Ranked(String exercise, double p, MasteryLevel level, int catalogueIndex) {
        public boolean inCatalogue() {
            return catalogueIndex >= 0;
        }
    }
}
