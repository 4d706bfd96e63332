package proficio.model.predict;

import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import proficio.model.catalogue.ExerciseCatalogue;
import proficio.model.feature.StudentView;
import java.util.stream.IntStream;

/**
 * One model's predictions for every exercise of one catalogue, a student at a time: the hot path of
 * RankExercises and of the planner's scan for challenge cards.
 *
 * <p>Built once per (catalogue, model) pair: each catalogue exercise's theta (its own, else the global
 * one) and average-problem offset are resolved into arrays by catalogue index, so a student costs one
 * shared feature vector, one dot product per never-attempted exercise, and
 * {@link KnowledgeModel#predict} for each attempted one, with no lookup by name per catalogue
 * exercise. Exercises on the global theta with no offset all have the same p, computed once. Every
 * value equals {@code model.predict(exercise, "", student).probability()} bit for bit.
 *
 * <p>The other thetas are packed row after row in one array and dotted four rows at a time. A dot
 * product summed in index order (the bit-for-bit contract of {@link Theta#dot}) is one chain of
 * dependent additions, so one row at a time waits on the adder's latency at every weight; four rows,
 * each still summed in index order, keep four independent chains in flight. The result is the same
 * to the bit and about three times faster (5,000 × 107 weights: the bulk of a RankExercises call).
 */
public final class CataloguePredictor {

    private final ExerciseCatalogue catalogue;
    private final KnowledgeModel model;
    private final double[] offsets;
    private final boolean[] sharesGlobal;
    private final boolean[] ownTheta;
    private final int[] byName;
    private final int dimension;
    /** The catalogue index of each packed row, in catalogue order. */
    private final int[] rowExercise;
    /** Row r's weights are {@code rows[r * dimension .. (r + 1) * dimension)}. */
    private final double[] rows;

    private CataloguePredictor(ExerciseCatalogue catalogue, KnowledgeModel model) {
        this.catalogue = catalogue;
        this.model = model;
        int n = catalogue.size();
        dimension = model.globalTheta().dimension();
        offsets = new double[n];
        sharesGlobal = new boolean[n];
        ownTheta = new boolean[n];
        Theta[] thetas = new Theta[n];
        int packed = 0;
        for (int i = 0; i < n; i++) {
            String name = catalogue.get(i).name();
            Theta own = model.exerciseThetas().get(name);
            thetas[i] = own != null ? own : model.globalTheta();
            ownTheta[i] = own != null;
            offsets[i] = model.problemTypeOffsets().getOrDefault(name, Map.of()).getOrDefault("", 0.0);
            sharesGlobal[i] = own == null && offsets[i] == 0.0;
            if (!sharesGlobal[i]) {
                packed++;
            }
        }
        rowExercise = new int[packed];
        rows = new double[packed * dimension];
        for (int i = 0, r = 0; i < n; i++) {
            if (!sharesGlobal[i]) {
                rowExercise[r] = i;
                System.arraycopy(thetas[i].toArray(), 0, rows, r * dimension, dimension);
                r++;
            }
        }
        byName = IntStream.range(0, n).boxed()
                .sorted(Comparator.comparing(i -> catalogue.get(i).name()))
                .mapToInt(Integer::intValue).toArray();
    }

    public static CataloguePredictor of(ExerciseCatalogue catalogue, KnowledgeModel model) {
        return new CataloguePredictor(Objects.requireNonNull(catalogue, "catalogue"), Objects.requireNonNull(model, "model"));
    }

    /** Whether this was built for exactly these two (by identity: a reload or a swap makes new ones). */
    public boolean isFor(ExerciseCatalogue catalogue, KnowledgeModel model) {
        return this.catalogue == catalogue && this.model == model;
    }

    public ExerciseCatalogue catalogue() {
        return catalogue;
    }

    public KnowledgeModel model() {
        return model;
    }

    /** Whether the catalogue exercise at {@code index} has a theta of its own (else the global one). */
    public boolean ownTheta(int index) {
        return ownTheta[index];
    }

    /** The catalogue indexes in order of exercise name ({@link String#compareTo}); a copy. */
    public int[] byName() {
        return byName.clone();
    }

    /**
     * p for every catalogue exercise, by catalogue index, for {@code student}.
     *
     * @param attempted the exercises {@code student} has a non-empty state for; the others are predicted
     *                  from the shared never-attempted vector
     */
    public double[] predict(StudentView student, Collection<String> attempted) {
        double[] x = model.unattempted(student).vector();
        double[] p = new double[sharesGlobal.length];
        double global = model.globalTheta().probability(x, 0.0);
        for (int i = 0; i < p.length; i++) {
            if (sharesGlobal[i]) {
                p[i] = global;
            }
        }
        int d = dimension;
        int r = 0;
        for (; r + 4 <= rowExercise.length; r += 4) {
            int b0 = r * d;
            int b1 = b0 + d;
            int b2 = b1 + d;
            int b3 = b2 + d;
            double z0 = 0.0;
            double z1 = 0.0;
            double z2 = 0.0;
            double z3 = 0.0;
            for (int j = 0; j < d; j++) {
                double xj = x[j];
                z0 += rows[b0 + j] * xj;
                z1 += rows[b1 + j] * xj;
                z2 += rows[b2 + j] * xj;
                z3 += rows[b3 + j] * xj;
            }
            set(p, rowExercise[r], z0);
            set(p, rowExercise[r + 1], z1);
            set(p, rowExercise[r + 2], z2);
            set(p, rowExercise[r + 3], z3);
        }
        for (; r < rowExercise.length; r++) {
            int b = r * d;
            double z = 0.0;
            for (int j = 0; j < d; j++) {
                z += rows[b + j] * x[j];
            }
            set(p, rowExercise[r], z);
        }
        for (String exercise : attempted) {
            int i = catalogue.indexOf(exercise);
            if (i >= 0) {
                p[i] = model.predict(exercise, "", student).probability();
            }
        }
        return p;
    }

    private void set(double[] p, int exercise, double dot) {
        p[exercise] = Theta.sigmoid(dot + offsets[exercise]);
    }
}
