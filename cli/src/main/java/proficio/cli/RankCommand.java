package proficio.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import proficio.proto.v1.RankedExercise;
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
            for (RankedExercise e : r.getExercisesList()) {
                out.printf(Locale.ROOT, "%-24s p %.4f  %s%n", e.getExercise(), e.getProbability(),
                        e.getLevel().name().replace("MASTERY_LEVEL_", "").toLowerCase(Locale.ROOT));
            }
            out.println("student " + r.getStudentId() + ", " + r.getExercisesCount() + " exercise(s), model " + r.getModelVersion());
        }
        out.flush();
        return ExitCodes.OK;
    }
}
