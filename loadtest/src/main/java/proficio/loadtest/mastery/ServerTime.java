package proficio.loadtest.mastery;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service's own time per gRPC method, from the sums and counts of Quarkus' server timer
 * ({@code grpc_server_processing_duration_seconds}, OK calls) on {@code /q/metrics}. The difference of
 * two scrapes gives the mean server time of the calls in between: with the client-side latency, it
 * splits a call into the server's part and the rest (transport, the client's encoding and decoding).
 */
record ServerTime(Map<String, Double> seconds, Map<String, Double> calls, Map<String, Double> within2ms) {

    private static final Pattern LINE = Pattern.compile(
            "^grpc_server_processing_duration_seconds_(sum|count|bucket)\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE);
    private static final Pattern METHOD = Pattern.compile("method=\"([^\"]+)\"");
    /** The service's 2 ms bucket (monitoring.Histograms): the calls the server itself took at most 2 ms over. */
    private static final String LE_2MS = "le=\"0.002\"";

    static ServerTime scrape(int httpPort) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + httpPort + "/q/metrics")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("/q/metrics answered HTTP " + r.statusCode());
        }
        return parse(r.body());
    }

    static ServerTime parse(String metrics) {
        Map<String, Double> seconds = new HashMap<>();
        Map<String, Double> calls = new HashMap<>();
        Map<String, Double> within2ms = new HashMap<>();
        Matcher m = LINE.matcher(metrics);
        while (m.find()) {
            if (!m.group(2).contains("statusCode=\"OK\"")) {
                continue;
            }
            Matcher method = METHOD.matcher(m.group(2));
            if (!method.find()) {
                continue;
            }
            Map<String, Double> into = switch (m.group(1)) {
                case "sum" -> seconds;
                case "count" -> calls;
                default -> m.group(2).contains(LE_2MS) ? within2ms : null;
            };
            if (into != null) {
                into.merge(method.group(1), Double.parseDouble(m.group(3)), Double::sum);
            }
        }
        return new ServerTime(seconds, calls, within2ms);
    }

    ServerTime minus(ServerTime before) {
        Map<String, Double> s = new HashMap<>(seconds);
        Map<String, Double> c = new HashMap<>(calls);
        before.seconds.forEach((k, v) -> s.merge(k, -v, Double::sum));
        before.calls.forEach((k, v) -> c.merge(k, -v, Double::sum));
        Map<String, Double> w = new HashMap<>(within2ms);
        before.within2ms.forEach((k, v) -> w.merge(k, -v, Double::sum));
        return new ServerTime(s, c, w);
    }

    /** Mean server time of {@code method}'s OK calls, in ms; NaN when there were none. */
    double meanMs(String method) {
        double n = calls.getOrDefault(method, 0.0);
        return n > 0 ? Math.round(seconds.getOrDefault(method, 0.0) / n * 1e6) / 1e3 : Double.NaN;
    }

    /**
     * The share of {@code method}'s OK calls that took the server itself more than 2 ms (from its
     * histogram's 2 ms bucket), in percent; NaN when there were none. Set beside the client's p99, it
     * says whether a slow call was slow in the service or around it (transport, scheduling, the client).
     */
    double percentOver2ms(String method) {
        double n = calls.getOrDefault(method, 0.0);
        return n > 0 ? Math.round((1 - within2ms.getOrDefault(method, 0.0) / n) * 1e5) / 1e3 : Double.NaN;
    }
}
