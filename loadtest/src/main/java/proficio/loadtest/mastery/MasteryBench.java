package proficio.loadtest.mastery;

import com.google.protobuf.ByteString;
import io.grpc.StatusRuntimeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import proficio.loadtest.service.ServiceUnderTest;
import proficio.model.catalogue.CatalogueFile;
import proficio.model.event.ProblemLog;
import proficio.model.predict.KnowledgeModel;
import proficio.proto.DefaultModel;
import proficio.proto.ModelArtifacts;
import proficio.proto.v1.GetActiveModelRequest;
import proficio.proto.v1.ModelArtifact;
import proficio.proto.ModelRecords;
import proficio.proto.v1.ModelPointer;
import proficio.proto.ProblemLogs;
import proficio.proto.v1.ChallengeCard;
import proficio.proto.v1.DiagnosticsGrpc;
import proficio.proto.v1.EchoRequest;
import proficio.proto.v1.GetNextChallengeRequest;
import proficio.proto.v1.GetStudentStateRequest;
import proficio.proto.v1.KnowledgeServiceGrpc;
import proficio.proto.v1.NextChallenge;
import proficio.proto.v1.RankExercisesRequest;
import proficio.proto.v1.RankedExercises;
import proficio.proto.v1.StudentState;

/**
 * {@code bench/mastery OUT_DIR}: the latency of GetNextChallenge and RankExercises (all exercises)
 * through the real serving path. Starts the packaged service with the embedded Kafka, feeds the
 * generated answers through {@code problem-logs}, waits until they are applied, then calls each RPC
 * sequentially from this JVM (closed loop, one call in flight) and records every latency, client-side,
 * in an HdrHistogram. Writes {@code mastery-bench.json} (the figures) and
 * {@code mastery-bench-detail.json}.
 */
@Command(name = "mastery-bench", mixinStandardHelpOptions = true,
        description = "Latency of GetNextChallenge and RankExercises over gRPC against the packaged service.")
public final class MasteryBench implements Callable<Integer> {

    static final String PROBLEM_LOGS = "problem-logs";
    static final String MODELS = "models";
    static final String MODEL_NAME = "knowledge";

    @Parameters(index = "0", description = "where mastery-bench.json, the detail file and the service's log go")
    Path out;
    @Option(names = "--service-jar", required = true, description = "service/target/quarkus-app/quarkus-run.jar")
    Path serviceJar;
    @Option(names = "--catalogue", defaultValue = "5000", description = "catalogue exercises (default ${DEFAULT-VALUE})")
    int catalogueSize;
    @Option(names = "--attempted", defaultValue = "300", description = "exercises the student attempted (default ${DEFAULT-VALUE})")
    int attempted;
    @Option(names = "--other-students", defaultValue = "20", description = "other students, 40 answers each (default ${DEFAULT-VALUE})")
    int others;
    @Option(names = "--calls", defaultValue = "5000", description = "measured calls per RPC (default ${DEFAULT-VALUE})")
    int calls;
    @Option(names = "--warmup", defaultValue = "5000", description = "unmeasured calls per RPC first (default ${DEFAULT-VALUE})")
    int warmup;
    @Option(names = "--seed", defaultValue = "20240501", description = "generator seed (default ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--model", defaultValue = "trained",
            description = "trained: publish a model with a theta for every catalogue exercise, as a trained one has "
                    + "(default); default: keep the built-in model (one global theta, so every never-attempted "
                    + "exercise has the same p)")
    String modelKind;
    @Option(names = "--service-jvm-option", description = "an extra JVM option for the service, e.g. -XX:StartFlightRecording=...")
    List<String> serviceJvmOptions = new ArrayList<>();

    public static void main(String[] args) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.exit(new CommandLine(new MasteryBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(out);
        Path work = Files.createTempDirectory("proficio-mastery-bench-");
        long anchor = System.currentTimeMillis();
        BenchData data = BenchData.generate(catalogueSize, attempted, others, seed, anchor);
        Path catalogue = work.resolve("catalogue.txt");
        CatalogueFile.write(data.catalogue(), catalogue);
        log("catalogue: %d exercises (%s); student %s: %d answers in %d exercises; %d other students; state in %s",
                data.catalogue().size(), catalogue, data.student(), data.studentAnswers().size(), data.attempted(),
                others, work);

        try (ServiceUnderTest service = new ServiceUnderTest(serviceJar, work, catalogue, serviceJvmOptions)) {
            Thread hook = new Thread(() -> {
                try {
                    service.close();
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            });
            Runtime.getRuntime().addShutdownHook(hook);
            long t0 = System.nanoTime();
            service.awaitServing(180_000);
            log("service pid %d SERVING on gRPC :%d after %.1f s (log: %s)", service.pid(), service.grpcPort,
                    (System.nanoTime() - t0) / 1e9, service.log());

            var stub = KnowledgeServiceGrpc.newBlockingStub(service.channel());
            String modelVersion = switch (modelKind) {
                case "trained" -> publish(service.bootstrapServers(), BenchData.trainedModel(data.catalogue(), seed));
                case "default" -> DefaultModel.artifact().getVersion();
                default -> throw new IllegalArgumentException("--model must be trained or default, was '" + modelKind + "'");
            };
            awaitModel(stub, modelVersion, 60_000);
            log("model %s active", modelVersion);
            send(service.bootstrapServers(), data);
            awaitApplied(stub, data.studentAnswers(), 120_000);
            awaitApplied(stub, data.otherAnswers(), 120_000);
            log("all %d answers applied", data.studentAnswers().size() + data.otherAnswers().size());

            GetNextChallengeRequest nextReq = GetNextChallengeRequest.newBuilder().setStudentId(data.student())
                    .setAsOf(ProblemLogs.Timestamps.fromMillis(anchor)).build();
            RankExercisesRequest rankReq = RankExercisesRequest.newBuilder().setStudentId(data.student()).build();
            NextChallenge challenge = awaitCatalogue(stub, nextReq, data.catalogue().size(), 60_000);
            RankedExercises ranked = stub.withDeadlineAfter(10, TimeUnit.SECONDS).rankExercises(rankReq);
            int expectedRanked = data.catalogue().size();
            if (ranked.getExercisesCount() != expectedRanked) {
                throw new IllegalStateException("RankExercises returned " + ranked.getExercisesCount()
                        + " exercises, expected " + expectedRanked);
            }

            Supplier<Object> next = () -> stub.withDeadlineAfter(10, TimeUnit.SECONDS).getNextChallenge(nextReq);
            Supplier<Object> rank = () -> stub.withDeadlineAfter(10, TimeUnit.SECONDS).rankExercises(rankReq);
            // The floor: a call that does no work, dispatched like the two above, on the same channel.
            var diagnostics = DiagnosticsGrpc.newBlockingStub(service.channel());
            EchoRequest echoReq = EchoRequest.newBuilder().setPayload(ByteString.copyFrom(new byte[64])).build();
            Supplier<Object> echo = () -> diagnostics.withDeadlineAfter(10, TimeUnit.SECONDS).echo(echoReq);
            log("warm-up: %d calls each", warmup);
            for (int i = 0; i < warmup; i++) {
                next.get();
                rank.get();
                echo.get();
            }
            log("measuring: %d sequential calls each", calls);
            ServerTime serverBefore = ServerTime.scrape(service.httpPort);
            Histogram nextH = measure(next, calls);
            Histogram rankH = measure(rank, calls);
            Histogram echoH = measure(echo, calls);
            ServerTime server = ServerTime.scrape(service.httpPort).minus(serverBefore);
            // What the client alone spends on rank-all's reply: parsing its bytes into messages.
            byte[] rankedBytes = ranked.toByteArray();
            Histogram decodeH = measure(() -> parse(rankedBytes), calls);

            String figures = json(new LinkedHashMap<>(Map.of(
                    "catalogue", data.catalogue().size(),
                    "attempted", data.attempted(),
                    "next_challenge_p99_ms", ms(nextH, 99.0),
                    "rank_all_p99_ms", ms(rankH, 99.0))),
                    List.of("catalogue", "attempted", "next_challenge_p99_ms", "rank_all_p99_ms"));
            Files.writeString(out.resolve("mastery-bench.json"), figures + "\n");
            Files.writeString(out.resolve("mastery-bench-detail.json"),
                    detail(data, challenge, ranked, nextH, rankH, echoH, decodeH, server) + "\n");
            Files.copy(service.log(), out.resolve("service.log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            System.out.println(figures);
            log("next challenge: p50 %.3f p99 %.3f p99.9 %.3f max %.3f ms; rank all: p50 %.3f p99 %.3f p99.9 %.3f max %.3f ms;"
                            + " echo (the floor): p50 %.3f p99 %.3f ms; the client's parse of a rank-all reply: p50 %.3f ms;"
                            + " server-side mean (Quarkus' gRPC timer): next %.3f, rank %.3f, echo %.3f ms;"
                            + " calls over 2 ms in the server: next %.2f %%, rank %.2f %%",
                    ms(nextH, 50), ms(nextH, 99), ms(nextH, 99.9), nextH.getMaxValue() / 1e6,
                    ms(rankH, 50), ms(rankH, 99), ms(rankH, 99.9), rankH.getMaxValue() / 1e6,
                    ms(echoH, 50), ms(echoH, 99), ms(decodeH, 50), server.meanMs("GetNextChallenge"),
                    server.meanMs("RankExercises"), server.meanMs("Echo"),
                    server.percentOver2ms("GetNextChallenge"), server.percentOver2ms("RankExercises"));
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        deleteTree(work); // kept when the run fails, for its state and log
        return 0;
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * Publishes {@code model} to the models topic as {@code proficio-trainer publish --force} does (the
     * protocol of ModelPointer in model_artifact.proto: the artifact, then the pointer); its version.
     * The artifact of 5,000 thetas is about 4 MB: the service creates the topic to take it.
     */
    private static String publish(String bootstrap, KnowledgeModel model) throws Exception {
        ModelArtifact artifact = ModelArtifacts.toArtifact(MODEL_NAME, model);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "proficio-mastery-bench-models");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(32 * 1024 * 1024));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(MODELS, ModelRecords.artifactKey(MODEL_NAME, artifact.getVersion()),
                    artifact.toByteArray())).get(60, TimeUnit.SECONDS);
            producer.send(new ProducerRecord<>(MODELS, ModelRecords.pointerKey(MODEL_NAME), ModelPointer.newBuilder()
                    .setName(MODEL_NAME).setVersion(artifact.getVersion()).setPublishedAtMs(System.currentTimeMillis())
                    .setPublishedBy("mastery-bench").setReason("publish without evaluation (bench)").build()
                    .toByteArray())).get(60, TimeUnit.SECONDS);
        }
        return artifact.getVersion();
    }

    private static void awaitModel(KnowledgeServiceGrpc.KnowledgeServiceBlockingStub stub, String version, long timeoutMs)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (true) {
            String active = stub.withDeadlineAfter(10, TimeUnit.SECONDS)
                    .getActiveModel(GetActiveModelRequest.getDefaultInstance()).getVersion();
            if (active.equals(version)) {
                return;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("the service still answers with model " + active + ", not " + version);
            }
            Thread.sleep(100);
        }
    }

    /** Sequential calls, one in flight; the latency of each, in ns, as the client sees it. */
    static Histogram measure(Supplier<Object> call, int n) {
        Histogram h = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            call.get();
            h.recordValue(System.nanoTime() - t);
        }
        return h;
    }

    private static RankedExercises parse(byte[] bytes) {
        try {
            return RankedExercises.parseFrom(bytes);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void send(String bootstrap, BenchData data) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "proficio-mastery-bench");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            List<ProblemLog> all = new ArrayList<>(data.studentAnswers());
            all.addAll(data.otherAnswers());
            for (ProblemLog a : all) {
                producer.send(new ProducerRecord<>(PROBLEM_LOGS, a.studentId(), ProblemLogs.toWire(a).toByteArray()));
            }
            producer.flush();
        }
    }

    /**
     * Waits until, for every student, the exercise of their last answer shows as many answers as were
     * sent in it: one student's answers are applied in order, so then all of theirs are.
     */
    private static void awaitApplied(KnowledgeServiceGrpc.KnowledgeServiceBlockingStub stub, List<ProblemLog> answers,
                                     long timeoutMs) throws InterruptedException {
        Map<String, ProblemLog> last = new TreeMap<>();
        Map<String, Long> count = new TreeMap<>();
        for (ProblemLog a : answers) {
            last.put(a.studentId(), a);
            count.merge(a.studentId() + "\u0000" + a.exercise(), 1L, Long::sum);
        }
        long deadline = System.currentTimeMillis() + timeoutMs;
        for (ProblemLog a : last.values()) {
            long want = count.get(a.studentId() + "\u0000" + a.exercise());
            while (true) {
                StudentState s = stub.withDeadlineAfter(10, TimeUnit.SECONDS).getStudentState(GetStudentStateRequest
                        .newBuilder().setStudentId(a.studentId()).addExercises(a.exercise()).build());
                if (s.getExercisesCount() == 1 && s.getExercises(0).getDone() >= want) {
                    break;
                }
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("student " + a.studentId() + ": " + a.exercise()
                            + " never reached " + want + " answers; last state " + s);
                }
                Thread.sleep(50);
            }
        }
    }

    /** The catalogue is read in the background at start: waits until the service plans with all of it. */
    private static NextChallenge awaitCatalogue(KnowledgeServiceGrpc.KnowledgeServiceBlockingStub stub,
                                                GetNextChallengeRequest req, int size, long timeoutMs)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (true) {
            try {
                NextChallenge c = stub.withDeadlineAfter(10, TimeUnit.SECONDS).getNextChallenge(req);
                if (c.getCatalogueSize() == size) {
                    return c;
                }
            } catch (StatusRuntimeException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw e;
                }
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("the service never planned with the " + size + "-exercise catalogue");
            }
            Thread.sleep(100);
        }
    }

    private static String detail(BenchData data, NextChallenge challenge, RankedExercises ranked, Histogram next,
                                 Histogram rank, Histogram echo, Histogram decode, ServerTime server) {
        Map<String, Object> cards = new TreeMap<>();
        for (ChallengeCard c : challenge.getCardsList()) {
            cards.merge(c.getCardType().name(), 1, (a, b) -> (Integer) a + (Integer) b);
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("catalogue", data.catalogue().size());
        d.put("attempted", data.attempted());
        d.put("student_answers", data.studentAnswers().size());
        d.put("other_answers", data.otherAnswers().size());
        d.put("mode", "closed loop, one call in flight, client-side latency over gRPC on localhost");
        d.put("next_challenge_cards", json(cards, new ArrayList<>(cards.keySet())));
        d.put("next_challenge_reply_bytes", challenge.getSerializedSize());
        d.put("rank_all_exercises", ranked.getExercisesCount());
        d.put("rank_all_reply_bytes", ranked.getSerializedSize());
        d.put("next_challenge", figures(next));
        d.put("rank_all", figures(rank));
        d.put("echo", figures(echo));
        d.put("rank_all_client_decode", figures(decode));
        d.put("server_mean_ms", json(new LinkedHashMap<>(Map.of(
                "next_challenge", server.meanMs("GetNextChallenge"),
                "rank_all", server.meanMs("RankExercises"),
                "echo", server.meanMs("Echo"))), List.of("next_challenge", "rank_all", "echo")));
        d.put("server_percent_over_2ms", json(new LinkedHashMap<>(Map.of(
                "next_challenge", server.percentOver2ms("GetNextChallenge"),
                "rank_all", server.percentOver2ms("RankExercises"))), List.of("next_challenge", "rank_all")));
        return json(d, new ArrayList<>(d.keySet()));
    }

    private static String figures(Histogram h) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("calls", h.getTotalCount());
        f.put("p50_ms", ms(h, 50));
        f.put("p90_ms", ms(h, 90));
        f.put("p99_ms", ms(h, 99));
        f.put("p999_ms", ms(h, 99.9));
        f.put("max_ms", round(h.getMaxValue() / 1e6));
        f.put("mean_ms", round(h.getMean() / 1e6));
        return json(f, new ArrayList<>(f.keySet()));
    }

    static double ms(Histogram h, double percentile) {
        return round(h.getValueAtPercentile(percentile) / 1e6);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    /** A flat JSON object in {@code order}; values are numbers, or JSON text already (nested objects). */
    static String json(Map<String, Object> values, List<String> order) {
        StringBuilder b = new StringBuilder("{");
        for (String k : order) {
            Object v = values.get(k);
            if (b.length() > 1) {
                b.append(", ");
            }
            b.append('"').append(k).append("\": ");
            if (v instanceof Double d) {
                b.append(String.format(Locale.ROOT, "%.3f", d));
            } else if (v instanceof Number || (v instanceof String s && s.startsWith("{"))) {
                b.append(v);
            } else {
                b.append('"').append(String.valueOf(v).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
        }
        return b.append('}').toString();
    }

    private static void log(String format, Object... args) {
        System.err.println("mastery-bench: " + String.format(Locale.ROOT, format, args));
    }
}
