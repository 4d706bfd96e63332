package proficio.trainer.fit;

/**
 * Limited-memory BFGS (Nocedal & Wright, Numerical Optimization, 2nd ed., algorithms 7.4 and 7.5) for
 * a smooth, strongly convex objective whose Hessian can be applied along one direction.
 *
 * <p>The step length comes from the curvature along the direction, t = −g·p / (pᵀ∇²f p): the
 * minimiser of the local quadratic model along the line, which for a near-quadratic objective is the
 * exact line search. It costs one product X·p, no exp or log, and makes the iterations those of
 * conjugate gradients on the quadratic part. Armijo backtracking (halving) guards it. Strong convexity
 * keeps every pair's sᵀy positive, so no pair is ever rejected.
 *
 * <p>Stops when {@link Objective#gapBound} — an upper bound on f(θ) − min f — or the quasi-Newton
 * decrement gᵀHg (Newton's test, with the L-BFGS H) is below the tolerance. Deterministic: a fixed
 * sequence of floating-point operations.
 */
final class Lbfgs {

    /** What is minimised. */
    interface Objective {
        int dimension();

        /** f(θ); its gradient into {@code grad}. */
        double valueAndGradient(double[] theta, double[] grad);

        /** pᵀ ∇²f p at the point of the last {@link #valueAndGradient} call. */
        double curvature(double[] p);

        /** An upper bound on f(θ) − min f, from the gradient at θ. */
        double gapBound(double[] grad);

        /** An approximation of the Hessian at the point of the last evaluation, or null for none. */
        Preconditioner preconditioner();
    }

    /** An approximation M of the Hessian; L-BFGS starts each direction from M⁻¹ instead of a multiple of I. */
    interface Preconditioner {
        /** v ← M⁻¹ v. */
        void apply(double[] v);
    }

    /**
     * @param theta       the minimiser found
     * @param objective   f(θ)
     * @param iterations  steps taken
     * @param evaluations objective-and-gradient evaluations
     * @param converged   the gap bound or the decrement fell below the tolerance
     */
    record Result(double[] theta, double objective, int iterations, int evaluations, boolean converged) {
    }

    /** Correction pairs kept: scipy's default (maxcor = 10). */
    static final int MEMORY = 10;
    private static final double ARMIJO = 1e-4;
    private static final int MAX_HALVINGS = 40;

    private Lbfgs() {
    }

    /**
     * @param tolerance     stop when the gap bound or the decrement is at most this (same units as f)
     * @param maxIterations steps at most
     */
    static Result minimise(Objective f, double[] start, double tolerance, int maxIterations) {
        int d = f.dimension();
        double[] theta = start.clone();
        double[] g = new double[d];
        double value = f.valueAndGradient(theta, g);
        int evaluations = 1;
        Preconditioner m = f.preconditioner();
        double[][] s = new double[MEMORY][];
        double[][] y = new double[MEMORY][];
        double[] rho = new double[MEMORY];
        double[] alpha = new double[MEMORY];
        int stored = 0;
        int newest = -1;
        double[] p = new double[d];
        double[] thetaNext = new double[d];
        double[] gNext = new double[d];
        int iterations = 0;
        while (true) {
            if (f.gapBound(g) <= tolerance) {
                return new Result(theta, value, iterations, evaluations, true);
            }
            if (iterations == maxIterations) {
                return new Result(theta, value, iterations, evaluations, false);
            }
            direction(g, s, y, rho, alpha, stored, newest, m, p);
            double slope = dot(g, p);
            if (slope < 0 && -slope <= tolerance) { // the quasi-Newton decrement gᵀHg: Newton's test
                return new Result(theta, value, iterations, evaluations, true);
            }
            if (!(slope < 0)) { // rounding has the direction point uphill: restart from steepest descent
                stored = 0;
                for (int k = 0; k < d; k++) {
                    p[k] = -g[k];
                }
                slope = dot(g, p);
            }
            double curvature = f.curvature(p);
            double t = curvature > 0 ? -slope / curvature : 1;
            double next = Double.NaN;
            int halvings = 0;
            while (true) {
                for (int k = 0; k < d; k++) {
                    thetaNext[k] = theta[k] + t * p[k];
                }
                next = f.valueAndGradient(thetaNext, gNext);
                evaluations++;
                if (next <= value + ARMIJO * t * slope || halvings == MAX_HALVINGS) {
                    break;
                }
                t *= 0.5;
                halvings++;
            }
            if (!(next <= value)) { // no descent left at double precision: as Newton, close enough counts
                return new Result(theta, value, iterations, evaluations, f.gapBound(g) <= 1e3 * tolerance);
            }
            newest = (newest + 1) % MEMORY;
            double[] sk = s[newest] == null ? new double[d] : s[newest];
            double[] yk = y[newest] == null ? new double[d] : y[newest];
            for (int k = 0; k < d; k++) {
                sk[k] = thetaNext[k] - theta[k];
                yk[k] = gNext[k] - g[k];
            }
            s[newest] = sk;
            y[newest] = yk;
            rho[newest] = 1 / dot(sk, yk);
            stored = Math.min(stored + 1, MEMORY);
            double[] swap = theta;
            theta = thetaNext;
            thetaNext = swap;
            swap = g;
            g = gNext;
            gNext = swap;
            value = next;
            iterations++;
        }
    }

    /** p = −H g by the two-loop recursion, H the L-BFGS inverse-Hessian approximation with H₀ = M⁻¹, or (sᵀy / yᵀy) I without M. */
    private static void direction(double[] g, double[][] s, double[][] y, double[] rho, double[] alpha, int stored,
                                  int newest, Preconditioner m, double[] p) {
        int d = g.length;
        for (int k = 0; k < d; k++) {
            p[k] = -g[k];
        }
        for (int j = 0, i = newest; j < stored; j++, i = (i + Lbfgs.MEMORY - 1) % Lbfgs.MEMORY) {
            alpha[i] = rho[i] * dot(s[i], p);
            axpy(-alpha[i], y[i], p);
        }
        if (m != null) {
            m.apply(p);
        } else if (stored > 0) {
            double scale = 1 / (rho[newest] * dot(y[newest], y[newest]));
            for (int k = 0; k < d; k++) {
                p[k] *= scale;
            }
        }
        for (int j = 0, i = (newest - stored + 1 + Lbfgs.MEMORY) % Lbfgs.MEMORY; j < stored; j++, i = (i + 1) % Lbfgs.MEMORY) {
            double beta = rho[i] * dot(y[i], p);
            axpy(alpha[i] - beta, s[i], p);
        }
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int k = 0; k < a.length; k++) {
            sum += a[k] * b[k];
        }
        return sum;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int k = 0; k < y.length; k++) {
            y[k] += a * x[k];
        }
    }
}
