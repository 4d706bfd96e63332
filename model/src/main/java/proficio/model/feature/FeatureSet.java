package proficio.model.feature;

import java.util.List;

/**
 * A named, versioned way of turning a student's state into the vector a theta is dotted with.
 * The service and the trainer both call {@link #vector}; that is what keeps serving and training
 * bit-for-bit the same.
 */
public interface FeatureSet {

    /** The name recorded in a model artifact, for example {@code ka2014}. */
    String name();

    /** Length of {@link #vector}'s result, the intercept included. */
    int dimension();

    /** Names of the vector's elements, in order; a theta is checked against them on load. */
    List<String> featureNames();

    /** The features for predicting the next answer in {@code exercise} from the state just before it. */
    default double[] vector(StudentView student, String exercise) {
        double[] x = new double[dimension()];
        write(student, exercise, x);
        return x;
    }

    /**
     * Writes {@link #vector} into {@code x[0 .. dimension())}, every one of those elements: the one
     * definition of the features, for callers that reuse one array (ranking a catalogue predicts each
     * of a student's hundreds of exercises; an array apiece was a third of what that call allocated).
     */
    void write(StudentView student, String exercise, double[] x);

    /**
     * Whether {@link #vector} reads totals over all of the student's exercises
     * ({@link StudentView#totalDone()}), so a view of one exercise alone will not do: whoever builds
     * the view loads every exercise, or takes the totals the student's sequence keeps
     * ({@link StudentView#ofExercise}).
     */
    default boolean needsWholeStudent() {
        return false;
    }

    /**
     * Whether {@link #vector} reads {@link StudentView#sequence()}, state across exercises in event
     * order that only some views keep.
     */
    default boolean needsSequence() {
        return false;
    }
}
