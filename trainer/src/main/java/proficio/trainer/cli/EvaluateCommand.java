package proficio.trainer.cli;

import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import proficio.model.feature.FeatureSet;
import proficio.model.predict.KnowledgeModel;
import proficio.trainer.eval.Evaluation;
import proficio.trainer.eval.Predictor;
import proficio.trainer.eval.Score;
import proficio.trainer.fit.FitSettings;
import proficio.trainer.input.Shard;
import proficio.trainer.publish.Artifacts;
import proficio.trainer.replay.RowSet;

@Command(name = "evaluate", mixinStandardHelpOptions = true, versionProvider = TrainerCli.Version.class,
        sortOptions = false,
        description = {"Score model artifacts and the active model on a hold-out: each event is replayed and every "
                + "model is asked through KnowledgeModel.predict, as the service would have answered. With training "
                + "rows (inputs beside --test, or --holdout), the constant and ka-accuracy baselines are fitted and "
                + "scored too."})
final class EvaluateCommand implements Callable<Integer> {

    @ParentCommand
    TrainerCli cli;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "ARTIFACT", description = "A model artifact (.pb) to score; repeatable.")
    List<Path> models = new ArrayList<>();

    @Option(names = "--active", paramLabel = "default|topic|FILE", defaultValue = "default",
            description = "The active model to score beside them (default: ${DEFAULT-VALUE}).")
    String active;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = Artifacts.DEFAULT_NAME, description = "Model name.")
    String name;

    @Option(names = "--report", paramLabel = "FILE", description = "Write the scores as JSON.")
    Path report;

    @Mixin
    InputOptions input;

    @Mixin
    FeatureOptions features;

    @Mixin
    FitOptions fitOptions;

    @Override
    public Integer call() throws Exception {
        long seed = features.seed;
        List<KnowledgeModel> scoring = new ArrayList<>();
        scoring.add(Training.active(active, input.bootstrap, name, seed));
        for (Path m : models) {
            scoring.add(Artifacts.check(Artifacts.read(m), seed));
        }
        FeatureSet set = features.featureSet();
        HoldOut holdOut = input.holdOut();
        boolean onlyTest = input.files.isEmpty() && !input.fromKafka;
        Training.Replayed replayed = Training.replay(input.source(Shard.ALL), input.validator(), Shard.ALL, set,
                features.space(), scoring, cli.progress());
        RowSet all = onlyTest ? replayed.rows() : holdOut.apply(replayed.rows());
        RowSet test = all.holdOut();
        RowSet train = all.train();
        if (test.size() == 0) {
            throw new TrainerException("no hold-out rows to score", ExitCodes.BAD_INPUT);
        }
        FitSettings settings = fitOptions.settings();
        List<Evaluation.Candidate> candidates = new ArrayList<>();
        if (train.size() > 0) {
            candidates.addAll(Training.baselines(train, set, settings));
        }
        for (int m = 0; m < scoring.size(); m++) {
            KnowledgeModel k = scoring.get(m);
            candidates.add(new Evaluation.Candidate(m == 0 ? "active" : k.version(), k.featureSet().name(),
                    Predictor.replayScore(m)));
        }
        List<Score> scores = Evaluation.score(test, candidates);
        JsonObject o = new JsonObject();
        o.addProperty("holdout", onlyTest ? "the test files" : holdOut.describe());
        o.addProperty("train_rows", train.size());
        o.addProperty("test_rows", test.size());
        o.addProperty("active_model", scoring.get(0).version());
        o.add("models", Reports.scores(scores, true));
        if (report != null) {
            Reports.write(o, report);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (cli.json()) {
            out.println(Reports.print(o));
        } else {
            Reports.table(scores, out);
        }
        out.flush();
        return ExitCodes.OK;
    }
}
