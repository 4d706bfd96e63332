package proficio.trainer.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Scores a column of predicted probabilities against the answers. */
public final class Metrics {

    /** Probabilities are kept inside [EPS, 1 − EPS] for the log-loss, so a confident miss costs ~34.5 nats, not infinity. */
    public static final double EPS = 1e-15;
    public static final int BINS = 10;

    private Metrics() {
    }

    public static Score score(String name, String featureSet, double[] p, byte[] y) {
        if (p.length != y.length) {
            throw new IllegalArgumentException(p.length + " predictions for " + y.length + " answers");
        }
        return new Score(name, featureSet, p.length, auc(p, y), logLoss(p, y), brier(p, y), calibration(p, y));
    }

    /**
     * The probability that a random right answer got a higher prediction than a random wrong one, ties
     * counting half: the Mann-Whitney statistic from ranks after one sort, O(n log n), exact. NaN
     * when the answers are all right or all wrong.
     */
    public static double auc(double[] p, byte[] y) {
        int n = p.length;
        long positives = 0;
        for (byte b : y) {
            positives += b;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        int[] idx = sortIndex(p);
        double rankSumPositives = 0; // ranks 1-based, ties get their mean rank
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && p[idx[j + 1]] == p[idx[i]]) {
                j++;
            }
            double meanRank = (i + 1 + j + 1) / 2.0;
            for (int k = i; k <= j; k++) {
                if (y[idx[k]] != 0) {
                    rankSumPositives += meanRank;
                }
            }
            i = j + 1;
        }
        double u = rankSumPositives - positives * (positives + 1) / 2.0;
        return u / ((double) positives * negatives);
    }

    /** Indices of {@code p} in ascending order of value. */
    static int[] sortIndex(double[] p) {
        int n = p.length;
        int[] out = new int[n];
        Integer[] boxed = new Integer[n];
        for (int i = 0; i < n; i++) {
            boxed[i] = i;
        }
        Arrays.sort(boxed, (a, b) -> Double.compare(p[a], p[b]));
        for (int i = 0; i < n; i++) {
            out[i] = boxed[i];
        }
        return out;
    }

    public static double logLoss(double[] p, byte[] y) {
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            double q = Math.min(1 - EPS, Math.max(EPS, p[i]));
            s -= y[i] != 0 ? Math.log(q) : Math.log1p(-q);
        }
        return p.length == 0 ? Double.NaN : s / p.length;
    }

    public static double brier(double[] p, byte[] y) {
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            double e = p[i] - y[i];
            s += e * e;
        }
        return p.length == 0 ? Double.NaN : s / p.length;
    }

    public static Calibration calibration(double[] p, byte[] y) {
        long[] count = new long[BINS];
        double[] sumP = new double[BINS];
        long[] right = new long[BINS];
        for (int i = 0; i < p.length; i++) {
            int b = Math.min(BINS - 1, Math.max(0, (int) Math.floor(p[i] * BINS)));
            count[b]++;
            sumP[b] += p[i];
            right[b] += y[i];
        }
        List<Calibration.Bin> bins = new ArrayList<>();
        double ece = 0;
        for (int b = 0; b < BINS; b++) {
            double meanP = count[b] == 0 ? Double.NaN : sumP[b] / count[b];
            double rate = count[b] == 0 ? Double.NaN : (double) right[b] / count[b];
            bins.add(new Calibration.Bin((double) b / BINS, (double) (b + 1) / BINS, count[b], meanP, rate));
            if (count[b] > 0) {
                ece += (double) count[b] / p.length * Math.abs(meanP - rate);
            }
        }
        return new Calibration(bins, p.length == 0 ? Double.NaN : ece);
    }
}
