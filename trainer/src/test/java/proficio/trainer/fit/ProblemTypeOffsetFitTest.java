package proficio.trainer.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import proficio.model.predict.Theta;
import proficio.trainer.replay.ExerciseRows;

class ProblemTypeOffsetFitTest {

    /** Rows of one exercise, x = [1], whose true log-odds are 0.5 + difficulty of the row's type. */
    private static ExerciseRows simulated(Map<String, Double> difficulty, int perType, long seed) {
        Random r = new Random(seed);
        int n = difficulty.size() * perType;
        double[] x = new double[n];
        byte[] y = new byte[n];
        String[] type = new String[n];
        int i = 0;
        for (Map.Entry<String, Double> e : new java.util.TreeMap<>(difficulty).entrySet()) {
            for (int k = 0; k < perType; k++, i++) {
                x[i] = 1.0;
                type[i] = e.getKey();
                double p = 1 / (1 + Math.exp(-(0.5 + e.getValue())));
                y[i] = (byte) (r.nextDouble() < p ? 1 : 0);
            }
        }
        return new ExerciseRows("e", n, 1, x, y, new long[n], new String[n], type, new boolean[n], new double[0][]);
    }

    @Test
    void recoversKnownDifficulties_fromManyRows() {
        Map<String, Double> truth = Map.of("easy", 1.5, "mid", 0.0, "hard", -2.0);
        Map<String, Double> fitted = new ProblemTypeOffsetFit(1.0).fit(Theta.of(0.5), simulated(truth, 20_000, 1));
        truth.forEach((type, b) -> assertThat(fitted.get(type)).as(type).isCloseTo(b, within(0.08)));
    }

    @Test
    void fewRows_areShrunkTowardZero() {
        ExerciseRows rows = simulated(Map.of("hard", -2.0), 3, 2);
        double weak = new ProblemTypeOffsetFit(0.1).fit(Theta.of(0.5), rows).get("hard");
        double strong = new ProblemTypeOffsetFit(10).fit(Theta.of(0.5), rows).get("hard");
        assertThat(Math.abs(strong)).isLessThan(Math.abs(weak));
        assertThat(Math.abs(strong)).isLessThan(0.3);
    }

    @Test
    void optimum_hasZeroGradient() {
        ExerciseRows rows = simulated(Map.of("a", 0.7), 500, 3);
        double lambda = 2.0;
        double b = new ProblemTypeOffsetFit(lambda).fit(Theta.of(0.5), rows).get("a");
        double g = lambda * b;
        for (int i = 0; i < rows.size(); i++) {
            g += 1 / (1 + Math.exp(-(0.5 + b))) - rows.y()[i];
        }
        assertThat(g).isCloseTo(0.0, within(1e-8));
    }

    @Test
    void rowsWithoutAProblemType_getNoOffset_andTheResultIsDeterministic() {
        ExerciseRows rows = simulated(Map.of("", 1.0, "t", -1.0), 200, 4);
        Map<String, Double> a = new ProblemTypeOffsetFit(2).fit(Theta.of(0.5), rows);
        assertThat(a).containsOnlyKeys("t");
        assertThat(new ProblemTypeOffsetFit(2).fit(Theta.of(0.5), rows)).isEqualTo(a);
    }

    @Test
    void alternatingRounds_lowerTheJointObjective_andTheThetaAdjustsToTheOffsets() {
        // x = [1, f]; the easy types are also the ones with high f, so theta alone over-credits f.
        Random r = new Random(5);
        int n = 6000;
        double[] x = new double[2 * n];
        byte[] y = new byte[n];
        String[] type = new String[n];
        for (int i = 0; i < n; i++) {
            int t = r.nextInt(6);
            double f = t + r.nextGaussian();
            x[2 * i] = 1;
            x[2 * i + 1] = f;
            type[i] = "t" + t;
            double z = -0.5 + 0.2 * f + (t - 2.5) * 0.6;
            y[i] = (byte) (r.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0);
        }
        ExerciseRows rows = new ExerciseRows("e", n, 2, x, y, new long[n], new String[n], type, new boolean[n], new double[0][]);
        FitSettings settings = new FitSettings(1, 10, 20, 1, 1e-12, 50);
        Fitter fitter = new Fitter(settings);
        double[] global = {0, 0};
        FitResult fit = new FitResult(global, n, 1, true, java.util.List.of(fitter.fitExercise(rows, global)), 0, 0);
        ProblemTypeOffsetFit offsets = new ProblemTypeOffsetFit(2);

        ProblemTypeOffsetFit.Joint once = offsets.fitJointly(fitter, fit, java.util.List.of(rows), 0);
        ProblemTypeOffsetFit.Joint thrice = offsets.fitJointly(fitter, fit, java.util.List.of(rows), 3);

        double before = objective(rows, once, settings, 2);
        double after = objective(rows, thrice, settings, 2);
        assertThat(after).isLessThan(before - 1.0);
        // With the types' difficulty in the offsets, f's weight falls back toward its true 0.2.
        assertThat(thrice.thetas().get("e").get(1)).isLessThan(once.thetas().get("e").get(1));
        assertThat(offsets.fitJointly(fitter, fit, java.util.List.of(rows), 3)).isEqualTo(thrice);
    }

    private static double objective(ExerciseRows rows, ProblemTypeOffsetFit.Joint j, FitSettings s, double lambdaOffset) {
        Theta theta = j.thetas().get("e");
        Map<String, Double> o = j.offsets().get("e");
        double f = 0;
        for (int i = 0; i < rows.size(); i++) {
            double z = theta.dot(rows.row(i)) + o.getOrDefault(rows.problemType()[i], 0.0);
            f += Math.log1p(Math.exp(z)) - rows.y()[i] * z;
        }
        for (int k = 0; k < theta.dimension(); k++) {
            f += 0.5 * s.lambdaExercise() * theta.get(k) * theta.get(k);
        }
        for (double b : o.values()) {
            f += 0.5 * lambdaOffset * b * b;
        }
        return f;
    }
}
