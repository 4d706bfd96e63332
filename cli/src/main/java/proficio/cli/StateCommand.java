package proficio.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import proficio.proto.v1.ExerciseFeatures;
import proficio.proto.v1.ExerciseStateView;
import proficio.proto.v1.StudentState;

@Command(mixinStandardHelpOptions = true, versionProvider = ProficioCli.Version.class,
        name = "state", description = "The student's knowledge state and, per exercise, counts and the six features.",
        sortOptions = false)
final class StateCommand implements Callable<Integer> {

    @ParentCommand
    ProficioCli cli;

    @Spec
    CommandSpec spec;

    @Option(names = "--student", required = true, paramLabel = "S", description = "Student id.")
    String student;

    @Option(names = "--exercise", paramLabel = "E", split = ",",
            description = "Only these exercises (repeat or separate with commas; default: all attempted).")
    List<String> exercises = new ArrayList<>();

    @Override
    public Integer call() {
        StudentState s;
        try (ServiceClient service = new ServiceClient(cli.connection())) {
            s = service.state(student, exercises);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (cli.json()) {
            out.println(Json.print(s));
        } else {
            print(out, s);
        }
        out.flush();
        return ExitCodes.OK;
    }

    static void print(PrintWriter out, StudentState s) {
        if (!s.getKnown()) {
            out.println("student " + s.getStudentId() + ": unknown (no answer applied yet)");
            return;
        }
        out.println("student " + s.getStudentId() + ": known (feature space seed " + s.getFeatureSpaceSeed() + ")");
        List<Float> ks = s.getKnowledgeStateList();
        List<String> first = new ArrayList<>();
        double sq = 0;
        for (int i = 0; i < ks.size(); i++) {
            float v = ks.get(i);
            sq += (double) v * v;
            if (i < 5) {
                first.add(String.format(Locale.ROOT, "%.6f", v));
            }
        }
        out.printf(Locale.ROOT, "knowledge state: %d values, first %d [%s%s], L2 norm %.6f%n", ks.size(), first.size(),
                String.join(", ", first), ks.size() > 5 ? ", ..." : "", Math.sqrt(sq));
        if (s.getExercisesCount() == 0) {
            out.println("no exercises");
        }
        for (ExerciseStateView e : s.getExercisesList()) {
            String last = e.hasLastTimeDone()
                    ? ", last " + Instant.ofEpochSecond(e.getLastTimeDone().getSeconds(), e.getLastTimeDone().getNanos())
                    : "";
            out.printf(Locale.ROOT, "%s: done %d, correct %d, recent %s%s%n", e.getExercise(), e.getDone(),
                    e.getCorrect(), e.getRecentAnswers().isEmpty() ? "-" : e.getRecentAnswers(), last);
            ExerciseFeatures f = e.getFeatures();
            out.printf(Locale.ROOT, "  ewma_fast %.4f  ewma_slow %.4f  streak %.4f  log_done %.4f  "
                            + "log_missed_plus_one %.4f  percent_correct %.4f%n",
                    f.getEwmaFast(), f.getEwmaSlow(), f.getStreak(), f.getLogDone(), f.getLogMissedPlusOne(),
                    f.getPercentCorrect());
        }
    }
}
