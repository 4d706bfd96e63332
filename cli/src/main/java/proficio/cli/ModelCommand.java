package proficio.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import proficio.proto.v1.ModelInfo;
import proficio.proto.v1.Provenance;

@Command(mixinStandardHelpOptions = true, versionProvider = ProficioCli.Version.class,
        name = "model", description = "The model the service currently answers with.")
final class ModelCommand implements Callable<Integer> {

    @ParentCommand
    ProficioCli cli;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ModelInfo m;
        try (ServiceClient service = new ServiceClient(cli.connection())) {
            m = service.activeModel();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (cli.json()) {
            out.println(Json.print(m));
        } else {
            out.println("name:               " + m.getName());
            out.println("version:            " + m.getVersion());
            out.println("feature set:        " + m.getFeatureSet());
            out.println("feature space seed: " + m.getFeatureSpaceSeed());
            out.println("exercise thetas:    " + m.getExerciseThetas());
            if (m.hasProvenance()) {
                Provenance p = m.getProvenance();
                out.println("trained at:         "
                        + (p.getTrainedAtMs() == 0 ? "-" : Instant.ofEpochMilli(p.getTrainedAtMs()).toString()));
                out.println("trained on:         " + p.getTrainedOn());
                out.println("training rows:      " + p.getTrainingRows());
                if (!p.getNotes().isEmpty()) {
                    out.println("notes:              " + p.getNotes());
                }
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
