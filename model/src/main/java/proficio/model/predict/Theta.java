package proficio.model.predict;

import java.util.Arrays;

/** Logistic-regression weights, one per element of a feature set's vector. Immutable. */
public final class Theta {

    /** z is clamped to [-Z_LIMIT, Z_LIMIT] before the sigmoid, as the 2014 model did. */
    public static final double Z_LIMIT = 100.0;

    private final double[] weights;

    private Theta(double[] weights) {
        this.weights = weights;
    }

    public static Theta of(double... weights) {
        for (int i = 0; i < weights.length; i++) {
            if (!Double.isFinite(weights[i])) {
                throw new IllegalArgumentException("theta weight " + i + " is not finite: " + weights[i]);
            }
        }
        return new Theta(weights.clone());
    }

    public int dimension() {
        return weights.length;
    }

    public double get(int i) {
        return weights[i];
    }

    public double[] toArray() {
        return weights.clone();
    }

    /**
     * This theta with each weight rounded to the nearest float (7 significant digits, a relative change
     * of at most 6e-8: far below what a fit can tell apart). The trainer publishes thetas so, which halves
     * what a pass over a catalogue's thetas reads ({@link CataloguePredictor}); the values stay doubles,
     * so every dot product is computed exactly as before.
     */
    public Theta atFloatPrecision() {
        double[] rounded = new double[weights.length];
        for (int i = 0; i < weights.length; i++) {
            rounded[i] = (float) weights[i];
        }
        return Theta.of(rounded);
    }

    /** Whether every weight is exactly a float, so holding it as one loses nothing. */
    public boolean isAtFloatPrecision() {
        for (double w : weights) {
            if ((double) (float) w != w) {
                return false;
            }
        }
        return true;
    }

    /** theta · x, summed in index order (the order is part of the bit-for-bit contract). */
    public double dot(double[] x) {
        if (x.length != weights.length) {
            throw new IllegalArgumentException("theta has " + weights.length + " weights, vector has " + x.length);
        }
        double z = 0.0;
        for (int i = 0; i < x.length; i++) {
            z += weights[i] * x[i];
        }
        return z;
    }

    /** The probability of a right answer: sigmoid(theta · x), z clamped to ±100. */
    public double probability(double[] x) {
        return probability(x, 0.0);
    }

    /** sigmoid(theta · x + offset), z clamped to ±100; the offset is a problem type's difficulty. */
    public double probability(double[] x, double offset) {
        return sigmoid(dot(x) + offset);
    }

    /** 1 / (1 + e^-z), z clamped to ±100: the one place a z becomes a p. */
    public static double sigmoid(double z) {
        double clamped = Math.max(-Z_LIMIT, Math.min(Z_LIMIT, z));
        return 1.0 / (1.0 + Math.exp(-clamped));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Theta other && Arrays.equals(weights, other.weights);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(weights);
    }

    @Override
    public String toString() {
        return "Theta" + Arrays.toString(Arrays.copyOf(weights, Math.min(7, weights.length)))
                + (weights.length > 7 ? "...(" + weights.length + ")" : "");
    }
}
