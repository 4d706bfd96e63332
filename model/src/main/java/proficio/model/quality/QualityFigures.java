package proficio.model.quality;

import java.util.Arrays;

/**
 * The online quality of a model's predictions over a set of answers, in sums so that cells add up
 * (over partitions, instances, days, exercises): how many answers, the summed log-likelihood of what
 * happened under the p given just before it, the summed Brier score, and a calibration histogram of
 * {@value #BINS} equal-width bins of p with the answers and the right answers in each.
 *
 * <p>Log-likelihood keeps p inside [{@link #EPS}, 1 − EPS], as the trainer's log-loss does, so a
 * confident miss costs about 34.5 nats, not infinity, and live and hold-out figures compare.
 */
public record QualityFigures(long samples, double sumLogLikelihood, double sumBrier, long[] binSamples, long[] binCorrect) {

    public static final int BINS = 10;
    public static final double EPS = 1e-15;
    public static final QualityFigures EMPTY = new QualityFigures(0, 0, 0, new long[BINS], new long[BINS]);

    public QualityFigures {
        if (binSamples.length != BINS || binCorrect.length != BINS) {
            throw new IllegalArgumentException("calibration needs " + BINS + " bins, got " + binSamples.length + " and "
                    + binCorrect.length);
        }
        if (samples < 0) {
            throw new IllegalArgumentException("samples < 0: " + samples);
        }
    }

    /** The figures of one answer: p given just before it, and whether it was right. */
    public static QualityFigures of(double p, boolean correct) {
        return EMPTY.plus(p, correct);
    }

    /** These figures with one more answer. */
    public QualityFigures plus(double p, boolean correct) {
        long[] bs = binSamples.clone();
        long[] bc = binCorrect.clone();
        int b = bin(p);
        bs[b]++;
        if (correct) {
            bc[b]++;
        }
        double miss = (correct ? 1.0 : 0.0) - p;
        return new QualityFigures(samples + 1, sumLogLikelihood + logLikelihood(p, correct), sumBrier + miss * miss, bs, bc);
    }

    /** The figures of both sets of answers together. */
    public QualityFigures plus(QualityFigures o) {
        long[] bs = binSamples.clone();
        long[] bc = binCorrect.clone();
        for (int i = 0; i < BINS; i++) {
            bs[i] += o.binSamples[i];
            bc[i] += o.binCorrect[i];
        }
        return new QualityFigures(samples + o.samples, sumLogLikelihood + o.sumLogLikelihood, sumBrier + o.sumBrier, bs, bc);
    }

    /** Mean log-likelihood per answer (higher is better, 0 is perfect); NaN without answers. */
    public double meanLogLikelihood() {
        return samples == 0 ? Double.NaN : sumLogLikelihood / samples;
    }

    /** Mean Brier score per answer (lower is better); NaN without answers. */
    public double meanBrier() {
        return samples == 0 ? Double.NaN : sumBrier / samples;
    }

    /** ln p if right, ln(1 − p) if wrong, with p kept inside [EPS, 1 − EPS]. */
    public static double logLikelihood(double p, boolean correct) {
        double q = Math.min(1 - EPS, Math.max(EPS, p));
        return correct ? Math.log(q) : Math.log1p(-q);
    }

    /** The calibration bin of p: [0, 0.1) is 0, ..., [0.9, 1] is 9. */
    public static int bin(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("p outside [0, 1]: " + p);
        }
        return Math.min(BINS - 1, (int) (p * BINS));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QualityFigures f && samples == f.samples
                && Double.doubleToLongBits(sumLogLikelihood) == Double.doubleToLongBits(f.sumLogLikelihood)
                && Double.doubleToLongBits(sumBrier) == Double.doubleToLongBits(f.sumBrier)
                && Arrays.equals(binSamples, f.binSamples) && Arrays.equals(binCorrect, f.binCorrect);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(samples) * 31 + Double.hashCode(sumLogLikelihood) * 17 + Arrays.hashCode(binSamples);
    }

    @Override
    public String toString() {
        return "QualityFigures[samples=" + samples + ", sumLogLikelihood=" + sumLogLikelihood + ", sumBrier=" + sumBrier
                + ", binSamples=" + Arrays.toString(binSamples) + ", binCorrect=" + Arrays.toString(binCorrect) + "]";
    }
}
