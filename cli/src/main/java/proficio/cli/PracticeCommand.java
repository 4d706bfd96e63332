package proficio.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import proficio.proto.v1.RankedExercises;

@Command(mixinStandardHelpOptions = true, versionProvider = ProficioCli.Version.class,
        name = "practice",
        description = "Recommended practice tasks in a mission: exercises not MASTERED whose prerequisites are at least PRACTICED, highest p first.")
final class PracticeCommand implements Callable<Integer> {

    @ParentCommand
    ProficioCli cli;

    @Spec
    CommandSpec spec;

    @Option(names = "--student", required = true, paramLabel = "S", description = "Student id.")
    String student;

    @Option(names = "--mission", required = true, paramLabel = "M", description = "A catalogue mission (topic).")
    String mission;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "10", description = "How many, 1..1000 (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() {
        try (ServiceClient service = new ServiceClient(cli.connection())) {
            return RankedLines.answer(cli, spec, service.practiceTasks(student, mission, limit), "practice task(s) in mission " + mission);
        }
    }
}
