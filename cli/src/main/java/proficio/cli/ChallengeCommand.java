package proficio.cli;

import com.google.protobuf.Timestamp;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import proficio.proto.v1.ChallengeCard;
import proficio.proto.v1.NextChallenge;

@Command(mixinStandardHelpOptions = true, versionProvider = ProficioCli.Version.class,
        name = "challenge", description = "The student's next mastery challenge: at most 6 cards, in serving order.")
final class ChallengeCommand implements Callable<Integer> {

    @ParentCommand
    ProficioCli cli;

    @Spec
    CommandSpec spec;

    @Option(names = "--student", required = true, paramLabel = "S", description = "Student id.")
    String student;

    @Option(names = "--as-of", paramLabel = "TIME", description = "Plan for this time (ISO-8601, e.g. 2026-11-23T08:00:00Z); default: now.")
    Instant asOf;

    @Override
    public Integer call() {
        NextChallenge r;
        try (ServiceClient service = new ServiceClient(cli.connection())) {
            r = service.nextChallenge(student, asOf == null ? null
                    : Timestamp.newBuilder().setSeconds(asOf.getEpochSecond()).setNanos(asOf.getNano()).build());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (cli.json()) {
            out.println(Json.print(r));
        } else if (r.getCardsCount() == 0) {
            out.println("no challenge due for " + r.getStudentId() + " [model " + r.getModelVersion() + "]");
        } else {
            for (ChallengeCard c : r.getCardsList()) {
                out.printf(Locale.ROOT, "%-10s %-24s p %.4f  %s%n",
                        c.getCardType().name().replace("CARD_TYPE_", "").toLowerCase(Locale.ROOT), c.getExercise(),
                        c.getProbability(), c.getReason());
            }
            out.println("student " + r.getStudentId() + ", " + r.getCardsCount() + " card(s), model " + r.getModelVersion());
        }
        out.flush();
        return ExitCodes.OK;
    }
}
