package proficio.cli;

import java.io.PrintWriter;
import java.util.Locale;
import proficio.proto.v1.RankedExercise;
import proficio.proto.v1.RankedExercises;

/** The human-readable form of a ranked list (rank, challenge-cards, practice): one exercise a line. */
final class RankedLines {

    private RankedLines() {
    }

    static void print(PrintWriter out, RankedExercises r, String what) {
        for (RankedExercise e : r.getExercisesList()) {
            out.printf(Locale.ROOT, "%-24s p %.4f  %s%n", e.getExercise(), e.getProbability(), Text.level(e.getLevel()));
        }
        out.println("student " + r.getStudentId() + ", " + r.getExercisesCount() + " " + what + ", model " + r.getModelVersion());
    }
}
