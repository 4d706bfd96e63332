package proficio.model.predict;

/** Which theta a prediction used. */
public enum ThetaSource {
    /** The exercise's own theta, fitted on its answers. */
    EXERCISE,
    /**
     * The model's global theta, because the exercise has none of its own (new, or too few answers
     * at training time). The 2014 system answered "infinitely difficult" here instead.
     */
    GLOBAL
}
