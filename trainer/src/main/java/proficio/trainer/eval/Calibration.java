package proficio.trainer.eval;

import java.util.List;

/**
 * Predictions grouped into equal-width probability bins: [0, 0.1), [0.1, 0.2), ..., [0.9, 1].
 *
 * @param bins the bins, lowest first
 * @param ece  expected calibration error: Σ (count/total) · |mean p − observed rate|
 */
public record Calibration(List<Bin> bins, double ece) {

    /**
     * @param from         lower edge of the bin
     * @param to           upper edge
     * @param count        predictions in it
     * @param meanP        their mean probability (NaN when empty)
     * @param observedRate the fraction of those answers that were right (NaN when empty)
     */
    public record Bin(double from, double to, long count, double meanP, double observedRate) {
    }
}
