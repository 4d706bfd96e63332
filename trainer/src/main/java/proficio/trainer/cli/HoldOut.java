package proficio.trainer.cli;

import java.util.Locale;
import proficio.trainer.replay.RowSet;

/**
 * Which rows are held out: those of the test files, the last fraction by time, or the rows of a
 * fraction of the students.
 *
 * @param kind     file, time or students
 * @param fraction for time and students
 */
record HoldOut(String kind, double fraction) {

    static HoldOut parse(String spec) {
        String s = spec.strip().toLowerCase(Locale.ROOT);
        if (s.equals("file")) {
            return new HoldOut("file", 0);
        }
        int colon = s.indexOf(':');
        if (colon < 0) {
            throw new TrainerException("--holdout must be time:F or students:F, was '" + spec + "'", ExitCodes.BAD_INPUT);
        }
        String kind = s.substring(0, colon);
        double f;
        try {
            f = Double.parseDouble(s.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new TrainerException("--holdout fraction must be a number, was '" + spec + "'", ExitCodes.BAD_INPUT);
        }
        if (!(f > 0 && f < 1)) {
            throw new TrainerException("--holdout fraction must be in (0, 1), was " + f, ExitCodes.BAD_INPUT);
        }
        if (!kind.equals("time") && !kind.equals("students")) {
            throw new TrainerException("--holdout must be time:F or students:F, was '" + spec + "'", ExitCodes.BAD_INPUT);
        }
        return new HoldOut(kind, f);
    }

    RowSet apply(RowSet rows) {
        return switch (kind) {
            case "time" -> rows.holdOutLastByTime(fraction);
            case "students" -> rows.holdOutStudents(fraction);
            default -> rows; // file: flagged during the replay
        };
    }

    String describe() {
        return kind.equals("file") ? "the test files" : kind + ":" + fraction;
    }
}
