package proficio.trainer.fit;

/**
 * One exercise's objective and its gradient:
 *
 * <pre>  f(θ) = Σ_i [log(1 + e^{z_i}) − y_i z_i] + λ/2 ||θ − μ||²,   z_i = θ·x_i + offset_i</pre>
 *
 * The penalty covers every weight, so f is λ-strongly convex: f(θ) − min f ≤ ||∇f(θ)||² / (2λ), a
 * bound on the distance to the optimum that needs no Hessian ({@link #gapBound}).
 *
 * <p>Not thread-safe: it keeps the last point's z, residuals and weights as scratch.
 */
final class ExerciseObjective implements Lbfgs.Objective {

    private static final double LN2 = Math.log(2);

    private final RunMatrix x;
    /** 1.0 for a right answer, 0.0 for a wrong one. */
    private final double[] y;
    private final double[] exps;
    private final double[] offset;
    private final double[] mu;
    private final double lambda;
    private final double[] z;
    private final double[] residual;
    /** p(1 − p) per row at the last evaluated point: the Hessian's row weights. */
    private final double[] weight;
    private final double[] runScratch;
    private double lastLoss;

    /** @param offset a fixed term per row added to z, or null */
    ExerciseObjective(RunMatrix x, byte[] y, double[] offset, double[] mu, double lambda) {
        this.x = x;
        this.y = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            this.y[i] = y[i] != 0 ? 1.0 : 0.0;
        }
        this.exps = new double[x.n];
        this.offset = offset;
        this.mu = mu;
        this.lambda = lambda;
        this.z = new double[x.n];
        this.residual = new double[x.n];
        this.weight = new double[x.n];
        this.runScratch = new double[x.runs()];
    }

    @Override
    public int dimension() {
        return x.d;
    }

    @Override
    public double valueAndGradient(double[] theta, double[] grad) {
        x.margins(theta, offset, z, runScratch);
        // Per row one exp serves both: e = exp(-|z|), p from e, and softplus(z) = max(z, 0) + log(1 + e).
        // Three loops so that the middle one, free of calls and running sums, is SIMD code.
        double[] e = exps;
        for (int i = 0; i < z.length; i++) {
            e[i] = Math.exp(-Math.abs(z[i]));
        }
        for (int i = 0; i < z.length; i++) {
            double onePlus = 1.0 + e[i];
            double p = (z[i] >= 0 ? 1.0 : e[i]) / onePlus;
            residual[i] = p - y[i];
            weight[i] = p * (1 - p);
            e[i] = onePlus;
        }
        // The logs are summed as the log of a product, one multiply per row instead of a log (the log
        // was a third of the fit's time); the product of factors in (1, 2] has its binary exponent
        // moved out every 512 rows, before it could overflow. Rounding: about 1e-16 nats per row.
        double linear = 0;
        double product = 1;
        long exponent = 0;
        for (int i = 0; i < z.length; i++) {
            linear += Math.max(z[i], 0) - y[i] * z[i];
            product *= e[i];
            if ((i & 511) == 511) {
                int k = Math.getExponent(product);
                exponent += k;
                product = Math.scalb(product, -k);
            }
        }
        double loss = linear + (Math.log(product) + exponent * LN2);
        java.util.Arrays.fill(grad, 0);
        x.addTransposeTimes(residual, grad, runScratch);
        double penalty = 0;
        for (int k = 0; k < grad.length; k++) {
            double diff = theta[k] - mu[k];
            penalty += diff * diff;
            grad[k] += lambda * diff;
        }
        lastLoss = loss;
        return loss + 0.5 * lambda * penalty;
    }

    @Override
    public double curvature(double[] p) {
        x.margins(p, null, z, runScratch);
        double c = 0;
        double p2 = 0;
        for (int i = 0; i < z.length; i++) {
            c += weight[i] * z[i] * z[i];
        }
        for (double pk : p) {
            p2 += pk * pk;
        }
        return c + lambda * p2;
    }

    @Override
    public Lbfgs.Preconditioner preconditioner() {
        return RunHessian.at(x, weight, lambda);
    }

    /** The log-loss part of the last {@link #valueAndGradient} call. */
    double lastLoss() {
        return lastLoss;
    }

    /** An upper bound on f(θ) − min f from the gradient at θ (strong convexity). */
    @Override
    public double gapBound(double[] grad) {
        double g2 = 0;
        for (double g : grad) {
            g2 += g * g;
        }
        return g2 / (2 * lambda);
    }
}
