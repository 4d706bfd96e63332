package proficio.trainer.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import proficio.model.feature.FeatureSet;
import proficio.model.feature.FeatureSpace;
import proficio.model.predict.KnowledgeModel;
import proficio.trainer.fit.FitResult;
import proficio.trainer.fit.FitSettings;
import proficio.trainer.fit.Fitter;
import proficio.trainer.input.Shard;
import proficio.trainer.publish.Artifacts;
import proficio.trainer.replay.RowSet;

@Command(name = "train", mixinStandardHelpOptions = true, versionProvider = TrainerCli.Version.class, sortOptions = false,
        description = {"Replay the event log through the model code, fit a global theta and per-exercise thetas, "
                + "evaluate them on the hold-out against the baselines and the active model, and write the artifact "
                + "(<out>/<version>.pb) and its report (<out>/<version>.json)."})
final class TrainCommand implements Callable<Integer> {

    @ParentCommand
    TrainerCli cli;

    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions input;

    @Mixin
    FeatureOptions features;

    @Mixin
    FitOptions fitOptions;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "trainer-out",
            description = "Where the artifact and the report go (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = Artifacts.DEFAULT_NAME,
            description = "Model name (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--model-version", paramLabel = "VERSION",
            description = "Version string (default: <feature set>-<yyyyMMdd-HHmmss>-<weights hash>).")
    String version;

    @Option(names = "--active", paramLabel = "default|topic|FILE",
            description = "The model to compare with: the default KA 2012 model, the models topic's active one, or an "
                    + "artifact file (default: topic with --from-kafka, else default).")
    String active;

    @Option(names = "--summary", paramLabel = "FILE",
            description = "Also write the short benchmark summary (dataset, rows, seconds, scores) as JSON.")
    Path summary;

    @Option(names = "--dataset", paramLabel = "NAME", description = "The dataset's name for the summary.")
    String dataset;

    @Override
    public Integer call() throws Exception {
        FeatureSet set = features.featureSet();
        FeatureSpace space = features.space();
        FitSettings settings = fitOptions.settings();
        HoldOut holdOut = input.holdOut();
        String activeSpec = active != null ? active : input.fromKafka ? "topic" : "default";
        KnowledgeModel activeModel = Training.active(activeSpec, input.bootstrap, name, space.seed());
        PrintWriter err = spec.commandLine().getErr();

        Training.Replayed replayed = Training.replay(input.source(Shard.ALL), input.validator(), Shard.ALL, set, space,
                List.of(activeModel), cli.progress());
        RowSet all = holdOut.apply(replayed.rows());
        RowSet train = all.train();
        RowSet test = all.holdOut();
        err.printf(Locale.ROOT, "replayed %,d events of %,d students into %,d rows (%,d train, %,d hold-out) in %.2f s; "
                        + "%,d refused, %,d duplicates%n", replayed.stats().accepted(), replayed.students(), all.size(),
                train.size(), test.size(), replayed.seconds(), replayed.stats().refused(), replayed.duplicates());
        if (train.size() == 0) {
            throw new TrainerException("no training rows", ExitCodes.BAD_INPUT);
        }

        FitResult fit = new Fitter(settings).fit(train, cli.progress());
        Training.Output output = Training.finish(all, fit, set, space, settings, name, version, input.describe(), holdOut,
                out, Reports.input(replayed.stats(), replayed.duplicates(), replayed.students(), input.describe()),
                replayed.seconds(), summary, dataset, activeModel.featureSet().name(), fitOptions.offsetFit(set));
        Training.print(output, fit, train.exercises().size(), cli.json(), spec.commandLine().getOut());
        return ExitCodes.OK;
    }
}
