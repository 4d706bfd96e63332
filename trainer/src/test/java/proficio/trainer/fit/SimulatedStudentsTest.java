package proficio.trainer.fit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import proficio.model.event.ProblemLog;
import proficio.model.feature.FeatureSpace;
import proficio.model.feature.Ka2014FeatureSet;
import proficio.model.predict.KnowledgeModel;
import proficio.model.predict.Provenance;
import proficio.model.predict.Theta;
import proficio.trainer.Progress;
import proficio.trainer.Simulation;
import proficio.trainer.eval.Evaluation;
import proficio.trainer.eval.Predictor;
import proficio.trainer.eval.Score;
import proficio.trainer.replay.Replayer;
import proficio.trainer.replay.RowSet;

/**
 * Students whose true parameters we chose (abilities, per-exercise difficulties and learning gains):
 * the fitted model must beat the constant and the KA-accuracy baselines on students it never saw,
 * and be calibrated.
 */
class SimulatedStudentsTest {

    @Test
    void fittedModel_beatsConstantAndKaAccuracyOnHeldOutStudents_andIsCalibrated() {
        Simulation sim = new Simulation(12, 2024);
        List<ProblemLog> train = sim.students(0, 900, 5, 10);
        List<ProblemLog> test = sim.students(900, 300, 5, 10);
        FeatureSpace space = new FeatureSpace(FeatureSpace.DEFAULT_SEED);
        Replayer replayer = new Replayer(Ka2014FeatureSet.INSTANCE, space, List.of());
        train.forEach(l -> replayer.accept(l, false));
        test.forEach(l -> replayer.accept(l, true));
        RowSet all = replayer.rows();
        FitSettings settings = FitSettings.defaults(2);

        FitResult fit = new Fitter(settings).fit(all.train(), Progress.Factory.NONE);
        java.util.Map<String, Theta> thetas = new java.util.HashMap<>();
        fit.exercises().forEach(e -> thetas.put(e.exercise(), Theta.of(e.theta())));
        KnowledgeModel model = new KnowledgeModel("sim", space, Ka2014FeatureSet.INSTANCE, Theta.of(fit.globalTheta()),
                thetas, new Provenance(0, "", 0, ""));
        int[] ka = {0, 1, 2, 3, 4, 5, 6};
        double[] kaTheta = new Fitter(settings).fitGlobal(all.train().columns("ka", ka)).theta();
        double base = (double) all.train().positives() / all.train().size();
        List<Evaluation.Candidate> candidates = new ArrayList<>();
        candidates.add(new Evaluation.Candidate("constant", "none", Predictor.constant(base)));
        candidates.add(new Evaluation.Candidate("ka-accuracy", "ka", Predictor.columns(Theta.of(kaTheta), ka)));
        candidates.add(new Evaluation.Candidate("new", "ka2014", Predictor.model(model, all)));

        List<Score> s = Evaluation.score(all.holdOut(), candidates);

        Score constant = s.get(0);
        Score kaAccuracy = s.get(1);
        Score fitted = s.get(2);
        assertThat(fitted.rows()).isEqualTo(test.size());
        assertThat(fitted.logLoss()).isLessThan(constant.logLoss()).isLessThan(kaAccuracy.logLoss());
        assertThat(fitted.auc()).isGreaterThan(constant.auc()).isGreaterThan(kaAccuracy.auc() + 0.01);
        assertThat(fitted.brier()).isLessThan(kaAccuracy.brier());
        assertThat(fitted.calibration().ece()).isLessThan(0.02);
        assertThat(fit.exercises()).hasSize(12);
    }
}
