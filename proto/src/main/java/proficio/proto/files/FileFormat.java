package proficio.proto.files;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The answer-file formats that {@code proficio send-file} and the trainer read. */
public enum FileFormat {
    /** Gervet et al.'s ASSISTments preprocessing: tab-separated {@code user_id item_id timestamp correct skill_id}. */
    GERVET_TSV("gervet-tsv"),
    /** Khan Academy / Junyi Academy problem-log CSV, by column name. */
    JUNYI_CSV("junyi-csv"),
    /** One ProblemLog per line in protobuf JSON. */
    JSONL("jsonl");

    private final String id;

    FileFormat(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }

    public static FileFormat parse(String s) {
        for (FileFormat f : values()) {
            if (f.id.equalsIgnoreCase(s) || f.name().equalsIgnoreCase(s)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown format '" + s + "'; expected one of "
                + Arrays.stream(values()).map(FileFormat::id).collect(Collectors.joining(", ")));
    }

    /**
     * Guesses from the first line (the header, or the first JSON object), then from the file name.
     *
     * @return the format, or null when neither tells
     */
    public static FileFormat guess(String fileName, String firstLine) {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (firstLine != null) {
            String head = firstLine.strip();
            if (head.startsWith("\uFEFF")) {
                head = head.substring(1);
            }
            if (head.startsWith("{")) {
                return JSONL;
            }
            if (head.contains("\t") && columns(head, "\t").containsAll(List.of("user_id", "item_id", "skill_id"))) {
                return GERVET_TSV;
            }
            if (head.contains(",") && columns(head, ",").containsAll(List.of("user_id", "exercise"))) {
                return JUNYI_CSV;
            }
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
            return JSONL;
        }
        if (name.endsWith(".tsv")) {
            return GERVET_TSV;
        }
        return null;
    }

    private static Set<String> columns(String header, String sep) {
        return Arrays.stream(header.split(sep, -1))
                .map(c -> c.strip().replace("\"", "").toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
    }
}
