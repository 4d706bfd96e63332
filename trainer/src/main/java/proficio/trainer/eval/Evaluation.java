package proficio.trainer.eval;

import java.util.ArrayList;
import java.util.List;
import proficio.trainer.replay.ExerciseRows;
import proficio.trainer.replay.RowSet;

/** Scores predictors on the same hold-out rows. */
public final class Evaluation {

    private Evaluation() {
    }

    /**
     * A named predictor.
     *
     * @param name       how the report calls it
     * @param featureSet the features it reads
     */
    public record Candidate(String name, String featureSet, Predictor predictor) {
    }

    public static List<Score> score(RowSet holdOut, List<Candidate> candidates) {
        int n = Math.toIntExact(holdOut.size());
        byte[] y = new byte[n];
        int at = 0;
        for (ExerciseRows e : holdOut.exercises()) {
            System.arraycopy(e.y(), 0, y, at, e.size());
            at += e.size();
        }
        List<Score> out = new ArrayList<>();
        for (Candidate c : candidates) {
            double[] p = new double[n];
            int k = 0;
            for (ExerciseRows e : holdOut.exercises()) {
                double[] pe = c.predictor().predict(e);
                System.arraycopy(pe, 0, p, k, pe.length);
                k += pe.length;
            }
            out.add(Metrics.score(c.name(), c.featureSet(), p, y));
        }
        return out;
    }
}
