package proficio.trainer.eval;

import java.util.Arrays;
import proficio.model.predict.KnowledgeModel;
import proficio.model.predict.Theta;
import proficio.trainer.replay.ExerciseRows;
import proficio.trainer.replay.RowSet;

/** Something that gives a probability for every row of an exercise: a model or a baseline. */
@FunctionalInterface
public interface Predictor {

    double[] predict(ExerciseRows rows);

    /** The same probability everywhere (the constant baseline: the training base rate). */
    static Predictor constant(double p) {
        return rows -> {
            double[] out = new double[rows.size()];
            Arrays.fill(out, p);
            return out;
        };
    }

    /**
     * A model, from the rows' vectors: {@code theta.probability(row, offset)} with the exercise's own
     * theta or the global one and the row's problem-type offset, exactly what {@link KnowledgeModel#predict}
     * computes from the same vector. The rows must have been made by the model's feature set under its seed.
     */
    static Predictor model(KnowledgeModel model, RowSet madeBy) {
        if (!model.featureSet().name().equals(madeBy.featureSet()) || model.featureSpace().seed() != madeBy.seed()) {
            throw new IllegalArgumentException("model " + model.version() + " reads " + model.featureSet().name()
                    + " under seed " + model.featureSpace().seed() + "; the rows are " + madeBy.describe());
        }
        return rows -> {
            Theta theta = model.exerciseThetas().getOrDefault(rows.exercise(), model.globalTheta());
            java.util.Map<String, Double> offsets = model.problemTypeOffsets().getOrDefault(rows.exercise(),
                    java.util.Map.of());
            int d = rows.dimension();
            double[] x = new double[d];
            double[] out = new double[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                System.arraycopy(rows.x(), i * d, x, 0, d);
                out[i] = theta.probability(x, offsets.getOrDefault(rows.problemType()[i], 0.0));
            }
            return out;
        };
    }

    /** One theta on a subset of the columns (the KA accuracy baseline: intercept and the six exercise features). */
    static Predictor columns(Theta theta, int[] columns) {
        return rows -> thetaOnColumns(theta, rows, columns);
    }

    /** Probabilities a scoring model gave during the replay (the active model, through KnowledgeModel.predict). */
    static Predictor replayScore(int index) {
        return rows -> rows.scores()[index].clone();
    }

    private static double[] thetaOnColumns(Theta theta, ExerciseRows rows, int[] columns) {
        int d = rows.dimension();
        int m = columns.length;
        double[] x = new double[m];
        double[] out = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            for (int c = 0; c < m; c++) {
                x[c] = rows.x()[i * d + columns[c]];
            }
            out[i] = theta.probability(x);
        }
        return out;
    }
}
