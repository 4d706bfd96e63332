package proficio.model.catalogue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Imports the Junyi Academy exercise table ({@code junyi_Exercise_table.csv}) as a demo catalogue.
 *
 * <p>The file is CSV, UTF-8 with a BOM, with a header naming its columns; this reads {@code name},
 * {@code live}, {@code prerequisites} (comma-separated, quoted when several) and {@code topic} (the
 * mission; "N/A" means none) and ignores the rest. The table has no problem types and no covering
 * relations, so the exercises have none. Its flaws are repaired, each with a note saying what was done:
 * a name listed twice keeps its first row; a prerequisite listed twice is kept once; a prerequisite that
 * is the exercise itself, or is not imported (unknown, or not live when only live exercises are
 * imported), is dropped; a prerequisite cycle is broken by dropping the edge that closes it (depth-first,
 * in file order). A line that cannot be read at all stops the import with file, line and problem.
 */
public final class JunyiExerciseTable {

    private static final List<String> REQUIRED = List.of("name", "live", "prerequisites", "topic");

    private JunyiExerciseTable() {
    }

    /**
     * The imported catalogue, how many data rows the file had, and what was repaired (one note each,
     * starting with file and line).
     */
    public record Import(ExerciseCatalogue catalogue, int rows, List<String> notes) {
        public Import {
            notes = List.copyOf(notes);
        }
    }

    public static Import read(Path file, boolean liveOnly) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(in, file.getFileName().toString(), liveOnly);
        }
    }

    /**
     * @param source   the name errors and notes give for the input
     * @param liveOnly import only rows whose {@code live} is TRUE
     * @throws CatalogueFormatException naming source, line and problem
     */
    public static Import read(Reader in, String source, boolean liveOnly) throws IOException {
        BufferedReader lines = in instanceof BufferedReader b ? b : new BufferedReader(in);
        String headerLine = readLine(lines, source, 0);
        if (headerLine == null) {
            throw new CatalogueFormatException(source, 0, "empty file: no header line");
        }
        if (headerLine.startsWith("\uFEFF")) {
            headerLine = headerLine.substring(1);
        }
        List<String> header = splitCsv(source, 1, headerLine);
        Map<String, Integer> column = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            column.putIfAbsent(header.get(i).strip(), i);
        }
        for (String required : REQUIRED) {
            if (!column.containsKey(required)) {
                throw new CatalogueFormatException(source, 1, "no column '" + required + "' in the header; "
                        + "expected the Junyi exercise table with columns " + String.join(", ", REQUIRED) + " (and others)");
            }
        }

        List<Row> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Map<String, Row> byName = new HashMap<>();
        int lineNo = 1;
        int dataRows = 0;
        String line;
        while ((line = readLine(lines, source, lineNo)) != null) {
            lineNo++;
            if (line.isBlank()) continue;
            dataRows++;
            List<String> fields = splitCsv(source, lineNo, line);
            if (fields.size() != header.size()) {
                throw new CatalogueFormatException(source, lineNo, fields.size() + " fields; the header has "
                        + header.size());
            }
            String name = fields.get(column.get("name")).strip();
            try {
                Exercise.checkName("name", name);
            } catch (IllegalArgumentException e) {
                throw new CatalogueFormatException(source, lineNo, e.getMessage());
            }
            boolean live = switch (fields.get(column.get("live")).strip().toUpperCase(Locale.ROOT)) {
                case "TRUE" -> true;
                case "FALSE" -> false;
                default -> throw new CatalogueFormatException(source, lineNo, "live is '"
                        + fields.get(column.get("live")) + "'; expected TRUE or FALSE");
            };
            String topic = fields.get(column.get("topic")).strip();
            String mission = topic.equals("N/A") ? "" : topic;
            try {
                if (!mission.isEmpty()) Exercise.checkName("topic", mission);
            } catch (IllegalArgumentException e) {
                throw new CatalogueFormatException(source, lineNo, e.getMessage());
            }
            List<String> prerequisites = new ArrayList<>();
            for (String p : fields.get(column.get("prerequisites")).split(",")) {
                if (!p.isBlank()) prerequisites.add(p.strip());
            }
            Row previous = byName.get(name);
            if (previous != null) {
                notes.add(source + ":" + lineNo + ": '" + name + "' repeats line " + previous.line + "; kept line "
                        + previous.line);
                continue;
            }
            Row row = new Row(lineNo, name, live, mission, prerequisites);
            byName.put(name, row);
            rows.add(row);
        }

        List<Row> kept = rows.stream().filter(r -> r.live || !liveOnly).toList();
        Set<String> names = new HashSet<>();
        kept.forEach(r -> names.add(r.name));
        List<Exercise> exercises = new ArrayList<>(kept.size());
        for (Row r : kept) {
            Set<String> prerequisites = new LinkedHashSet<>();
            for (String p : r.prerequisites) {
                String at = source + ":" + r.line + ": ";
                if (p.equals(r.name)) {
                    notes.add(at + "'" + r.name + "' lists itself as a prerequisite; dropped");
                } else if (!names.contains(p)) {
                    Row other = byName.get(p);
                    notes.add(at + "prerequisite '" + p + "' of '" + r.name + "' "
                            + (other == null ? "is not in the table" : "is not live") + "; dropped");
                } else if (!prerequisites.add(p)) {
                    notes.add(at + "'" + r.name + "' lists prerequisite '" + p + "' twice; kept once");
                }
            }
            // names and missions were checked above, and prerequisites are imported names
            exercises.add(new Exercise(r.name, r.mission, List.of(), List.copyOf(prerequisites), List.of()));
        }

        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < exercises.size(); i++) index.put(exercises.get(i).name(), i);
        List<ExerciseCatalogue.BackEdge> cycles = ExerciseCatalogue.backEdges(exercises, index, Exercise::prerequisites);
        if (!cycles.isEmpty()) {
            Map<Integer, Set<String>> drop = new HashMap<>();
            for (ExerciseCatalogue.BackEdge b : cycles) {
                String to = exercises.get(b.to()).name();
                drop.computeIfAbsent(b.from(), k -> new HashSet<>()).add(to);
                notes.add(source + ":" + kept.get(b.from()).line + ": prerequisite cycle "
                        + String.join(" -> ", b.cycle()) + "; dropped prerequisite '" + to + "' of '"
                        + exercises.get(b.from()).name() + "'");
            }
            drop.forEach((i, targets) -> {
                Exercise e = exercises.get(i);
                exercises.set(i, new Exercise(e.name(), e.mission(), e.problemTypes(),
                        e.prerequisites().stream().filter(p -> !targets.contains(p)).toList(), e.covers()));
            });
        }
        return new Import(ExerciseCatalogue.of(exercises), dataRows, notes);
    }

    private record Row(int line, String name, boolean live, String mission, List<String> prerequisites) {
    }

    private static String readLine(BufferedReader in, String source, int linesRead) throws IOException {
        try {
            return in.readLine();
        } catch (CharacterCodingException e) {
            throw new CatalogueFormatException(source, linesRead + 1, "not valid UTF-8");
        }
    }

    /** Splits one CSV line (RFC 4180 quoting: "..." with "" for a quote; no line breaks inside quotes). */
    static List<String> splitCsv(String source, int lineNo, String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        int n = line.length();
        while (true) {
            if (i < n && line.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= n) {
                        throw new CatalogueFormatException(source, lineNo, "a quoted field is not closed (field "
                                + (fields.size() + 1) + ")");
                    }
                    char c = line.charAt(i++);
                    if (c == '"') {
                        if (i < n && line.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(c);
                    }
                }
                if (i < n && line.charAt(i) != ',') {
                    throw new CatalogueFormatException(source, lineNo, "text after a closing quote in field "
                            + (fields.size() + 1));
                }
            } else {
                while (i < n && line.charAt(i) != ',') {
                    field.append(line.charAt(i++));
                }
            }
            fields.add(field.toString());
            field.setLength(0);
            if (i >= n) break;
            i++; // the comma
        }
        return fields;
    }
}
