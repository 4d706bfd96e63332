package proficio.loadtest.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * {@code loadtest-report.json}, exactly the schema of issue #5:
 * <pre>
 * {"machine": {"cores", "jdk"},
 *  "ingest": {"events", "events_per_s", "ceiling_events_per_s", "ratio", "visible_p99_ms", "visible_rate"},
 *  "serving": [{"rpc", "rate", "p50_ms", "p99_ms", "p999_ms", "max_rps", "echo_max_rps", "ratio"}],
 *  "state": {"students", "bytes_on_disk", "bytes_per_student"}}
 * </pre>
 * How each figure is measured: loadtest/README.md. Everything else goes to the detail file.
 */
@JsonPropertyOrder({"machine", "ingest", "serving", "state"})
public record LoadtestReport(Machine machine, Ingest ingest, List<Serving> serving, State state) {

    public LoadtestReport {
        serving = List.copyOf(serving);
    }

    @JsonPropertyOrder({"cores", "jdk"})
    public record Machine(@JsonProperty("cores") int cores, @JsonProperty("jdk") String jdk) {
    }

    /**
     * @param eventsPerS         the service's applied events per second, flat out (a backlog, middle 80 %)
     * @param ceilingEventsPerS  the pass-through app's, on the same backlog, same run
     * @param ratio              eventsPerS / ceilingEventsPerS
     * @param visibleP99Ms       p99 of answer → visible through gRPC, at visibleRate
     * @param visibleRate        the produce rate achieved during the visibility run (events per second)
     */
    @JsonPropertyOrder({"events", "events_per_s", "ceiling_events_per_s", "ratio", "visible_p99_ms", "visible_rate"})
    public record Ingest(@JsonProperty("events") long events,
                         @JsonProperty("events_per_s") double eventsPerS,
                         @JsonProperty("ceiling_events_per_s") double ceilingEventsPerS,
                         @JsonProperty("ratio") double ratio,
                         @JsonProperty("visible_p99_ms") double visibleP99Ms,
                         @JsonProperty("visible_rate") double visibleRate) {
    }

    /**
     * @param rate        the open-loop rate p50/p99/p999 were measured at (requests per second)
     * @param maxRps      the highest stepped rate that held (RateSearch)
     * @param echoMaxRps  the same for Echo on the same server, same run
     * @param ratio       maxRps / echoMaxRps
     */
    @JsonPropertyOrder({"rpc", "rate", "p50_ms", "p99_ms", "p999_ms", "max_rps", "echo_max_rps", "ratio"})
    public record Serving(@JsonProperty("rpc") String rpc,
                          @JsonProperty("rate") double rate,
                          @JsonProperty("p50_ms") double p50Ms,
                          @JsonProperty("p99_ms") double p99Ms,
                          @JsonProperty("p999_ms") double p999Ms,
                          @JsonProperty("max_rps") double maxRps,
                          @JsonProperty("echo_max_rps") double echoMaxRps,
                          @JsonProperty("ratio") double ratio) {
    }

    /** @param bytesOnDisk every file under the service's state directory, after a clean stop */
    @JsonPropertyOrder({"students", "bytes_on_disk", "bytes_per_student"})
    public record State(@JsonProperty("students") long students,
                        @JsonProperty("bytes_on_disk") long bytesOnDisk,
                        @JsonProperty("bytes_per_student") double bytesPerStudent) {
    }
}
