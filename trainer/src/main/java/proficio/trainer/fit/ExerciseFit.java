package proficio.trainer.fit;

/**
 * One exercise's fitted theta.
 *
 * @param exercise   the exercise
 * @param theta      its weights
 * @param rows       training rows it was fitted on
 * @param logLoss    summed training log-loss at theta
 * @param objective  log-loss plus penalty at theta
 * @param iterations solver steps: L-BFGS steps (see {@link Fitter#fitExercise})
 * @param converged  whether the fit met its tolerance
 */
public record ExerciseFit(String exercise, double[] theta, int rows, double logLoss, double objective, int iterations,
                          boolean converged) {
}
