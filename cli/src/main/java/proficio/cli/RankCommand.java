package proficio.cli;

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
        try (ServiceClient service = new ServiceClient(cli.connection())) {
            return RankedLines.answer(cli, spec, service.rank(student, limit), "exercise(s)");
        }
    }
}
