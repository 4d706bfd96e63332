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
import proficio.proto.v1.GetTransitionsResponse;
import proficio.proto.v1.MasteryTransition;

@Command(mixinStandardHelpOptions = true, versionProvider = ProficioCli.Version.class,
        name = "transitions",
        description = "The student's mastery transitions (level changes and right reviews), oldest first, with rule, p and next due.")
final class TransitionsCommand implements Callable<Integer> {

    @ParentCommand
    ProficioCli cli;

    @Spec
    CommandSpec spec;

    @Option(names = "--student", required = true, paramLabel = "S", description = "Student id.")
    String student;

    @Option(names = "--since", paramLabel = "TIME", converter = AnswerOptions.Times.class,
            description = "Only those with event time at or after this (ISO-8601, e.g. 2026-11-01T00:00:00Z); default: all.")
    Instant since;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "At most this many, 1..1000 (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() {
        GetTransitionsResponse r;
        try (ServiceClient service = new ServiceClient(cli.connection())) {
            r = service.transitions(student, since == null ? null
                    : Timestamp.newBuilder().setSeconds(since.getEpochSecond()).setNanos(since.getNano()).build(), limit);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (cli.json()) {
            out.println(Json.print(r));
        } else {
            for (MasteryTransition t : r.getTransitionsList()) {
                print(out, t);
            }
            out.println("student " + r.getStudentId() + ", " + r.getTransitionsCount() + " transition(s)");
            if (r.getMore()) {
                MasteryTransition last = r.getTransitions(r.getTransitionsCount() - 1);
                out.println("more: ask again with --since " + Text.time(true, last.getEventTime()));
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** Two lines: when, what, from -> to, rule, p, next due; then the reason. Shared with {@code record}. */
    static void print(PrintWriter out, MasteryTransition t) {
        out.printf(Locale.ROOT, "%s  %-20s %-11s -> %-11s %-30s p %.4f  next due %s%n",
                Text.time(t.hasEventTime(), t.getEventTime()), t.getExercise(), Text.level(t.getFromLevel()),
                Text.level(t.getToLevel()), t.getRule(), t.getP(), Text.time(t.hasNextDue(), t.getNextDue()));
        out.println("    " + t.getReason());
    }
}
