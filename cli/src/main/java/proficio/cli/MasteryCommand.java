package proficio.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import com.google.protobuf.Timestamp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import proficio.proto.v1.ExerciseMastery;
import proficio.proto.v1.MasteryLevels;

@Command(mixinStandardHelpOptions = true, versionProvider = ProficioCli.Version.class,
        name = "mastery", description = "The student's mastery level, struggling flag and schedule per exercise.")
final class MasteryCommand implements Callable<Integer> {

    @ParentCommand
    ProficioCli cli;

    @Spec
    CommandSpec spec;

    @Option(names = "--student", required = true, paramLabel = "S", description = "Student id.")
    String student;

    @Option(names = "--exercise", paramLabel = "E", split = ",",
            description = "Exercises to show (repeat or comma-separate); default: every exercise attempted.")
    List<String> exercises = List.of();

    @Override
    public Integer call() {
        MasteryLevels r;
        try (ServiceClient service = new ServiceClient(cli.connection())) {
            r = service.mastery(student, exercises);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (cli.json()) {
            out.println(Json.print(r));
        } else {
            out.println("student " + r.getStudentId() + (r.getKnown() ? "" : ": no answer applied yet"));
            for (ExerciseMastery m : r.getExercisesList()) {
                out.printf(Locale.ROOT, "  %-24s %-12s %s attempts %d, next due %s%n", m.getExercise(),
                        m.getLevel().name().replace("MASTERY_LEVEL_", "").toLowerCase(Locale.ROOT),
                        m.getStruggling() ? "struggling," : "", m.getAttempts(),
                        m.hasNextDue() ? time(m.getNextDue()) : "-");
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static String time(Timestamp t) {
        return Instant.ofEpochSecond(t.getSeconds(), t.getNanos()).toString();
    }
}
