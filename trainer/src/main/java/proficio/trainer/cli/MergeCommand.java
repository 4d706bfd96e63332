package proficio.trainer.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import proficio.model.feature.FeatureSet;
import proficio.model.feature.FeatureSets;
import proficio.model.feature.FeatureSpace;
import proficio.trainer.fit.FitPartial;
import proficio.trainer.fit.FitResult;
import proficio.trainer.fit.FitSettings;
import proficio.trainer.publish.Artifacts;
import proficio.trainer.replay.RowSet;

@Command(name = "merge", mixinStandardHelpOptions = true, versionProvider = TrainerCli.Version.class, sortOptions = false,
        description = {"Scale-out step 3: combine every fit worker's exercise thetas from <work> into one artifact, "
                + "evaluate it on the hold-out rows, and write the artifact and the report, as train does."})
final class MergeCommand implements Callable<Integer> {

    @ParentCommand
    TrainerCli cli;

    @Spec
    CommandSpec spec;

    @Mixin
    FitOptions fitOptions;

    @Option(names = "--work", paramLabel = "DIR", required = true, description = "The shared directory.")
    Path work;

    @Option(names = "--holdout", paramLabel = "time:F|students:F|file", defaultValue = "time:0.1",
            description = "The hold-out rule the fit workers used (default: ${DEFAULT-VALUE}).")
    String holdout;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "trainer-out",
            description = "Where the artifact and the report go (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = Artifacts.DEFAULT_NAME, description = "Model name.")
    String name;

    @Option(names = "--model-version", paramLabel = "VERSION", description = "Version string (default: generated).")
    String version;

    @Override
    public Integer call() throws Exception {
        FitSettings settings = fitOptions.settings();
        HoldOut h = HoldOut.parse(holdout);
        List<FitPartial> parts = WorkDir.readFits(work);
        String expected = FitCommand.partialSettings(settings, h);
        if (!parts.get(0).settings().equals(expected)) {
            throw new TrainerException("the fit workers used other settings than given here: " + parts.get(0).settings(),
                    ExitCodes.BAD_INPUT);
        }
        FitResult fit;
        try {
            fit = FitPartial.merge(parts);
        } catch (IllegalArgumentException e) {
            throw new TrainerException("cannot merge: " + e.getMessage(), ExitCodes.ERROR);
        }
        RowSet all = h.apply(WorkDir.readRows(work));
        FeatureSet set = FeatureSets.byName(all.featureSet()).orElseThrow(() -> new TrainerException(
                "the rows were made by feature set " + all.featureSet() + ", unknown to this build", ExitCodes.BAD_INPUT));
        Training.Output o = Training.finish(all, fit, set, new FeatureSpace(all.seed()), settings, name, version,
                "scale-out run in " + work + " (" + parts.get(0).workerCount() + " fit workers)", h, out, null, 0, null, null, "unknown", fitOptions.offsetFit(set));
        Training.print(o, fit, all.train().exercises().size(), cli.json(), spec.commandLine().getOut());
        return ExitCodes.OK;
    }
}
