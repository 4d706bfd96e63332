package proficio.cli;

import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import proficio.proto.v1.RankedExercise;
import proficio.proto.v1.RankedExercises;

/** The human-readable form of a ranked list (rank, challenge-cards, practice): one exercise a line. */
final class RankedLines {

    private RankedLines() {
    }

    /** Prints {@code r} as JSON (with --json) or one exercise a line, for the commands that answer a ranked list. */
    static int answer(ProficioCli cli, CommandSpec spec, RankedExercises r, String what) {
        PrintWriter out = spec.commandLine().getOut();
        if (cli.json()) {
            out.println(Json.print(r));
        } else {
            print(out, r, what);
        }
        out.flush();
        return ExitCodes.OK;
    }

    static void print(PrintWriter out, RankedExercises r, String what) {
        for (RankedExercise e : r.getExercisesList()) {
            out.printf(Locale.ROOT, "%-24s p %.4f  %s%n", e.getExercise(), e.getProbability(), Text.level(e.getLevel()));
        }
        out.println("student " + r.getStudentId() + ", " + r.getExercisesCount() + " " + what + ", model " + r.getModelVersion());
    }
}
