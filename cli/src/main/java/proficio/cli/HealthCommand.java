package proficio.cli;

import io.grpc.health.v1.HealthCheckResponse;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(mixinStandardHelpOptions = true, versionProvider = ProficioCli.Version.class,
        name = "health", description = "gRPC health check (grpc.health.v1.Health/Check); exit code 0 only when SERVING.")
final class HealthCommand implements Callable<Integer> {

    @ParentCommand
    ProficioCli cli;

    @Spec
    CommandSpec spec;

    @Option(names = "--service", paramLabel = "NAME", defaultValue = "",
            description = "Service to check (default: the server as a whole).")
    String service;

    @Override
    public Integer call() {
        HealthCheckResponse r;
        try (ServiceClient client = new ServiceClient(cli.connection())) {
            r = client.health(service);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(cli.json() ? Json.print(r) : r.getStatus().name());
        out.flush();
        return r.getStatus() == HealthCheckResponse.ServingStatus.SERVING ? ExitCodes.OK : ExitCodes.ERROR;
    }
}
