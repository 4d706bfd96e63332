package proficio.trainer.fit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;

/**
 * Penalised logistic regression by Newton's method (IRLS) with a Cholesky solve:
 *
 * <pre>  minimise f(θ) = Σ_i [log(1 + e^{θ·x_i}) − y_i θ·x_i] + ½ Σ_j λ_j (θ_j − μ_j)²</pre>
 *
 * Each iteration builds the gradient and the Hessian X^T W X + Λ, solves H δ = −g with Commons Math's
 * {@link CholeskyDecomposition}, and takes the step (halved until it decreases f enough: Armijo). It
 * stops when the Newton decrement g^T H^{-1} g, which bounds twice the distance to the optimum in
 * nats, falls below {@code tolerance · max(1, n)}. At each new point the previous factorisation is
 * tried first: when the step it gives still shrinks the decrement fast, it is taken without building
 * a new Hessian (near the optimum the Hessian barely changes), and the confirming Hessian at the end
 * is never built.
 *
 * <p>Deterministic: blocks are summed in block order whether they ran on one thread or many.
 */
final class Newton {

    /**
     * @param theta      the minimiser found
     * @param objective  f(θ)
     * @param logLoss    the summed log-loss part of f(θ)
     * @param iterations Hessians built
     * @param converged  the decrement fell below the tolerance within the iteration limit
     */
    record Solution(double[] theta, double objective, double logLoss, int iterations, boolean converged) {
    }

    private static final double ARMIJO = 1e-4;
    private static final int MAX_HALVINGS = 40;
    /** Steps of any kind, a guard against a pathological problem. */
    private static final int MAX_STEPS = 500;
    /**
     * A step along the previous Hessian is kept when it shrank the decrement to at most this fraction
     * of the step before; otherwise the Hessian is rebuilt. Newton converges quadratically, so near
     * the optimum an old Hessian is nearly as good as a new one and much cheaper.
     */
    private static final double REUSE_CONTRACTION = 0.25;

    private final List<RowBlock> blocks;
    private final int d;
    private final long n;
    private final double[] mu;
    private final double[] lambda;
    private final ExecutorService pool;

    /**
     * @param pool runs the blocks in parallel; null to run them on the calling thread
     */
    Newton(List<RowBlock> blocks, int d, double[] mu, double[] lambda, ExecutorService pool) {
        this.blocks = blocks;
        this.d = d;
        long rows = 0;
        for (RowBlock b : blocks) {
            rows += b.size();
        }
        this.n = rows;
        this.mu = mu;
        this.lambda = lambda;
        this.pool = pool;
    }

    Solution solve(double[] start, double tolerance, int maxIterations) {
        double limit = tolerance * Math.max(1, n);
        double[] theta = start.clone();
        double[] g = new double[d];
        double loss = lossAndGradient(theta, g);
        double f = loss + penalty(theta, g);
        DecompositionSolver chol = null;
        int iterations = 0;
        int steps = 0;
        double previousDecrement = Double.POSITIVE_INFINITY;
        boolean converged = false;
        while (steps < MAX_STEPS) {
            double[] delta = null;
            double decrement = Double.POSITIVE_INFINITY;
            if (chol != null) {
                // The previous factorisation: is this point good enough, and is that Hessian still good enough?
                delta = solve(chol, g);
                decrement = -dot(g, delta);
                if (decrement <= limit) {
                    converged = true;
                    break;
                }
            }
            if (chol == null || decrement > REUSE_CONTRACTION * previousDecrement) {
                if (iterations == maxIterations) {
                    break;
                }
                chol = cholesky(hessian());
                iterations++;
                delta = solve(chol, g);
                decrement = -dot(g, delta);
                if (decrement <= limit) {
                    converged = true;
                    break;
                }
            }
            previousDecrement = decrement;
            double slope = -decrement;
            double t = 1;
            double[] candidate = step(theta, delta, t);
            double[] gc = new double[d];
            double lossC = lossAndGradient(candidate, gc);
            double fc = lossC + penalty(candidate, gc);
            int halvings = 0;
            while (!(fc <= f + ARMIJO * t * slope) && halvings < MAX_HALVINGS) {
                t *= 0.5;
                halvings++;
                candidate = step(theta, delta, t);
                gc = new double[d];
                lossC = lossAndGradient(candidate, gc);
                fc = lossC + penalty(candidate, gc);
            }
            if (!(fc <= f)) {
                converged = decrement <= 1e3 * limit; // no descent left at double precision
                break;
            }
            theta = candidate;
            g = gc;
            f = fc;
            loss = lossC;
            steps++;
        }
        return new Solution(theta, f, loss, iterations, converged);
    }

    /** The objective at {@code theta} (no gradient, no Hessian). */
    double objective(double[] theta) {
        double loss = 0;
        for (double l : run(b -> Kernels.loss(b, theta))) {
            loss += l;
        }
        return loss + penalty(theta, null);
    }

    /** Summed log-loss at {@code theta}; adds its gradient into {@code g}; leaves W in the blocks. */
    private double lossAndGradient(double[] theta, double[] g) {
        List<double[]> partial = run(b -> {
            double[] out = new double[d + 1];
            out[d] = Kernels.lossAndGradient(b, theta, out);
            return out;
        });
        double loss = 0;
        for (double[] p : partial) { // block order: the same sums on any number of threads
            for (int k = 0; k < d; k++) {
                g[k] += p[k];
            }
            loss += p[d];
        }
        return loss;
    }

    /** ½ Σ λ_j (θ_j − μ_j)²; adds its gradient into {@code g} when not null. */
    private double penalty(double[] theta, double[] g) {
        double p = 0;
        for (int k = 0; k < d; k++) {
            double diff = theta[k] - mu[k];
            p += 0.5 * lambda[k] * diff * diff;
            if (g != null) {
                g[k] += lambda[k] * diff;
            }
        }
        return p;
    }

    /** X^T W X + Λ at the point of the last loss-and-gradient pass, as a full symmetric matrix. */
    private double[][] hessian() {
        List<double[]> partial = run(b -> {
            double[] h = new double[d * d];
            Kernels.hessianUpper(b, h);
            return h;
        });
        double[] sum = new double[d * d];
        for (double[] h : partial) {
            for (int k = 0; k < sum.length; k++) {
                sum[k] += h[k];
            }
        }
        double[][] m = new double[d][d];
        for (int j = 0; j < d; j++) {
            for (int k = j; k < d; k++) {
                m[j][k] = sum[j * d + k];
                m[k][j] = sum[j * d + k];
            }
            m[j][j] += lambda[j];
        }
        return m;
    }

    /** Cholesky of h; when rounding makes it not quite positive definite, a tiny ridge is added. */
    private static DecompositionSolver cholesky(double[][] h) {
        double ridge = 0;
        double trace = 0;
        for (int j = 0; j < h.length; j++) {
            trace += h[j][j];
        }
        for (int attempt = 0; ; attempt++) {
            try {
                return new CholeskyDecomposition(new Array2DRowRealMatrix(h, false),
                        CholeskyDecomposition.DEFAULT_RELATIVE_SYMMETRY_THRESHOLD, 1e-300).getSolver();
            } catch (NonPositiveDefiniteMatrixException e) {
                if (attempt == 10) {
                    throw e;
                }
                double add = ridge == 0 ? 1e-12 * Math.max(trace / h.length, 1e-12) : ridge * 9;
                for (int j = 0; j < h.length; j++) {
                    h[j][j] += add;
                }
                ridge += add;
            }
        }
    }

    private static double[] solve(DecompositionSolver chol, double[] g) {
        double[] minus = new double[g.length];
        for (int k = 0; k < g.length; k++) {
            minus[k] = -g[k];
        }
        return chol.solve(new ArrayRealVector(minus, false)).toArray();
    }

    private static double[] step(double[] theta, double[] delta, double t) {
        double[] out = new double[theta.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = theta[k] + t * delta[k];
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += a[k] * b[k];
        }
        return s;
    }

    private interface BlockTask<T> {
        T apply(RowBlock b);
    }

    /** Runs {@code task} on every block; results in block order. */
    private <T> List<T> run(BlockTask<T> task) {
        List<T> out = new ArrayList<>(blocks.size());
        if (pool == null || blocks.size() == 1) {
            for (RowBlock b : blocks) {
                out.add(task.apply(b));
            }
            return out;
        }
        List<Callable<T>> calls = new ArrayList<>(blocks.size());
        for (RowBlock b : blocks) {
            calls.add(() -> task.apply(b));
        }
        try {
            for (Future<T> f : pool.invokeAll(calls)) {
                out.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
        return out;
    }
}
