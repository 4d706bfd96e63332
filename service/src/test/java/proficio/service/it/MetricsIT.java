package proficio.service.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.grpc.StatusRuntimeException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import proficio.model.event.ProblemLog;
import proficio.model.feature.FeatureSpace;
import proficio.model.predict.KnowledgeModel;
import proficio.model.state.StateUpdate;
import proficio.model.state.StudentReplay;
import proficio.proto.DefaultModel;
import proficio.proto.ModelArtifacts;
import proficio.proto.ProblemLogs;
import proficio.proto.v1.PredictRequest;
import proficio.proto.v1.RankExercisesRequest;
import proficio.proto.v1.RecordAttemptRequest;

/**
 * Scrapes {@code /q/metrics} of the packaged service over HTTP, against a real broker: every metric
 * of docs/metrics.md is there, parsed strictly, and moves by exactly what the test did: answers
 * applied, a duplicate, dead letters by reason, records timed, predictions by path, version and
 * theta source, the active model's log-likelihood as {@code model} computes it, gRPC calls by method
 * and status in histograms, and the Streams consumer's lag. Then every metric the Grafana dashboard
 * queries is checked to exist.
 */
class MetricsIT {

    private static final String STUDENT = "metrics-student";

    @TempDir
    static Path dir;
    static TestBroker broker;
    static ServiceProcess service;
    static KnowledgeModel defaultModel;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        broker = new TestBroker(dir.resolve("broker"));
        service = new ServiceProcess(dir.resolve("service"), Map.of(
                "proficio.kafka.bootstrap-servers", broker.bootstrapServers(),
                "proficio.streams.application-id", "metrics-it",
                // per-partition lag appears once partitions are assigned; pick it up quickly
                "proficio.metrics.kafka-refresh-interval", "1s")).start().awaitServing(60_000);
        defaultModel = ModelArtifacts.toModel(DefaultModel.artifact());
        awaitHttp(30_000);
    }

    /**
     * gRPC health can say SERVING (Streams running, set from its thread) a moment before Quarkus has
     * opened the HTTP port at the end of its start; wait for that, bounded.
     */
    static void awaitHttp(long timeoutMs) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (true) {
            try {
                scrape();
                return;
            } catch (java.net.ConnectException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw new AssertionError("HTTP port " + service.httpPort + " not open after " + timeoutMs + " ms; log:\n"
                            + service.logTail(), e);
                }
                Thread.sleep(100);
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    /** GET /q/metrics in the classic text format (Prometheus itself asks for OpenMetrics first; both carry the same metrics). */
    static PrometheusText scrape() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + service.httpPort + "/q/metrics"))
                .header("Accept", "text/plain; version=0.0.4").timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("GET /q/metrics").isEqualTo(200);
        assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/plain");
        return PrometheusText.parse(r.body());
    }

    /** Scrapes until {@code done} holds (at most 20 s), then returns that scrape. */
    static PrometheusText scrapeUntil(Predicate<PrometheusText> done, String what) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        PrometheusText t = scrape();
        while (!done.test(t)) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("/q/metrics never showed " + what);
            }
            Thread.sleep(200);
            t = scrape();
        }
        return t;
    }

    private static String[] grpc(String method, String status) {
        return new String[] {"service", "proficio.v1.KnowledgeService", "method", method, "statusCode", status};
    }

    private static String[] predictions(String path, String thetaSource) {
        return new String[] {"path", path, "model_version", defaultModel.version(), "theta_source", thetaSource};
    }

    private static final String[] ACTIVE = {"model_version", "ka2012-accuracy", "role", "active"};

    @Test
    void everyMetricIsExposed_andMovesByWhatTheEventsAndCallsDid() throws Exception {
        PrometheusText before = scrape();
        assertThat(before.type("proficio_ingest_applied_total")).isEqualTo("counter");
        assertThat(before.type("proficio_ingest_duplicates_total")).isEqualTo("counter");
        assertThat(before.type("proficio_ingest_dead_letters_total")).isEqualTo("counter");
        assertThat(before.type("proficio_ingest_processing_seconds")).isEqualTo("histogram");
        assertThat(before.find("proficio_ingest_processing_seconds_bucket")).as("fixed buckets, 10 µs to 30 s, and +Inf").hasSize(21);
        assertThat(before.find("proficio_ingest_dead_letters_total", "reason", "undecodable")).as("there from start").hasSize(1);
        assertThat(before.type("kafka_consumer_fetch_manager_records_lag_max")).isEqualTo("gauge");

        // Answers for one student through the broker: 6 good ones in two exercises, a retry of one,
        // an undecodable record, one with a blank exercise, then a last good one (same partition: in order).
        StudentReplay replay = new StudentReplay(new StateUpdate(new FeatureSpace(defaultModel.featureSpace().seed())));
        double expectedLogLikelihood = 0;
        boolean[] right = {true, true, false, true, false, true};
        List<ProblemLog> good = new ArrayList<>();
        for (int i = 0; i < right.length; i++) {
            good.add(Students.answer(STUDENT, i % 2 == 0 ? "addition_1" : "angles", "", right[i]));
        }
        for (ProblemLog log : good) {
            expectedLogLikelihood += logLikelihood(replay, log);
            replay.apply(log);
            broker.send(log);
        }
        broker.send(good.get(2));
        broker.sendRaw(STUDENT, new byte[] {(byte) 0xFF, (byte) 0xFF, 0x01});
        broker.sendRaw(STUDENT, ProblemLogs.toWire(Students.answer(STUDENT, " ", "", true)).toByteArray());
        ProblemLog last = Students.answer(STUDENT, "addition_1", "", true);
        expectedLogLikelihood += logLikelihood(replay, last);
        replay.apply(last);
        broker.send(last);
        Students.awaitDone(service.knowledge(), STUDENT, "addition_1", 4);

        // RPCs: Predict OK three times (2 + 1 + all 2 exercises = 5 predictions), once INVALID_ARGUMENT;
        // RankExercises (no catalogue: the 2 attempted exercises); RecordAttempt with wait (1 prediction, 1 answer).
        var stub = service.knowledge();
        stub.predict(PredictRequest.newBuilder().setStudentId(STUDENT).addExercises("addition_1").addExercises("angles").build());
        stub.predict(PredictRequest.newBuilder().setStudentId(STUDENT).addExercises("addition_1").build());
        assertThat(stub.predict(PredictRequest.newBuilder().setStudentId(STUDENT).setAllExercises(true).build())
                .getPredictionsCount()).isEqualTo(2);
        assertThatThrownBy(() -> service.knowledge().predict(PredictRequest.newBuilder().setStudentId(" ").addExercises("a").build()))
                .isInstanceOf(StatusRuntimeException.class).hasMessageContaining("INVALID_ARGUMENT");
        assertThat(service.knowledge().rankExercises(RankExercisesRequest.newBuilder().setStudentId(STUDENT).build())
                .getExercisesCount()).isEqualTo(2);
        ProblemLog recorded = Students.answer(STUDENT, "angles", "", false);
        expectedLogLikelihood += logLikelihood(replay, recorded);
        replay.apply(recorded);
        assertThat(service.knowledge().recordAttempt(RecordAttemptRequest.newBuilder()
                .setAttempt(ProblemLogs.toWire(recorded)).setWait(true).build()).getApplied()).isTrue();

        double appliedBefore = before.value("proficio_ingest_applied_total");
        PrometheusText after = scrapeUntil(t -> t.value("proficio_ingest_applied_total") - appliedBefore >= 8
                        && t.sum("grpc_server_processing_duration_seconds_count", grpc("RecordAttempt", "OK")) >= 1,
                "8 answers applied and RecordAttempt answered");

        // Ingest: 8 applied (6 + the last + RecordAttempt's), 1 duplicate, 2 dead letters by reason, 11 records timed.
        assertThat(delta(before, after, "proficio_ingest_applied_total")).isEqualTo(8);
        assertThat(delta(before, after, "proficio_ingest_duplicates_total")).isEqualTo(1);
        assertThat(delta(before, after, "proficio_ingest_dead_letters_total", "reason", "undecodable", "field", "none")).isEqualTo(1);
        assertThat(delta(before, after, "proficio_ingest_dead_letters_total", "reason", "invalid", "field", "exercise")).isEqualTo(1);
        assertThat(delta(before, after, "proficio_ingest_processing_seconds_count")).isEqualTo(11);
        assertThat(delta(before, after, "proficio_ingest_processing_seconds_sum")).isPositive();
        assertHistogram(after, "proficio_ingest_processing_seconds");

        // Predictions by path, version and theta source (the shipped model has no exercise thetas: all global).
        assertThat(delta(before, after, "proficio_predictions_total", predictions("ingest", "global"))).isEqualTo(8);
        assertThat(delta(before, after, "proficio_predictions_total", predictions("ingest", "exercise"))).isZero();
        assertThat(delta(before, after, "proficio_predictions_total", predictions("Predict", "global"))).isEqualTo(5);
        assertThat(delta(before, after, "proficio_predictions_total", predictions("RankExercises", "global"))).isEqualTo(2);
        assertThat(delta(before, after, "proficio_predictions_total", predictions("RecordAttempt", "global"))).isEqualTo(1);

        // The active model's log-likelihood of each applied answer, from the p it gave just before.
        assertThat(delta(before, after, "proficio_quality_samples_total", ACTIVE)).isEqualTo(8);
        assertThat(delta(before, after, "proficio_quality_log_loss_total", ACTIVE)).isCloseTo(-expectedLogLikelihood, within(1e-9));
        double samples = after.value("proficio_quality_samples_total", ACTIVE);
        assertThat(after.value("proficio_quality_log_likelihood", ACTIVE))
                .isCloseTo(-after.value("proficio_quality_log_loss_total", ACTIVE) / samples, within(1e-12));

        // gRPC: a histogram per method and status.
        assertThat(after.type("grpc_server_processing_duration_seconds")).isEqualTo("histogram");
        assertThat(delta(before, after, "grpc_server_processing_duration_seconds_count", grpc("Predict", "OK"))).isEqualTo(3);
        assertThat(delta(before, after, "grpc_server_processing_duration_seconds_count", grpc("Predict", "INVALID_ARGUMENT"))).isEqualTo(1);
        assertThat(delta(before, after, "grpc_server_processing_duration_seconds_count", grpc("RankExercises", "OK"))).isEqualTo(1);
        assertThat(delta(before, after, "grpc_server_processing_duration_seconds_count", grpc("RecordAttempt", "OK"))).isEqualTo(1);
        assertThat(delta(before, after, "grpc_server_processing_duration_seconds_sum", grpc("Predict", "OK"))).isPositive();
        assertHistogram(after, "grpc_server_processing_duration_seconds");

        // Consumer lag: the Streams consumer's own metric, per problem-logs partition once assigned; all caught up.
        PrometheusText caughtUp = scrapeUntil(t -> {
            List<PrometheusText.Sample> lag = streamThreadConsumer(t, "kafka_consumer_fetch_manager_records_lag", "problem-logs");
            return lag.size() == 4 && lag.stream().allMatch(s -> s.value() == 0);
        }, "records-lag 0 for the 4 problem-logs partitions");
        assertThat(streamThreadConsumer(caughtUp, "kafka_consumer_fetch_manager_records_lag_max", null))
                .isNotEmpty().allSatisfy(s -> assertThat(s.value()).isNotNegative());
    }

    @Test
    void theGrafanaDashboardAndTheAlertRules_queryOnlyMetricsTheServiceExposes() throws Exception {
        // Make sure the metrics created on first use exist: one answer (predictions, quality), one dead letter.
        ProblemLog one = Students.answer("dashboard-student", "addition_1", "", true);
        broker.send(Students.answer("dashboard-student", "", "", true));
        broker.send(one);
        Students.awaitDone(service.knowledge(), "dashboard-student", "addition_1", 1);
        PrometheusText scrape = scrapeUntil(t -> !t.find("proficio_ingest_dead_letters_total", "reason", "invalid").isEmpty()
                && !t.find("grpc_server_processing_duration_seconds_bucket", "method", "GetStudentState").isEmpty()
                && !streamThreadConsumer(t, "kafka_consumer_fetch_manager_records_lag", "problem-logs").isEmpty(),
                "the dead letter, the gRPC call and partition lag");

        Path file = Path.of(System.getProperty("proficio.dashboard", "../deploy/k8s/grafana/proficio-dashboard.json"));
        JsonObject dashboard = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        assertThat(dashboard.getAsJsonObject("templating").getAsJsonArray("list").get(0).getAsJsonObject()
                .get("type").getAsString()).as("a Prometheus datasource variable").isEqualTo("datasource");
        List<String> exprs = new ArrayList<>();
        for (JsonElement panel : dashboard.getAsJsonArray("panels")) {
            JsonObject p = panel.getAsJsonObject();
            if (p.has("targets")) {
                for (JsonElement target : p.getAsJsonArray("targets")) {
                    exprs.add(target.getAsJsonObject().get("expr").getAsString());
                }
            }
        }
        assertThat(exprs).hasSizeGreaterThan(10);
        Set<String> queried = new TreeSet<>();
        Matcher m = Pattern.compile("\\b(?:proficio|grpc_server|kafka)_[a-zA-Z0-9_]+").matcher(String.join("\n", exprs));
        while (m.find()) {
            queried.add(m.group());
        }
        Set<String> exposed = scrape.samples().stream().map(PrometheusText.Sample::name).collect(Collectors.toSet());
        assertThat(queried).isNotEmpty().allSatisfy(name -> assertThat(exposed).as("dashboard queries %s", name).contains(name));

        // The alert rules beside it (deploy/k8s/monitoring.yaml, a PrometheusRule).
        Path monitoring = file.getParent().getParent().resolve("monitoring.yaml");
        List<String> rules = new ArrayList<>();
        var yaml = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper();
        try (var parser = yaml.getFactory().createParser(monitoring.toFile())) {
            for (var doc : yaml.readValues(parser, com.fasterxml.jackson.databind.JsonNode.class).readAll()) {
                if (doc.path("kind").asText().equals("PrometheusRule")) {
                    for (var group : doc.path("spec").path("groups")) {
                        for (var rule : group.path("rules")) {
                            rules.add(rule.path("expr").asText());
                        }
                    }
                }
            }
        }
        assertThat(rules).hasSizeGreaterThanOrEqualTo(4);
        Set<String> alerted = new TreeSet<>();
        Matcher r = Pattern.compile("\\b(?:proficio|grpc_server|kafka)_[a-zA-Z0-9_]+").matcher(String.join("\n", rules));
        while (r.find()) {
            alerted.add(r.group());
        }
        assertThat(alerted).isNotEmpty().allSatisfy(name -> assertThat(exposed).as("an alert queries %s", name).contains(name));
        // The label values the rules select on exist too.
        assertThat(streamThreadConsumer(scrape, "kafka_consumer_fetch_manager_records_lag", "problem-logs")).isNotEmpty();
        assertThat(scrape.find("grpc_server_processing_duration_seconds_count", "service", "proficio.v1.KnowledgeService",
                "statusCode", "OK")).isNotEmpty();
    }

    private static double logLikelihood(StudentReplay replay, ProblemLog log) {
        if (replay.isDuplicate(log)) {
            return 0;
        }
        double p = defaultModel.predict(log.exercise(), log.problemType(), replay).probability();
        return log.correct() ? Math.log(p) : Math.log1p(-p);
    }

    private static double delta(PrometheusText before, PrometheusText after, String name, String... labels) {
        return after.sum(name, labels) - before.sum(name, labels);
    }

    /** Every series of the histogram: buckets cumulative in le, +Inf equal to _count. */
    private static void assertHistogram(PrometheusText t, String family) {
        Map<Map<String, String>, List<PrometheusText.Sample>> series = t.find(family + "_bucket").stream()
                .collect(Collectors.groupingBy(s -> withoutLe(s.labels())));
        assertThat(series).isNotEmpty();
        series.forEach((labels, buckets) -> {
            buckets.sort(Comparator.comparingDouble(s -> Double.parseDouble(s.labels().get("le").replace("+Inf", "Infinity"))));
            for (int i = 1; i < buckets.size(); i++) {
                assertThat(buckets.get(i).value()).as("%s buckets cumulative", labels).isGreaterThanOrEqualTo(buckets.get(i - 1).value());
            }
            PrometheusText.Sample inf = buckets.get(buckets.size() - 1);
            assertThat(inf.labels().get("le")).isEqualTo("+Inf");
            String[] pairs = labels.entrySet().stream().flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue()))
                    .toArray(String[]::new);
            assertThat(inf.value()).as("%s +Inf bucket = count", labels).isEqualTo(t.value(family + "_count", pairs));
        });
    }

    private static Map<String, String> withoutLe(Map<String, String> labels) {
        Map<String, String> out = new java.util.TreeMap<>(labels);
        out.remove("le");
        return out;
    }

    /** Samples of a consumer metric for the Streams thread's main consumer (not the restore consumer), of {@code topic} when given. */
    private static List<PrometheusText.Sample> streamThreadConsumer(PrometheusText t, String name, String topic) {
        return t.find(name).stream()
                .filter(s -> s.labels().getOrDefault("client_id", "").matches(".*StreamThread-\\d+-consumer"))
                .filter(s -> topic == null || topic.equals(s.labels().get("topic")))
                .toList();
    }
}
