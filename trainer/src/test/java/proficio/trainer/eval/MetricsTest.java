package proficio.trainer.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MetricsTest {

    /** AUC by definition: over all (right, wrong) pairs, 1 when the right one scored higher, ½ on a tie. */
    static double bruteAuc(double[] p, byte[] y) {
        double s = 0;
        long pairs = 0;
        for (int i = 0; i < p.length; i++) {
            for (int j = 0; j < p.length; j++) {
                if (y[i] == 1 && y[j] == 0) {
                    pairs++;
                    s += p[i] > p[j] ? 1 : p[i] == p[j] ? 0.5 : 0;
                }
            }
        }
        return s / pairs;
    }

    @Test
    void auc_equalsThePairwiseDefinition_withManyTies() {
        Random r = new Random(3);
        double[] p = new double[600];
        byte[] y = new byte[600];
        for (int i = 0; i < p.length; i++) {
            p[i] = r.nextInt(7) / 6.0; // 7 distinct values: ties everywhere
            y[i] = (byte) (r.nextDouble() < 0.3 + 0.5 * p[i] ? 1 : 0);
        }

        assertThat(Metrics.auc(p, y)).isCloseTo(bruteAuc(p, y), within(1e-12));
    }

    @Test
    void auc_isOneForAPerfectRanking_halfForAConstant_andZeroForAReversedOne() {
        double[] p = {0.1, 0.2, 0.8, 0.9};
        byte[] y = {0, 0, 1, 1};

        assertThat(Metrics.auc(p, y)).isEqualTo(1.0);
        assertThat(Metrics.auc(new double[] {0.5, 0.5, 0.5, 0.5}, y)).isEqualTo(0.5);
        assertThat(Metrics.auc(p, new byte[] {1, 1, 0, 0})).isEqualTo(0.0);
        assertThat(Metrics.auc(p, new byte[] {1, 1, 1, 1})).isNaN();
    }

    @Test
    void logLossAndBrier_matchHandWorkedValues() {
        double[] p = {0.8, 0.4};
        byte[] y = {1, 0};

        assertThat(Metrics.logLoss(p, y)).isCloseTo(-(Math.log(0.8) + Math.log(0.6)) / 2, within(1e-15));
        assertThat(Metrics.brier(p, y)).isCloseTo((0.04 + 0.16) / 2, within(1e-15));
        // A confident miss costs a lot but stays finite.
        assertThat(Metrics.logLoss(new double[] {1.0}, new byte[] {0})).isFinite().isGreaterThan(30);
    }

    @Test
    void calibration_binsByProbability_andEceWeighsEachBinsGapByItsShare() {
        // 4 predictions at 0.15 with 1 right (rate .25), 6 at 0.85 with 6 right (rate 1).
        double[] p = {0.15, 0.15, 0.15, 0.15, 0.85, 0.85, 0.85, 0.85, 0.85, 0.85};
        byte[] y = {1, 0, 0, 0, 1, 1, 1, 1, 1, 1};

        Calibration c = Metrics.calibration(p, y);

        assertThat(c.bins()).hasSize(10);
        assertThat(c.bins().get(1).count()).isEqualTo(4);
        assertThat(c.bins().get(1).observedRate()).isEqualTo(0.25);
        assertThat(c.bins().get(8).count()).isEqualTo(6);
        assertThat(c.bins().get(8).meanP()).isCloseTo(0.85, within(1e-12));
        assertThat(c.bins().get(0).count()).isZero();
        assertThat(c.ece()).isCloseTo(0.4 * 0.10 + 0.6 * 0.15, within(1e-12));
        // p = 1.0 lands in the last bin, not past it.
        assertThat(Metrics.calibration(new double[] {1.0}, new byte[] {1}).bins().get(9).count()).isEqualTo(1);
    }
}
