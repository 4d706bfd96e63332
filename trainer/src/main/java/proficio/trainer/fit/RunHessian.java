package proficio.trainer.fit;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;

/**
 * One exercise's exact Hessian XᵀWX + λI at one point (the start), from its {@link RunMatrix},
 * Cholesky-factored with Commons Math, as L-BFGS's initial inverse-Hessian guess: the first step is
 * then a Newton step, and L-BFGS corrects for the Hessian's change as θ moves. The slow × slow block,
 * the bulk of the work, is summed once per run with the run's summed weight; the fast × slow block is
 * Uᵀ·Xs with U the run sums of w·x_fast; every loop is an axpy over one row or column array (SIMD).
 *
 * <p>Why one exact Hessian: without it L-BFGS took ~13 evaluations per exercise on the Gervet rows
 * (rows-weighted; the Hessian spreads from λ = 100 to ~14,000), with it ~5; the Hessian costs about
 * as much as the evaluations it saves on small exercises and far less on large ones.
 */
final class RunHessian implements Lbfgs.Preconditioner {

    private final DecompositionSolver chol;

    private RunHessian(DecompositionSolver chol) {
        this.chol = chol;
    }

    /**
     * @param w the row weights p(1 − p) at the point
     * @return the factored Hessian, or null when rounding left it not positive definite (L-BFGS then
     *         starts from a multiple of I)
     */
    static RunHessian at(RunMatrix x, double[] w, double lambda) {
        int d = x.d;
        int f = x.fastColumns.length;
        int s = x.slowColumns.length;
        double[][] h = new double[d][d];
        // fast × fast: the upper triangle of Xfᵀ W Xf, mirrored (exactly symmetric)
        double[][] ff = new double[f][f];
        x.fast.addWeightedGramUpper(w, ff);
        for (int a = 0; a < f; a++) {
            for (int b = a; b < f; b++) {
                h[x.fastColumns[a]][x.fastColumns[b]] = ff[a][b];
                h[x.fastColumns[b]][x.fastColumns[a]] = ff[a][b];
            }
        }
        // fast × slow: for fast column a, the run sums of w·x_a times Xs
        if (s > 0) {
            double[] weighted = new double[x.n];
            double[] u = new double[x.runs()];
            for (int a = 0; a < f; a++) {
                double[] ca = x.fast.column(a);
                for (int i = 0; i < x.n; i++) {
                    weighted[i] = w[i] * ca[i];
                }
                x.runSums(weighted, u);
                double[] fs = new double[s];
                x.slow.addTransposeTimes(u, fs);
                for (int k = 0; k < s; k++) {
                    h[x.fastColumns[a]][x.slowColumns[k]] = fs[k];
                    h[x.slowColumns[k]][x.fastColumns[a]] = fs[k];
                }
            }
        }
        if (s > 0) {
            double[] c = x.runSums(w, new double[x.runs()]);
            double[][] ss = new double[s][s];
            x.slow.addWeightedGramUpper(c, ss);
            for (int j = 0; j < s; j++) {
                for (int k = j; k < s; k++) {
                    h[x.slowColumns[j]][x.slowColumns[k]] = ss[j][k];
                    h[x.slowColumns[k]][x.slowColumns[j]] = ss[j][k];
                }
            }
        }
        for (int j = 0; j < d; j++) {
            h[j][j] += lambda;
        }
        try {
            return new RunHessian(new CholeskyDecomposition(new Array2DRowRealMatrix(h, false),
                    CholeskyDecomposition.DEFAULT_RELATIVE_SYMMETRY_THRESHOLD, 1e-300).getSolver());
        } catch (NonPositiveDefiniteMatrixException e) {
            return null;
        }
    }

    @Override
    public void apply(double[] v) {
        double[] solved = chol.solve(new ArrayRealVector(v, false)).toArray();
        System.arraycopy(solved, 0, v, 0, v.length);
    }
}
