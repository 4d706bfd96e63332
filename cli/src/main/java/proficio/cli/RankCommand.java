package proficio.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import proficio.proto.v1.RankedExercises;

@Command(mixinStandardHelpOptions = true, versionProvider = ProficioCli.Version.class,
        name = "rank", description = "Every exercise (catalogue and attempted) ranked by the probability of a right answer.")
final class RankCommand implements Callable<Integer> {

    @ParentCommand
    ProficioCli cli;

    @Spec
    CommandSpec spec;

    @Option(names = "--student", required = true, paramLabel = "S", description = "Student id.")
    String student;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "How many, highest p first; 0 for all (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() {
        RankedExercises r;
        try (ServiceClient service = new ServiceClient(cli.target())) {
            r = service.rank(student, limit);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (cli.json()) {
            out.println(Json.print(r));
        } else {
            RankedLines.print(out, r, "exercise(s)");
        }
        out.flush();
        return ExitCodes.OK;
    }
}
