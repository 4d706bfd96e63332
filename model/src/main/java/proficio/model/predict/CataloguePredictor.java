package proficio.model.predict;

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
 * {@link #predictAt} (the same value) for each attempted one, with no lookup by name per catalogue
 * exercise. Exercises on the global theta with no offset all have the same p, computed once. Every
 * value equals {@code model.predict(exercise, "", student).probability()} bit for bit.
 *
 * <p>The other thetas are packed weight-major: weight j of every packed exercise side by side, then
 * weight j + 1. A pass adds {@code w[j] * x[j]} to every exercise's running sum for j = 0, 1, ..., so
 * each sum still runs in index order, as {@link Theta#dot} adds (the bit-for-bit contract), while the
 * inner loop over exercises has no dependency from one step to the next and the JIT turns it into
 * vector instructions. 5,000 × 107 weights are 4.3 MB as doubles, more than a core's cache: the pass
 * is bound by memory reads, so when every packed weight is exactly a float (as the trainer publishes
 * them, {@link Theta#atFloatPrecision}) they are kept as floats, half the bytes, with the same values
 * and so the same sums. Against one row at a time, four rows in flight (the previous layout), weight-
 * major doubles and weight-major floats took 722, 581 and 331 µs a pass with the caches flushed
 * between passes (a micro-benchmark on this 2-core machine; loadtest/README.md).
 */
public final class CataloguePredictor {

    private final ExerciseCatalogue catalogue;
    private final KnowledgeModel model;
    private final double[] offsets;
    /** Each catalogue exercise's theta: its own, else the global one. */
    private final Theta[] thetas;
    private final boolean[] sharesGlobal;
    private final boolean[] ownTheta;
    private final int[] byName;
    /** The inverse of {@link #byName}: the position of catalogue index i in name order. */
    private final int[] nameRank;
    private final int dimension;
    /** The catalogue index of each packed exercise, in catalogue order. */
    private final int[] rowExercise;
    /** Weight j of packed exercise r is at {@code j * rowExercise.length + r}: in one of these, the other null. */
    private final double[] weights;
    private final float[] floatWeights;

    private CataloguePredictor(ExerciseCatalogue catalogue, KnowledgeModel model) {
        this.catalogue = catalogue;
        this.model = model;
        int n = catalogue.size();
        dimension = model.globalTheta().dimension();
        offsets = new double[n];
        sharesGlobal = new boolean[n];
        ownTheta = new boolean[n];
        thetas = new Theta[n];
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
        double[] w = new double[packed * dimension];
        boolean floatExact = true;
        for (int i = 0, r = 0; i < n; i++) {
            if (!sharesGlobal[i]) {
                rowExercise[r] = i;
                double[] theta = thetas[i].toArray();
                for (int j = 0; j < dimension; j++) {
                    w[j * packed + r] = theta[j];
                }
                floatExact &= thetas[i].isAtFloatPrecision();
                r++;
            }
        }
        if (floatExact) {
            floatWeights = new float[w.length];
            for (int k = 0; k < w.length; k++) {
                floatWeights[k] = (float) w[k];
            }
            weights = null;
        } else {
            floatWeights = null;
            weights = w;
        }
        byName = IntStream.range(0, n).boxed()
                .sorted(Comparator.comparing(i -> catalogue.get(i).name()))
                .mapToInt(Integer::intValue).toArray();
        nameRank = new int[n];
        for (int r = 0; r < n; r++) {
            nameRank[byName[r]] = r;
        }
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

    /** The catalogue index of the exercise at {@code rank} in name order ({@link String#compareTo}). */
    public int byNameAt(int rank) {
        return byName[rank];
    }

    /** The position of the catalogue exercise at {@code index} in name order (the inverse of {@link #byNameAt}). */
    public int nameRank(int index) {
        return nameRank[index];
    }

    /**
     * p of the catalogue exercise at {@code index} from the student's state in it (an attempted exercise):
     * {@code model.predict(name, "", student).probability()} to the bit, with the theta and offset looked
     * up once per predictor rather than by name per call.
     */
    public double predictAt(int index, StudentView student) {
        return predictAt(index, student, new double[dimension]);
    }

    /** {@link #predictAt(int, StudentView)} with the features written into {@code scratch} (its dimension, reused). */
    public double predictAt(int index, StudentView student, double[] scratch) {
        model.featureSet().write(student, catalogue.get(index).name(), scratch);
        return thetas[index].probability(scratch, offsets[index]);
    }

    /** The length of the feature vector, for {@link #predictAt(int, StudentView, double[])}'s scratch. */
    public int dimension() {
        return dimension;
    }

    /**
     * p for every catalogue exercise, by catalogue index, as if {@code student} had never attempted it:
     * from the shared never-attempted vector. Exact for the exercises the student has no state in; the
     * caller replaces the attempted ones' entries with {@link #predictAt} (it knows which they are, and
     * looking them up here again cost a name lookup each).
     */
    public double[] predictUnattempted(StudentView student) {
        double[] x = model.unattempted(student).vector();
        double[] p = new double[sharesGlobal.length];
        double global = model.globalTheta().probability(x, 0.0);
        for (int i = 0; i < p.length; i++) {
            if (sharesGlobal[i]) {
                p[i] = global;
            }
        }
        double[] z = floatWeights != null ? dots(floatWeights, x) : dots(weights, x);
        for (int r = 0; r < rowExercise.length; r++) {
            int i = rowExercise[r];
            p[i] = Theta.sigmoid(z[r] + offsets[i]);
        }
        return p;
    }

    /** θ·x of every packed exercise, each summed in index order (see the class comment). */
    private double[] dots(double[] w, double[] x) {
        int rows = rowExercise.length;
        double[] z = new double[rows];
        for (int j = 0; j < dimension; j++) {
            double xj = x[j];
            int base = j * rows;
            for (int r = 0; r < rows; r++) {
                z[r] += w[base + r] * xj;
            }
        }
        return z;
    }

    /** The same with the weights held as floats: each widens to the double it was, exactly. */
    private double[] dots(float[] w, double[] x) {
        int rows = rowExercise.length;
        double[] z = new double[rows];
        for (int j = 0; j < dimension; j++) {
            double xj = x[j];
            int base = j * rows;
            for (int r = 0; r < rows; r++) {
                z[r] += w[base + r] * xj;
            }
        }
        return z;
    }

    /** Whether the packed weights are held as floats (every one of them is exactly a float). */
    boolean holdsFloats() {
        return floatWeights != null;
    }
}
