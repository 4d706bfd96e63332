package proficio.loadtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report file has exactly issue #5's schema: these names, these types, nothing more. */
class LoadtestReportTest {

    @TempDir
    Path dir;

    @Test
    void reportFile_hasExactlyTheIssuesFields_inOrder_withTheirTypes() throws Exception {
        LoadtestReport report = new LoadtestReport(new LoadtestReport.Machine(2, "Eclipse Adoptium 25+36-LTS"),
                new LoadtestReport.Ingest(600_000, 41_234.5, 80_000.0, 0.515, 23.4, 9_998.7),
                List.of(new LoadtestReport.Serving("Echo", 5000, 0.2, 0.9, 3.1, 15_000, 15_000, 1.0),
                        new LoadtestReport.Serving("Predict", 5000, 0.3, 1.4, 4.2, 10_000, 15_000, 0.667)),
                new LoadtestReport.State(2000, 5_000_000, 2500.0));
        Path file = ReportFiles.writeReport(dir, report);
        JsonNode root = new ObjectMapper().readTree(Files.readString(file));

        assertThat(names(root)).containsExactly("machine", "ingest", "serving", "state");
        assertThat(names(root.get("machine"))).containsExactly("cores", "jdk");
        assertThat(root.get("machine").get("cores").isInt()).isTrue();
        assertThat(root.get("machine").get("jdk").isTextual()).isTrue();

        JsonNode ingest = root.get("ingest");
        assertThat(names(ingest)).containsExactly("events", "events_per_s", "ceiling_events_per_s", "ratio",
                "visible_p99_ms", "visible_rate");
        assertThat(ingest.get("events").isIntegralNumber()).isTrue();
        assertThat(ingest.get("events").asLong()).isEqualTo(600_000);
        for (String f : List.of("events_per_s", "ceiling_events_per_s", "ratio", "visible_p99_ms", "visible_rate")) {
            assertThat(ingest.get(f).isFloatingPointNumber()).as(f).isTrue();
        }
        assertThat(ingest.get("events_per_s").asDouble()).isEqualTo(41_234.5);

        assertThat(root.get("serving").isArray()).isTrue();
        assertThat(root.get("serving")).hasSize(2);
        JsonNode predict = root.get("serving").get(1);
        assertThat(names(predict)).containsExactly("rpc", "rate", "p50_ms", "p99_ms", "p999_ms", "max_rps",
                "echo_max_rps", "ratio");
        assertThat(predict.get("rpc").asText()).isEqualTo("Predict");
        for (String f : List.of("rate", "p50_ms", "p99_ms", "p999_ms", "max_rps", "echo_max_rps", "ratio")) {
            assertThat(predict.get(f).isFloatingPointNumber()).as(f).isTrue();
        }
        assertThat(predict.get("p999_ms").asDouble()).isEqualTo(4.2);

        JsonNode state = root.get("state");
        assertThat(names(state)).containsExactly("students", "bytes_on_disk", "bytes_per_student");
        assertThat(state.get("students").isIntegralNumber()).isTrue();
        assertThat(state.get("bytes_on_disk").isIntegralNumber()).isTrue();
        assertThat(state.get("bytes_per_student").isFloatingPointNumber()).isTrue();
    }

    private static List<String> names(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
