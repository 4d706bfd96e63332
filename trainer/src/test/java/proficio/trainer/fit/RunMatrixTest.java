package proficio.trainer.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.Arrays;
import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.junit.jupiter.api.Test;
import proficio.trainer.replay.ExerciseRows;

class RunMatrixTest {

    /**
     * Rows shaped like the KA vector: column 0 the intercept, columns 1..4 changing every row, columns
     * 5..d-1 changing together about every fourth row (a KnowledgeState).
     */
    static ExerciseRows slowAndFast(int n, int d, long seed) {
        Random r = new Random(seed);
        double[] x = new double[n * d];
        byte[] y = new byte[n];
        double[] state = new double[d];
        for (int i = 0; i < n; i++) {
            if (i == 0 || r.nextInt(4) == 0) {
                for (int c = 5; c < d; c++) {
                    state[c] = r.nextGaussian() * 0.3;
                }
            }
            x[i * d] = 1;
            for (int c = 1; c < 5; c++) {
                x[i * d + c] = r.nextGaussian();
            }
            System.arraycopy(state, 5, x, i * d + 5, d - 5);
            y[i] = (byte) (r.nextBoolean() ? 1 : 0);
        }
        String[] s = new String[n];
        Arrays.fill(s, "s");
        return new ExerciseRows("e", n, d, x, y, new long[n], s, s, new boolean[n], new double[0][]);
    }

    @Test
    void runCompressedProducts_equalTheDenseOnes() {
        int n = 700;
        int d = 30;
        ExerciseRows rows = slowAndFast(n, d, 5);
        RunMatrix m = RunMatrix.of(rows);
        assertThat(m.slowColumns).hasSize(26); // the intercept and the 25 state columns
        assertThat(m.runs()).isLessThan(n / 2);

        Random r = new Random(9);
        double[] theta = new double[d];
        double[] u = new double[n];
        double[] rowOffsets = new double[n];
        for (int k = 0; k < d; k++) {
            theta[k] = r.nextGaussian();
        }
        for (int i = 0; i < n; i++) {
            u[i] = r.nextGaussian();
            rowOffsets[i] = r.nextGaussian();
        }
        double[] z = new double[n];
        m.margins(theta, rowOffsets, z, new double[m.runs()]);
        double[] grad = new double[d];
        m.addTransposeTimes(u, grad, new double[m.runs()]);

        double[] x = rows.x();
        for (int i = 0; i < n; i++) {
            double dense = rowOffsets[i];
            for (int k = 0; k < d; k++) {
                dense += theta[k] * x[i * d + k];
            }
            assertThat(z[i]).isCloseTo(dense, offset(1e-12));
        }
        for (int k = 0; k < d; k++) {
            double dense = 0;
            for (int i = 0; i < n; i++) {
                dense += u[i] * x[i * d + k];
            }
            assertThat(grad[k]).isCloseTo(dense, offset(1e-10));
        }
    }

    @Test
    void rowsWithoutSlowColumns_areKeptWhole() {
        ExerciseRows rows = FitterTest.synthetic("e", 200, 20, 3); // every column changes on every row
        RunMatrix m = RunMatrix.of(rows);

        assertThat(m.slowColumns).isEmpty();
        assertThat(m.fastColumns).hasSize(20);
        double[] theta = new double[20];
        Arrays.fill(theta, 0.5);
        double[] z = new double[200];
        m.margins(theta, null, z, new double[m.runs()]);
        double dense = 0;
        for (int k = 0; k < 20; k++) {
            dense += 0.5 * rows.x()[7 * 20 + k];
        }
        assertThat(z[7]).isCloseTo(dense, offset(1e-12));
    }

    @Test
    void runHessian_isTheHessianTheNewtonFitBuilds() {
        for (ExerciseRows rows : new ExerciseRows[] {slowAndFast(500, 30, 2), FitterTest.synthetic("e", 300, 20, 4)}) {
            int d = rows.dimension();
            double lambda = 3;
            double[] theta = new double[d];
            for (int k = 0; k < d; k++) {
                theta[k] = 0.1 * Math.sin(k);
            }
            // The trusted path: RowBlock kernels and a Commons Math solve.
            double[] h = new double[d * d];
            for (RowBlock b : RowBlock.of(rows)) {
                Kernels.lossAndGradient(b, theta, new double[d]);
                Kernels.hessianUpper(b, h);
            }
            double[][] full = new double[d][d];
            for (int j = 0; j < d; j++) {
                for (int k = j; k < d; k++) {
                    full[j][k] = h[j * d + k];
                    full[k][j] = h[j * d + k];
                }
                full[j][j] += lambda;
            }
            double[] v = new double[d];
            for (int k = 0; k < d; k++) {
                v[k] = Math.cos(3 * k);
            }
            double[] expected = new CholeskyDecomposition(new Array2DRowRealMatrix(full)).getSolver()
                    .solve(new ArrayRealVector(v)).toArray();

            ExerciseObjective objective = new ExerciseObjective(RunMatrix.of(rows), rows.y(), null, new double[d], lambda);
            objective.valueAndGradient(theta, new double[d]);
            Lbfgs.Preconditioner m = objective.preconditioner();
            double[] got = v.clone();
            m.apply(got);

            for (int k = 0; k < d; k++) {
                assertThat(got[k]).isCloseTo(expected[k], offset(1e-9 * (1 + Math.abs(expected[k]))));
            }
        }
    }
}
