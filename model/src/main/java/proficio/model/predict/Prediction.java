package proficio.model.predict;

/**
 * The probability that a student gets the next problem of an exercise right.
 *
 * @param exercise     the exercise asked about
 * @param probability  in [0, 1]
 * @param thetaSource  whether the exercise's own theta or the global fallback was used
 * @param modelVersion the model that answered
 */
public record Prediction(String exercise, double probability, ThetaSource thetaSource, String modelVersion) {
}
