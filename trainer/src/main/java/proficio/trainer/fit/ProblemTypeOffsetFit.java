package proficio.trainer.fit;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import proficio.model.predict.Theta;
import proficio.trainer.replay.ExerciseRows;

/**
 * A difficulty offset per (exercise, problem type), fitted after the thetas: with each row's z = θ·x
 * fixed, each problem type's offset b minimises
 *
 * <pre>  Σ_{rows of the type} [log(1 + e^{z+b}) − y (z+b)] + ½ λ b²</pre>
 *
 * by one-dimensional Newton steps. The penalty shrinks a type seen a few times toward 0, the average
 * problem of its exercise. {@link #fitJointly} alternates this with refitting the exercise's theta
 * with the offsets fixed (block-coordinate descent on the joint objective, each block solved
 * exactly), a few rounds: every round lowers the joint objective, and the result is deterministic.
 * Rows without a problem type ("") get no offset.
 */
public final class ProblemTypeOffsetFit {

    public static final double DEFAULT_LAMBDA = 2.0;
    /** Rounds of (theta, offsets) alternation after the first offsets. */
    public static final int DEFAULT_ROUNDS = 3;
    private static final int MAX_STEPS = 50;
    private static final double STEP_TOLERANCE = 1e-10;

    private final double lambda;

    public ProblemTypeOffsetFit(double lambda) {
        if (!(lambda > 0) || !Double.isFinite(lambda)) {
            throw new IllegalArgumentException("offset lambda must be a positive number, was " + lambda);
        }
        this.lambda = lambda;
    }

    /**
     * Thetas and offsets after {@code rounds} rounds of alternation, starting from the thetas of
     * {@code fit}. Exercises without a theta of their own keep the global theta and get offsets under it.
     *
     * @param thetas  by exercise, the refitted thetas of the exercises that had one
     * @param offsets by exercise, problem type → offset
     */
    public record Joint(Map<String, Theta> thetas, Map<String, Map<String, Double>> offsets) {
    }

    public Joint fitJointly(Fitter fitter, FitResult fit, Iterable<ExerciseRows> train, int rounds) {
        Map<String, double[]> own = new HashMap<>();
        for (ExerciseFit e : fit.exercises()) {
            own.put(e.exercise(), e.theta());
        }
        Theta global = Theta.of(fit.globalTheta());
        Map<String, Theta> thetas = new HashMap<>();
        Map<String, Map<String, Double>> offsets = new HashMap<>();
        for (ExerciseRows rows : train) {
            double[] theta = own.get(rows.exercise());
            Map<String, Double> o = fit(theta != null ? Theta.of(theta) : global, rows);
            if (theta != null) {
                for (int round = 0; round < rounds; round++) {
                    theta = fitter.fitExercise(rows, fit.globalTheta(), rowOffsets(rows, o), theta).theta();
                    o = fit(Theta.of(theta), rows);
                }
                thetas.put(rows.exercise(), Theta.of(theta));
            }
            if (!o.isEmpty()) {
                offsets.put(rows.exercise(), o);
            }
        }
        return new Joint(thetas, offsets);
    }

    private static double[] rowOffsets(ExerciseRows rows, Map<String, Double> offsets) {
        double[] out = new double[rows.size()];
        String[] types = rows.problemType();
        for (int i = 0; i < out.length; i++) {
            Double o = types[i] == null ? null : offsets.get(types[i]);
            out[i] = o == null ? 0.0 : o;
        }
        return out;
    }

    /** One exercise: z per row, then an offset per problem type, types in name order. */
    Map<String, Double> fit(Theta theta, ExerciseRows rows) {
        int n = rows.size();
        double[] z = new double[n];
        Map<String, IntList> byType = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            z[i] = theta.dot(rows.row(i));
            String type = rows.problemType()[i];
            if (type != null && !type.isEmpty()) {
                byType.computeIfAbsent(type, t -> new IntList()).add(i);
            }
        }
        Map<String, Double> offsets = new TreeMap<>();
        byte[] y = rows.y();
        byType.forEach((type, idx) -> offsets.put(type, offset(z, y, idx)));
        return offsets;
    }

    private double offset(double[] z, byte[] y, IntList idx) {
        double b = 0;
        for (int step = 0; step < MAX_STEPS; step++) {
            double g = lambda * b;
            double h = lambda;
            for (int k = 0; k < idx.size; k++) {
                int i = idx.values[k];
                double p = 1.0 / (1.0 + Math.exp(-(z[i] + b)));
                g += p - y[i];
                h += p * (1 - p);
            }
            double delta = Math.max(-5, Math.min(5, g / h)); // damped: a far start must not overshoot
            b -= delta;
            if (Math.abs(delta) < STEP_TOLERANCE) {
                break;
            }
        }
        return b;
    }

    /** A growable int array, to keep row indices unboxed. */
    private static final class IntList {
        int[] values = new int[8];
        int size;

        void add(int v) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }
    }
}
