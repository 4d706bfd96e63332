package proficio.trainer.fit;

/**
 * The global theta's fit.
 *
 * @param theta      the weights
 * @param rows       rows it was fitted on
 * @param logLoss    summed training log-loss at theta
 * @param iterations Newton iterations
 * @param converged  whether it met its tolerance
 * @param seconds    wall time
 */
public record GlobalFit(double[] theta, long rows, double logLoss, int iterations, boolean converged, double seconds) {
}
