package proficio.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import proficio.proto.v1.ExercisePrediction;
import proficio.proto.v1.PredictResponse;

@Command(mixinStandardHelpOptions = true, versionProvider = ProficioCli.Version.class,
        name = "predict", description = "The probability that the student gets the next problem right, per exercise.",
        sortOptions = false)
final class PredictCommand implements Callable<Integer> {

    @ParentCommand
    ProficioCli cli;

    @Spec
    CommandSpec spec;

    @Option(names = "--student", required = true, paramLabel = "S", description = "Student id.")
    String student;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    static final class Which {
        @Option(names = "--exercise", required = true, paramLabel = "E", split = ",",
                description = "Exercise(s) to predict; repeat or separate with commas.")
        List<String> exercises;

        @Option(names = "--all", required = true,
                description = "Every exercise the student attempted or the model has a theta for.")
        boolean all;
    }

    @Option(names = "--problem-type", paramLabel = "T", defaultValue = "",
            description = "The next problem's type, when known: the model applies its difficulty offset (one exercise only).")
    String problemType;

    @Override
    public Integer call() {
        PredictResponse r;
        try (ServiceClient service = new ServiceClient(cli.connection())) {
            r = service.predict(student, which.all ? List.of() : which.exercises, which.all, problemType);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (cli.json()) {
            out.println(Json.print(r));
        } else {
            print(out, r);
        }
        out.flush();
        return ExitCodes.OK;
    }

    static void print(PrintWriter out, PredictResponse r) {
        int w = "exercise".length();
        for (ExercisePrediction p : r.getPredictionsList()) {
            w = Math.max(w, p.getExercise().length());
        }
        String row = "%-" + w + "s  %6s  %-12s  %s%n";
        out.printf(Locale.ROOT, row, "exercise", "p", "theta source", "done");
        for (ExercisePrediction p : r.getPredictionsList()) {
            out.printf(Locale.ROOT, row, p.getExercise(), Text.p4(p.getProbability()), Text.thetaSource(p.getThetaSource()),
                    p.getDone());
        }
        out.println("student " + r.getStudentId() + ", " + r.getPredictionsCount() + " exercise(s), model "
                + r.getModelVersion());
    }
}
