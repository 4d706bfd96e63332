package proficio.trainer.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import proficio.model.feature.FeatureSpace;
import proficio.proto.v1.ModelPointer;
import proficio.trainer.publish.KafkaModelsTopic;
import proficio.trainer.publish.Publisher;

@Command(name = "rollback", mixinStandardHelpOptions = true, versionProvider = TrainerCli.Version.class,
        description = "Re-activate an earlier version: checks that its artifact is in the models topic and valid, then "
                + "writes a pointer to it.")
final class RollbackCommand implements Callable<Integer> {

    @ParentCommand
    TrainerCli cli;

    @Spec
    CommandSpec spec;

    @Option(names = "--to", paramLabel = "VERSION", required = true, description = "The version to activate.")
    String version;

    @Mixin
    ModelsTopicOptions models;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "" + FeatureSpace.DEFAULT_SEED,
            description = "The service's feature-space seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        try (KafkaModelsTopic topic = models.open()) {
            Publisher publisher = new Publisher(topic, models.name, seed);
            ModelPointer p = publisher.rollback(version, System.getProperty("user.name", "unknown"));
            PrintWriter out = spec.commandLine().getOut();
            out.println("activated " + models.name + "@" + p.getVersion() + " (" + p.getReason() + ")");
            out.flush();
        }
        return ExitCodes.OK;
    }
}
