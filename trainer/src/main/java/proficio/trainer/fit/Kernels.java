package proficio.trainer.fit;

/**
 * The inner loops of the fit over one {@link RowBlock}: plain loops over contiguous row-major arrays,
 * each summing in a fixed order. A row's z is its run's slow part (computed once per run) plus its
 * fast part; gradients of slow columns are summed per run, then scaled by the run's values.
 */
final class Kernels {

    private Kernels() {
    }

    /** log(1 + e^z) without overflow. */
    static double softplus(double z) {
        return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
    }

    static double sigmoid(double z) {
        return z >= 0 ? 1.0 / (1.0 + Math.exp(-z)) : Math.exp(z) / (1.0 + Math.exp(z));
    }

    private static double[] gather(double[] theta, int[] columns) {
        double[] out = new double[columns.length];
        for (int j = 0; j < columns.length; j++) {
            out[j] = theta[columns[j]];
        }
        return out;
    }

    /**
     * Log-loss of the block at {@code theta}, its gradient added into {@code grad}, and p(1 - p) per
     * row into the block's scratch for a Hessian pass at the same point.
     *
     * @return the summed log-loss
     */
    static double lossAndGradient(RowBlock b, double[] theta, double[] grad) {
        final int f = b.fastColumns.length;
        final int s = b.slowColumns.length;
        final double[] tf = gather(theta, b.fastColumns);
        final double[] ts = gather(theta, b.slowColumns);
        final double[] xf = b.xf;
        final double[] xs = b.xs;
        final double[] gf = new double[f];
        final double[] gs = new double[s];
        double loss = 0;
        for (int r = 0; r < b.runs(); r++) {
            double zs = 0;
            int os = r * s;
            for (int j = 0; j < s; j++) {
                zs += ts[j] * xs[os + j];
            }
            double residuals = 0;
            for (int i = b.runStart[r]; i < b.runStart[r + 1]; i++) {
                int o = i * f;
                double z = b.offset == null ? zs : zs + b.offset[b.from + i];
                for (int j = 0; j < f; j++) {
                    z += tf[j] * xf[o + j];
                }
                // One exp for both: e = exp(-|z|), softplus(z) = max(z, 0) + log1p(e), sigmoid from e.
                double e = Math.exp(-Math.abs(z));
                double p = z >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
                boolean right = b.y[b.from + i] != 0;
                loss += Math.max(z, 0) + Math.log1p(e) - (right ? z : 0);
                double res = p - (right ? 1 : 0);
                for (int j = 0; j < f; j++) {
                    gf[j] += res * xf[o + j];
                }
                residuals += res;
                b.w[i] = p * (1 - p);
            }
            for (int j = 0; j < s; j++) {
                gs[j] += residuals * xs[os + j];
            }
        }
        for (int j = 0; j < f; j++) {
            grad[b.fastColumns[j]] += gf[j];
        }
        for (int j = 0; j < s; j++) {
            grad[b.slowColumns[j]] += gs[j];
        }
        return loss;
    }

    /** Log-loss of the block at {@code theta} only (for the line search). */
    static double loss(RowBlock b, double[] theta) {
        final int f = b.fastColumns.length;
        final int s = b.slowColumns.length;
        final double[] tf = gather(theta, b.fastColumns);
        final double[] ts = gather(theta, b.slowColumns);
        double loss = 0;
        for (int r = 0; r < b.runs(); r++) {
            double zs = 0;
            for (int j = 0; j < s; j++) {
                zs += ts[j] * b.xs[r * s + j];
            }
            for (int i = b.runStart[r]; i < b.runStart[r + 1]; i++) {
                double z = b.offset == null ? zs : zs + b.offset[b.from + i];
                for (int j = 0; j < f; j++) {
                    z += tf[j] * b.xf[i * f + j];
                }
                loss += softplus(z) - (b.y[b.from + i] != 0 ? z : 0);
            }
        }
        return loss;
    }

    /**
     * Adds the block's X^T W X into the upper triangle of {@code h}, a d×d row-major matrix in the
     * original column order, with W the scratch weights of the last {@link #lossAndGradient} pass.
     * Fast×fast per row; fast×slow and slow×slow per run, with the run's summed weights.
     */
    static void hessianUpper(RowBlock b, double[] h) {
        final int d = b.d;
        final int f = b.fastColumns.length;
        final int s = b.slowColumns.length;
        final int runs = b.runs();
        double[] hff = new double[f * f];
        syrkUpper(b.xf, f, b.w, b.size(), hff);
        if (s > 0) {
            double[] c = new double[runs];
            double[] hfs = new double[f * s];
            double[] u = new double[f];
            for (int r = 0; r < runs; r++) {
                java.util.Arrays.fill(u, 0);
                double cr = 0;
                for (int i = b.runStart[r]; i < b.runStart[r + 1]; i++) {
                    double wi = b.w[i];
                    cr += wi;
                    for (int j = 0; j < f; j++) {
                        u[j] += wi * b.xf[i * f + j];
                    }
                }
                c[r] = cr;
                int os = r * s;
                for (int j = 0; j < f; j++) {
                    double uj = u[j];
                    int hb = j * s;
                    for (int k = 0; k < s; k++) {
                        hfs[hb + k] += uj * b.xs[os + k];
                    }
                }
            }
            double[] hss = new double[s * s];
            syrkUpper(b.xs, s, c, runs, hss);
            for (int j = 0; j < f; j++) {
                int a = b.fastColumns[j];
                for (int k = 0; k < s; k++) {
                    int bb = b.slowColumns[k];
                    h[Math.min(a, bb) * d + Math.max(a, bb)] += hfs[j * s + k];
                }
            }
            for (int j = 0; j < s; j++) {
                int hb = b.slowColumns[j] * d;
                for (int k = j; k < s; k++) {
                    h[hb + b.slowColumns[k]] += hss[j * s + k];
                }
            }
        }
        for (int j = 0; j < f; j++) {
            int hb = b.fastColumns[j] * d;
            for (int k = j; k < f; k++) {
                h[hb + b.fastColumns[k]] += hff[j * f + k];
            }
        }
    }

    /**
     * out += Σ_i weight_i · x_i x_i^T over the upper triangle (k >= j), x row-major (rows × dim). Four
     * rows at a time, so each element of out is loaded and stored once per four rows; the inner loop
     * runs over contiguous memory.
     */
    static void syrkUpper(double[] x, int dim, double[] weight, int rows, double[] out) {
        int i = 0;
        for (; i + 4 <= rows; i += 4) {
            int o0 = i * dim;
            int o1 = o0 + dim;
            int o2 = o1 + dim;
            int o3 = o2 + dim;
            double w0 = weight[i];
            double w1 = weight[i + 1];
            double w2 = weight[i + 2];
            double w3 = weight[i + 3];
            for (int j = 0; j < dim; j++) {
                double a0 = w0 * x[o0 + j];
                double a1 = w1 * x[o1 + j];
                double a2 = w2 * x[o2 + j];
                double a3 = w3 * x[o3 + j];
                int hb = j * dim;
                for (int k = j; k < dim; k++) {
                    out[hb + k] += a0 * x[o0 + k] + a1 * x[o1 + k] + a2 * x[o2 + k] + a3 * x[o3 + k];
                }
            }
        }
        for (; i < rows; i++) {
            int o = i * dim;
            double wi = weight[i];
            for (int j = 0; j < dim; j++) {
                double a = wi * x[o + j];
                int hb = j * dim;
                for (int k = j; k < dim; k++) {
                    out[hb + k] += a * x[o + k];
                }
            }
        }
    }
}
