package proficio.trainer.fit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import proficio.model.event.ProblemLog;
import proficio.model.feature.FeatureSpace;
import proficio.model.feature.Ka2014FeatureSet;
import proficio.trainer.Progress;
import proficio.trainer.Simulation;
import proficio.trainer.replay.ExerciseRows;
import proficio.trainer.replay.Replayer;
import proficio.trainer.replay.RowSet;

class FitterTest {

    static RowSet simulatedRows(int students) {
        Replayer r = new Replayer(Ka2014FeatureSet.INSTANCE, new FeatureSpace(FeatureSpace.DEFAULT_SEED), List.of());
        for (ProblemLog l : new Simulation(8, 11).students(0, students, 4, 12)) {
            r.accept(l, false);
        }
        return r.rows();
    }

    /** Rows of a small dense problem: d columns, column 0 the intercept. */
    static ExerciseRows synthetic(String name, int n, int d, long seed) {
        Random r = new Random(seed);
        double[] x = new double[n * d];
        byte[] y = new byte[n];
        double[] truth = new double[d];
        for (int k = 0; k < d; k++) {
            truth[k] = r.nextGaussian();
        }
        for (int i = 0; i < n; i++) {
            double z = 0;
            for (int k = 0; k < d; k++) {
                x[i * d + k] = k == 0 ? 1 : r.nextGaussian();
                z += truth[k] * x[i * d + k];
            }
            y[i] = (byte) (r.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0);
        }
        String[] students = new String[n];
        Arrays.fill(students, "s");
        return new ExerciseRows(name, n, d, x, y, new long[n], students, students, new boolean[n], new double[0][]);
    }

    /** The objective's gradient by central differences. */
    static double[] numericGradient(ExerciseRows rows, double[] theta, double[] mu, double lambda) {
        double[] g = new double[theta.length];
        for (int k = 0; k < theta.length; k++) {
            double h = 1e-6;
            double[] a = theta.clone();
            double[] b = theta.clone();
            a[k] += h;
            b[k] -= h;
            g[k] = (objective(rows, a, mu, lambda) - objective(rows, b, mu, lambda)) / (2 * h);
        }
        return g;
    }

    static double objective(ExerciseRows rows, double[] theta, double[] mu, double lambda) {
        int d = rows.dimension();
        double f = 0;
        for (int i = 0; i < rows.size(); i++) {
            double z = 0;
            for (int k = 0; k < d; k++) {
                z += theta[k] * rows.x()[i * d + k];
            }
            f += Math.log1p(Math.exp(-Math.abs(z))) + Math.max(z, 0) - (rows.y()[i] != 0 ? z : 0);
        }
        for (int k = 0; k < d; k++) {
            f += 0.5 * lambda * (theta[k] - mu[k]) * (theta[k] - mu[k]);
        }
        return f;
    }

    @Test
    void exerciseFit_isAtTheMinimumOfLogLossPlusPenaltyTowardTheGlobalTheta() {
        ExerciseRows rows = synthetic("e", 400, 6, 1);
        double[] mu = {0.2, -0.1, 0.3, 0, 0.5, -0.4};
        Fitter fitter = new Fitter(new FitSettings(1, 7, 20, 1, 1e-12, 50));

        ExerciseFit fit = fitter.fitExercise(rows, mu);

        assertThat(fit.converged()).isTrue();
        double[] g = numericGradient(rows, fit.theta(), mu, 7);
        for (double gk : g) {
            assertThat(Math.abs(gk)).isLessThan(1e-4);
        }
        assertThat(fit.objective()).isCloseTo(objective(rows, fit.theta(), mu, 7), org.assertj.core.data.Offset.offset(1e-9));
        // Moving off the solution in any direction costs.
        for (int k = 0; k < mu.length; k++) {
            double[] t = fit.theta().clone();
            t[k] += 0.01;
            assertThat(objective(rows, t, mu, 7)).isGreaterThan(fit.objective());
        }
    }

    @Test
    void interceptOnlyGlobalFit_isTheLogitOfTheBaseRate() {
        int n = 1000;
        double[] x = new double[n];
        Arrays.fill(x, 1.0);
        byte[] y = new byte[n];
        for (int i = 0; i < 700; i++) {
            y[i] = 1;
        }
        String[] s = new String[n];
        Arrays.fill(s, "s");
        RowSet rows = new RowSet("t", 1, 1, List.of(),
                List.of(new ExerciseRows("e", n, 1, x, y, new long[n], s, s, new boolean[n], new double[0][])));

        GlobalFit g = new Fitter(FitSettings.defaults(1)).fitGlobal(rows);

        // The intercept is not penalised: the maximum-likelihood answer exactly.
        // Within the tolerance: a decrement of 1e-10 nats per row leaves |theta - theta*| <= sqrt(2e-10 n / H) = 3e-5.
        assertThat(g.theta()[0]).isCloseTo(Math.log(0.7 / 0.3), org.assertj.core.data.Offset.offset(3e-5));
    }

    @Test
    void anExerciseWithFewRows_staysNearTheGlobalTheta_andOneWithManyFollowsItsData() {
        ExerciseRows few = synthetic("few", 30, 5, 3);
        ExerciseRows many = synthetic("many", 5000, 5, 3);
        double[] global = new double[5];
        Fitter fitter = new Fitter(new FitSettings(1, 50, 20, 1, 1e-10, 50));

        double[] thetaFew = fitter.fitExercise(few, global).theta();
        double[] thetaMany = fitter.fitExercise(many, global).theta();
        double[] unshrunk = new Fitter(new FitSettings(1, 1e-6, 20, 1, 1e-10, 50)).fitExercise(many, global).theta();

        assertThat(norm(thetaFew)).isLessThan(0.5 * norm(new Fitter(new FitSettings(1, 1e-6, 20, 1, 1e-10, 50))
                .fitExercise(few, global).theta()));
        double[] diff = new double[5];
        for (int k = 0; k < 5; k++) {
            diff[k] = thetaMany[k] - unshrunk[k];
        }
        assertThat(norm(diff)).isLessThan(0.1 * norm(unshrunk));
    }

    @Test
    void exercisesBelowTheMinimumRowCount_getNoThetaOfTheirOwn() {
        RowSet rows = new RowSet("t", 1, 5, List.of(), List.of(synthetic("big", 100, 5, 1), synthetic("small", 19, 5, 2)));

        FitResult fit = new Fitter(new FitSettings(1, 10, 20, 2, 1e-10, 50)).fit(rows, Progress.Factory.NONE);

        assertThat(fit.exercises()).extracting(ExerciseFit::exercise).containsExactly("big");
        assertThat(fit.globalRows()).isEqualTo(119);
    }

    @Test
    void sameRows_giveTheSameBits_onOneThreadOrSeveral() {
        RowSet rows = simulatedRows(120);

        FitResult one = new Fitter(FitSettings.defaults(1)).fit(rows, Progress.Factory.NONE);
        FitResult three = new Fitter(FitSettings.defaults(3)).fit(rows, Progress.Factory.NONE);
        FitResult again = new Fitter(FitSettings.defaults(3)).fit(rows, Progress.Factory.NONE);

        assertThat(three.globalTheta()).isEqualTo(one.globalTheta());
        assertThat(again.globalTheta()).isEqualTo(one.globalTheta());
        assertThat(three.exercises()).hasSameSizeAs(one.exercises());
        for (int k = 0; k < one.exercises().size(); k++) {
            assertThat(three.exercises().get(k).theta()).isEqualTo(one.exercises().get(k).theta());
        }
        assertThat(one.globalConverged()).isTrue();
        assertThat(one.unconverged()).isZero();
    }

    @Test
    void exerciseFit_reachesTheMinimumNewtonReaches_onSimulatedStudents() {
        RowSet rows = simulatedRows(200);
        FitSettings settings = FitSettings.defaults(1);
        Fitter fitter = new Fitter(settings);
        double[] global = fitter.fitGlobal(rows).theta();

        for (ExerciseRows e : rows.exercises()) {
            if (e.size() < settings.minRows()) {
                continue;
            }
            ExerciseFit fit = fitter.fitExercise(e, global);
            double[] lambda = new double[e.dimension()];
            Arrays.fill(lambda, settings.lambdaExercise());
            Newton.Solution newton = new Newton(RowBlock.of(e), e.dimension(), global, lambda, null)
                    .solve(global, 1e-14, 100);

            assertThat(fit.converged()).isTrue();
            // Both within their tolerance (1e-10 nats per row) of the same minimum.
            assertThat(fit.objective()).isCloseTo(newton.objective(), org.assertj.core.data.Offset.offset(2e-10 * e.size()));
            assertThat(fit.logLoss() / e.size()).isCloseTo(newton.logLoss() / e.size(), org.assertj.core.data.Offset.offset(1e-6));
        }
    }

    static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }
}
