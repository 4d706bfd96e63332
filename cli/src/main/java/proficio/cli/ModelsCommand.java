package proficio.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import proficio.proto.v1.ListModelsResponse;
import proficio.proto.v1.ModelInfo;

@Command(mixinStandardHelpOptions = true, versionProvider = ProficioCli.Version.class,
        name = "models", description = "Every model version the service has seen: active, available or refused (and why).")
final class ModelsCommand implements Callable<Integer> {

    @ParentCommand
    ProficioCli cli;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ListModelsResponse r;
        try (ServiceClient service = new ServiceClient(cli.connection())) {
            r = service.models();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (cli.json()) {
            out.println(Json.print(r));
        } else {
            out.println("model " + r.getName() + ", active version " + r.getActiveVersion());
            for (ModelInfo m : r.getModelsList()) {
                String status = m.getStatus().name().replace("MODEL_STATUS_", "").toLowerCase(Locale.ROOT);
                out.printf(Locale.ROOT, "  %-10s %-40s %-12s %5d exercise thetas%s%n", status, m.getVersion(),
                        m.getFeatureSet(), m.getExerciseThetas(), m.getShippedDefault() ? "  (shipped default)" : "");
                if (m.hasPointer()) {
                    out.printf("             published %s by %s: %s%s%n",
                            Instant.ofEpochMilli(m.getPointer().getPublishedAtMs()), m.getPointer().getPublishedBy(),
                            m.getPointer().getReason(), m.getPointer().getForced() ? " (forced)" : "");
                }
                if (!m.getRefusalReason().isEmpty()) {
                    out.println("             refused: " + m.getRefusalReason());
                }
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
