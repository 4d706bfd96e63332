package proficio.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import proficio.proto.v1.RankedExercises;

@Command(mixinStandardHelpOptions = true, versionProvider = ProficioCli.Version.class,
        name = "challenge-cards",
        description = "Catalogue exercises the student never attempted whose p is at least the challenge-card threshold, highest p first.")
final class ChallengeCardsCommand implements Callable<Integer> {

    @ParentCommand
    ProficioCli cli;

    @Spec
    CommandSpec spec;

    @Option(names = "--student", required = true, paramLabel = "S", description = "Student id.")
    String student;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "10", description = "How many, 1..1000 (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() {
        try (ServiceClient service = new ServiceClient(cli.connection())) {
            return RankedLines.answer(cli, spec, service.challengeCards(student, limit), "challenge card(s)");
        }
    }
}
