package proficio.model.catalogue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Proficio's own catalogue format, version 1: UTF-8 text, one exercise per line.
 *
 * <pre>
 * # comments and blank lines are ignored
 * proficio-catalogue 1
 * # exercise | mission | problem types | prerequisites | covers
 * addition_1 | arithmetic | one_digit, two_digit |            |
 * addition_2 | arithmetic |                      | addition_1 | addition_1
 * </pre>
 *
 * The first line that is not blank or a comment is the header {@code proficio-catalogue 1}. Each
 * further line has up to five fields separated by {@code |} (missing trailing fields are empty);
 * every field is trimmed; the last three are comma-separated lists. A comment is a line whose first
 * non-blank character is {@code #}. The whole catalogue is then checked as
 * {@link ExerciseCatalogue#of} does. Every error names the file, the line and the problem. The format
 * is described in docs/mastery.md.
 */
public final class CatalogueFile {

    public static final String HEADER = "proficio-catalogue";
    public static final int FORMAT_VERSION = 1;
    private static final String COLUMNS = "exercise | mission | problem types | prerequisites | covers";

    private CatalogueFile() {
    }

    /** Reads the catalogue file at {@code file}. */
    public static ExerciseCatalogue read(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(in, file.toString());
        }
    }

    /**
     * Reads a catalogue from {@code in}.
     *
     * @param source the name errors give for the input (usually the file name)
     * @throws CatalogueFormatException naming source, line and problem
     */
    public static ExerciseCatalogue read(Reader in, String source) throws IOException {
        BufferedReader lines = in instanceof BufferedReader b ? b : new BufferedReader(in);
        List<Exercise> exercises = new ArrayList<>();
        List<Integer> lineOf = new ArrayList<>();
        boolean header = false;
        int lineNo = 0;
        String line;
        while (true) {
            try {
                line = lines.readLine();
            } catch (CharacterCodingException e) {
                throw new CatalogueFormatException(source, lineNo + 1, "not valid UTF-8");
            }
            if (line == null) break;
            lineNo++;
            if (lineNo == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) continue;
            if (!header) {
                checkHeader(source, lineNo, trimmed);
                header = true;
                continue;
            }
            exercises.add(parseLine(source, lineNo, line));
            lineOf.add(lineNo);
        }
        if (!header) {
            throw new CatalogueFormatException(source, 0, "no header line '" + HEADER + " " + FORMAT_VERSION
                    + "': empty or not a catalogue file");
        }
        List<ExerciseCatalogue.Problem> problems = ExerciseCatalogue.problems(exercises, i -> "line " + lineOf.get(i));
        if (!problems.isEmpty()) {
            ExerciseCatalogue.Problem first = problems.get(0);
            throw new CatalogueFormatException(source, lineOf.get(first.index()),
                    "exercise '" + exercises.get(first.index()).name() + "': " + first.message());
        }
        return ExerciseCatalogue.of(exercises);
    }

    /** Writes {@code catalogue} in this format; reading it back gives an equal catalogue. */
    public static void write(ExerciseCatalogue catalogue, Appendable out) throws IOException {
        out.append(HEADER).append(' ').append(Integer.toString(FORMAT_VERSION)).append('\n');
        out.append("# ").append(COLUMNS).append('\n');
        for (Exercise e : catalogue.exercises()) {
            String[] fields = {e.name(), e.mission(), String.join(", ", e.problemTypes()),
                    String.join(", ", e.prerequisites()), String.join(", ", e.covers())};
            int last = fields.length - 1;
            while (last > 0 && fields[last].isEmpty()) last--; // trailing empty fields may be left out
            out.append(String.join(" | ", Arrays.copyOf(fields, last + 1))).append('\n');
        }
    }

    /** Writes {@code catalogue} to {@code file} (UTF-8), replacing it. */
    public static void write(ExerciseCatalogue catalogue, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            write(catalogue, w);
        }
    }

    private static void checkHeader(String source, int lineNo, String trimmed) {
        String[] parts = trimmed.split("\\s+");
        if (parts.length != 2 || !parts[0].equals(HEADER)) {
            throw new CatalogueFormatException(source, lineNo, "expected the header line '" + HEADER + " "
                    + FORMAT_VERSION + "', found '" + abbreviate(trimmed) + "'");
        }
        if (!parts[1].equals(Integer.toString(FORMAT_VERSION))) {
            throw new CatalogueFormatException(source, lineNo, "catalogue format version '" + abbreviate(parts[1])
                    + "' is not supported; this reader knows version " + FORMAT_VERSION);
        }
    }

    private static Exercise parseLine(String source, int lineNo, String line) {
        String[] fields = line.split("\\|", -1);
        if (fields.length > 5) {
            throw new CatalogueFormatException(source, lineNo, fields.length + " fields separated by '|'; at most 5: "
                    + COLUMNS);
        }
        String[] f = Arrays.copyOf(fields, 5);
        for (int i = 0; i < f.length; i++) {
            f[i] = f[i] == null ? "" : f[i].strip();
        }
        String name = f[0];
        if (name.isEmpty()) {
            throw new CatalogueFormatException(source, lineNo, "exercise name is empty");
        }
        try {
            return new Exercise(name, f[1], list(f[2], "problem types"), list(f[3], "prerequisites"),
                    list(f[4], "covers"));
        } catch (IllegalArgumentException e) {
            throw new CatalogueFormatException(source, lineNo, "exercise '" + abbreviate(name) + "': " + e.getMessage());
        }
    }

    private static List<String> list(String field, String what) {
        if (field.isEmpty()) return List.of();
        List<String> items = new ArrayList<>();
        for (String item : field.split(",", -1)) {
            String s = item.strip();
            if (s.isEmpty()) {
                throw new IllegalArgumentException(what + " has an empty item in '" + abbreviate(field) + "'");
            }
            items.add(s);
        }
        return items;
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
