package proficio.trainer.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class LbfgsTest {

    /** f(θ) = Σ_k a_k (θ_k − c_k)² / 2 + ε Σ_k θ_k⁴: strongly convex with a ≥ 1, badly scaled. */
    static class Bowl implements Lbfgs.Objective {
        final double[] a;
        final double[] c;
        double[] last;

        Bowl(int d) {
            a = new double[d];
            c = new double[d];
            for (int k = 0; k < d; k++) {
                a[k] = 1 + 500.0 * k / d;
                c[k] = Math.sin(k + 1);
            }
        }

        @Override
        public int dimension() {
            return a.length;
        }

        @Override
        public double valueAndGradient(double[] theta, double[] grad) {
            double f = 0;
            for (int k = 0; k < a.length; k++) {
                double t = theta[k] - c[k];
                f += 0.5 * a[k] * t * t + 0.01 * Math.pow(theta[k], 4);
                grad[k] = a[k] * t + 0.04 * Math.pow(theta[k], 3);
            }
            last = theta.clone();
            return f;
        }

        @Override
        public double curvature(double[] p) {
            double q = 0;
            for (int k = 0; k < a.length; k++) {
                q += (a[k] + 0.12 * last[k] * last[k]) * p[k] * p[k];
            }
            return q;
        }

        @Override
        public double gapBound(double[] grad) {
            double g2 = 0;
            for (double g : grad) {
                g2 += g * g;
            }
            return g2 / 2; // strong convexity 1
        }

        @Override
        public Lbfgs.Preconditioner preconditioner() {
            return null;
        }
    }

    @Test
    void minimise_findsTheMinimumOfABadlyScaledConvexFunction_toTheTolerance() {
        Bowl f = new Bowl(40);

        Lbfgs.Result r = Lbfgs.minimise(f, new double[40], 1e-12, 500);

        assertThat(r.converged()).isTrue();
        double[] g = new double[40];
        f.valueAndGradient(r.theta(), g);
        // Stopped by the quasi-Newton decrement (≤ 1e-12); the cruder strong-convexity bound is near too.
        assertThat(f.gapBound(g)).isLessThan(1e-9);
        // Far fewer steps than steepest descent would need at a condition number of ~500.
        assertThat(r.iterations()).isLessThan(100);
    }

    @Test
    void minimise_withAnExactPreconditionerOnAQuadratic_takesOneStep() {
        Bowl f = new Bowl(10) {
            @Override
            public double valueAndGradient(double[] theta, double[] grad) {
                double v = 0;
                for (int k = 0; k < a.length; k++) {
                    double t = theta[k] - c[k];
                    v += 0.5 * a[k] * t * t;
                    grad[k] = a[k] * t;
                }
                last = new double[theta.length];
                return v;
            }

            @Override
            public Lbfgs.Preconditioner preconditioner() {
                return v -> {
                    for (int k = 0; k < v.length; k++) {
                        v[k] /= a[k];
                    }
                };
            }
        };

        Lbfgs.Result r = Lbfgs.minimise(f, new double[10], 1e-20, 50);

        assertThat(r.converged()).isTrue();
        assertThat(r.iterations()).isEqualTo(1);
        for (int k = 0; k < 10; k++) {
            assertThat(r.theta()[k]).isCloseTo(f.c[k], offset(1e-12));
        }
    }
}
