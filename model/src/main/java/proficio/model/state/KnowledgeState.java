package proficio.model.state;

import java.util.Arrays;

/**
 * A student's position in the 100-dimensional knowledge space: the sum of the random components of
 * the (exercise, problem type, correct) triples of their first problem in each exercise.
 *
 * <p>Held as float32: it is the bulk of a student's stored state, and float sums are reproducible
 * as long as they are added in the same order, which the per-student event order guarantees.
 * Immutable; {@link #toArray()} hands out copies.
 */
public final class KnowledgeState {

    public static final int DIMENSIONS = 100;

    private static final KnowledgeState ZERO = new KnowledgeState(new float[DIMENSIONS]);

    private final float[] values;

    private KnowledgeState(float[] values) {
        this.values = values;
    }

    /** The state of a student who has answered nothing yet. */
    public static KnowledgeState zero() {
        return ZERO;
    }

    public static KnowledgeState of(float[] values) {
        if (values.length != DIMENSIONS) {
            throw new IllegalArgumentException("a KnowledgeState has " + DIMENSIONS + " values, got " + values.length);
        }
        return new KnowledgeState(values.clone());
    }

    public float get(int i) {
        return values[i];
    }

    public float[] toArray() {
        return values.clone();
    }

    /** This state plus one random component, added element by element in index order. */
    public KnowledgeState plus(float[] component) {
        if (component.length != DIMENSIONS) {
            throw new IllegalArgumentException("component has " + component.length + " values");
        }
        float[] sum = values.clone();
        for (int i = 0; i < DIMENSIONS; i++) {
            sum[i] += component[i];
        }
        return new KnowledgeState(sum);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KnowledgeState other && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "KnowledgeState" + Arrays.toString(Arrays.copyOf(values, 4)) + "...";
    }
}
