package proficio.trainer.cli;

import java.nio.file.Files;
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
import proficio.model.feature.FeatureSpace;
import proficio.model.predict.KnowledgeModel;
import proficio.trainer.input.Shard;
import proficio.trainer.publish.Artifacts;
import proficio.trainer.replay.RowFiles;

@Command(name = "replay", mixinStandardHelpOptions = true, versionProvider = TrainerCli.Version.class, sortOptions = false,
        description = {"Scale-out step 1: replay this worker's share of the log (Kafka partitions p with p %% N == I; "
                + "from files, the students whose id hashes to I) and write its rows to <work>/rows-I-of-N.rows."})
final class ReplayCommand implements Callable<Integer> {

    @ParentCommand
    TrainerCli cli;

    @Spec
    CommandSpec spec;

    @Mixin
    WorkerOptions worker;

    @Mixin
    InputOptions input;

    @Mixin
    FeatureOptions features;

    @Option(names = "--work", paramLabel = "DIR", required = true, description = "The shared directory.")
    Path work;

    @Option(names = "--active", paramLabel = "default|topic|FILE",
            description = "The model the hold-out is compared with (default: topic with --from-kafka, else default).")
    String active;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = Artifacts.DEFAULT_NAME, description = "Model name.")
    String name;

    @Override
    public Integer call() throws Exception {
        Shard shard = worker.shard();
        FeatureSpace space = features.space();
        String activeSpec = active != null ? active : input.fromKafka ? "topic" : "default";
        KnowledgeModel activeModel = Training.active(activeSpec, input.bootstrap, name, space.seed());
        Training.Replayed r = Training.replay(input.source(shard), input.validator(), shard, features.featureSet(), space,
                List.of(activeModel), cli.progress());
        Files.createDirectories(work);
        Path file = WorkDir.rowsFile(work, shard.index(), shard.count());
        RowFiles.write(r.rows(), file);
        spec.commandLine().getOut().printf(Locale.ROOT, "%s: %,d rows of %,d students in %.2f s (%,d refused) -> %s%n",
                shard, r.rows().size(), r.students(), r.seconds(), r.stats().refused(), file);
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
