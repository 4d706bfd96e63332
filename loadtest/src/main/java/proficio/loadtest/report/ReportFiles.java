package proficio.loadtest.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;

/** Writes the report and the detail file as indented JSON. */
public final class ReportFiles {

    public static final String REPORT = "loadtest-report.json";
    public static final String DETAIL = "loadtest-detail.json";

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportFiles() {
    }

    public static Path writeReport(Path dir, LoadtestReport report) throws IOException {
        Path file = dir.resolve(REPORT);
        JSON.writeValue(file.toFile(), report);
        return file;
    }

    /** Anything Jackson can write: maps, lists, records, numbers. */
    public static Path writeDetail(Path dir, Object detail) throws IOException {
        Path file = dir.resolve(DETAIL);
        JSON.writeValue(file.toFile(), detail);
        return file;
    }

    public static String toJson(Object value) throws IOException {
        return JSON.writeValueAsString(value);
    }
}
