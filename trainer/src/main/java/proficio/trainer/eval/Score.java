package proficio.trainer.eval;

/**
 * How well one model predicted the hold-out.
 *
 * @param name        the model: constant, ka-accuracy, active, new, or a version
 * @param featureSet  the features it reads
 * @param rows        hold-out rows scored
 * @param auc         area under the ROC curve (ties count half)
 * @param logLoss     mean negative log-likelihood, nats per row
 * @param brier       mean squared error of the probability
 * @param calibration 10 bins and the expected calibration error
 */
public record Score(String name, String featureSet, long rows, double auc, double logLoss, double brier,
                    Calibration calibration) {
}
