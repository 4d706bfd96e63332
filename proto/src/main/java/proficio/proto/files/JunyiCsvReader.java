package proficio.proto.files;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import proficio.model.event.CardType;
import proficio.model.event.ProblemLog;

/**
 * Khan Academy / Junyi Academy problem-log CSV, by column name. Needs {@code user_id, exercise,
 * time_done, correct}; reads {@code problem_type, problem_number, time_taken, count_hints,
 * count_attempts} when present; ignores other columns. {@code time_done} is in microseconds since
 * the epoch, {@code time_taken} in seconds, {@code correct} is true/false (1/0 accepted).
 */
final class JunyiCsvReader extends LineReader {

    static final List<String> REQUIRED = List.of("user_id", "exercise", "time_done", "correct");

    private final Map<String, Integer> index = new HashMap<>();
    private final int columns;

    JunyiCsvReader(Path file, BufferedReader in, String studentPrefix) throws IOException, MalformedRecordException {
        super(file, in, studentPrefix);
        String header = readHeader();
        if (header == null) {
            throw malformed("the file is empty; expected a CSV header with " + String.join(", ", REQUIRED));
        }
        List<String> names;
        try {
            names = Csv.split(header);
        } catch (IllegalArgumentException e) {
            throw malformed("header: " + e.getMessage());
        }
        for (int i = 0; i < names.size(); i++) {
            index.putIfAbsent(names.get(i).strip().toLowerCase(Locale.ROOT), i);
        }
        List<String> missing = REQUIRED.stream().filter(c -> !index.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            throw malformed("the header has no column " + String.join(", ", missing) + "; a junyi-csv header needs "
                    + String.join(", ", REQUIRED));
        }
        columns = names.size();
    }

    @Override
    public FileFormat format() {
        return FileFormat.JUNYI_CSV;
    }

    @Override
    protected ProblemLog parse(String line, long lineNumber, long recordIndex) {
        List<String> f = Csv.split(line);
        if (f.size() != columns) {
            throw new IllegalArgumentException("expected " + columns + " comma-separated fields as in the header, found "
                    + f.size());
        }
        String student = get(f, "user_id");
        String exercise = get(f, "exercise");
        long timeDoneUs = LineReader.parseLong("time_done", get(f, "time_done"));
        boolean correct = bool("correct", get(f, "correct"));
        String problemType = get(f, "problem_type");
        int problemNumber = intOr0(f, "problem_number");
        long timeTakenMs = timeTakenMs(get(f, "time_taken"));
        int hints = intOr0(f, "count_hints");
        int attempts = intOr0(f, "count_attempts");
        return new ProblemLog(eventId(lineNumber), studentPrefix + student, exercise, problemType, problemNumber,
                correct, Math.floorDiv(timeDoneUs, 1000L), timeTakenMs, hints, attempts, CardType.PRACTICE, "");
    }

    /** The column's value, stripped; "" when the file has no such column. */
    private String get(List<String> f, String column) {
        Integer i = index.get(column);
        return i == null ? "" : f.get(i).strip();
    }

    private int intOr0(List<String> f, String column) {
        String v = get(f, column);
        return v.isEmpty() ? 0 : LineReader.parseInt(column, v);
    }

    private static long timeTakenMs(String seconds) {
        if (seconds.isEmpty()) {
            return 0;
        }
        try {
            double s = Double.parseDouble(seconds);
            if (Double.isNaN(s) || Double.isInfinite(s)) {
                throw new NumberFormatException();
            }
            return Math.round(s * 1000.0);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("time_taken must be a number of seconds, was '" + seconds + "'");
        }
    }

    private static boolean bool(String column, String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw new IllegalArgumentException(column + " must be true or false, was '" + v + "'");
        };
    }
}
