package proficio.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import proficio.model.event.ProblemLog;
import proficio.proto.ProblemLogs;
import proficio.proto.v1.MasteryTransition;
import proficio.proto.v1.RecordAttemptResponse;

@Command(mixinStandardHelpOptions = true, versionProvider = ProficioCli.Version.class,
        name = "record",
        description = {"Record one answer through the service (RecordAttempt), which validates it and writes it to "
                + "problem-logs; with --wait, wait until it is applied and print the mastery transitions it caused "
                + "and the new prediction. Needs no Kafka access (compare `send`)."},
        sortOptions = false)
final class RecordCommand implements Callable<Integer> {

    @ParentCommand
    ProficioCli cli;

    @Spec
    CommandSpec spec;

    @Mixin
    AnswerOptions answer;

    @Option(names = "--wait", description = "Wait until the service has applied the answer (read-your-writes).")
    boolean await;

    @Option(names = "--timeout-ms", paramLabel = "N", defaultValue = "0",
            description = "With --wait: how long the service waits, at most 30000; 0: its default (5 s).")
    long timeoutMs;

    @Override
    public Integer call() {
        ProblemLog log = answer.toLog(spec);
        RecordAttemptResponse r;
        try (ServiceClient service = new ServiceClient(cli.connection())) {
            r = service.recordAttempt(ProblemLogs.toWire(log), await, timeoutMs);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (cli.json()) {
            out.println(Json.print(r));
        } else {
            print(out, log, r);
        }
        out.flush();
        if (await && !r.getApplied()) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("error: answer " + r.getEventId() + " was written (partition " + r.getPartition() + " offset "
                    + r.getOffset() + ") but not seen applied in time; it will be applied (a retry with the same "
                    + "--event-id is applied once), or it is in " + Topics.PROBLEM_LOGS_DLQ + " (run `proficio dlq`)");
            err.flush();
            return ExitCodes.NOT_APPLIED;
        }
        return ExitCodes.OK;
    }

    private void print(PrintWriter out, ProblemLog log, RecordAttemptResponse r) {
        String head = "recorded answer " + r.getEventId() + " (" + log.studentId() + ", " + log.exercise() + ", "
                + (log.correct() ? "correct" : "wrong") + ", " + log.cardType().name().toLowerCase(java.util.Locale.ROOT)
                + " card) to " + Topics.PROBLEM_LOGS + " partition " + r.getPartition() + " offset " + r.getOffset();
        out.println(head);
        if (!r.getApplied()) {
            return;
        }
        out.println("applied: " + Text.level(r.getLevelBefore()) + " -> " + Text.level(r.getMasteryAfter().getLevel())
                + (r.getMasteryAfter().getStruggling() ? " (struggling)" : "")
                + ", next due " + Text.time(r.getMasteryAfter().hasNextDue(), r.getMasteryAfter().getNextDue())
                + ", p(next right) = " + Text.p4(r.getPrediction().getProbability()));
        if (r.getTransitionsCount() == 0) {
            out.println("no transition");
        }
        for (MasteryTransition t : r.getTransitionsList()) {
            TransitionsCommand.print(out, t);
        }
    }
}
