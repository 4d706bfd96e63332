package proficio.loadtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import proficio.loadtest.ceiling.PassThrough;
import proficio.loadtest.ingest.Backlog;
import proficio.loadtest.ingest.Drain;
import proficio.loadtest.ingest.GroupProgress;
import proficio.loadtest.ingest.LiveIngest;
import proficio.loadtest.report.LoadtestReport;
import proficio.loadtest.report.ReportFiles;
import proficio.loadtest.serve.OpenLoop;
import proficio.loadtest.serve.RateSearch;
import proficio.loadtest.serve.RpcTargets;
import proficio.loadtest.service.PhaseRecording;
import proficio.loadtest.service.ServiceUnderTest;
import proficio.loadtest.service.StateOnDisk;
import proficio.loadtest.simulate.AnswerSource;
import proficio.loadtest.simulate.Curriculum;
import proficio.loadtest.simulate.FileReplay;
import proficio.loadtest.simulate.LearnerSimulator;
import proficio.loadtest.simulate.Roster;
import proficio.model.catalogue.CatalogueFile;
import proficio.proto.files.FileFormat;

/**
 * {@code bench/loadtest-quick OUT_DIR}: the quick suite of issue #5, against the packaged service
 * with its embedded Kafka, all on this machine, in about five minutes:
 * <ol>
 *   <li>ingest flat out: simulated learners' answers (or a dataset file) as one backlog, applied by
 *       the service; then the pass-through app (the ceiling) through the same backlog;</li>
 *   <li>a clean stop: bytes on disk per student of the state; a restart;</li>
 *   <li>ingest at a set rate (10k/s) with answer → visible through gRPC on a sample;</li>
 *   <li>serving, open loop: Echo (the ceiling), Predict, GetNextChallenge, RankExercises, each at a
 *       set rate for its latency, then stepped up for the highest rate that holds.</li>
 * </ol>
 * Writes {@code loadtest-report.json} (the schema), {@code loadtest-detail.json} and the
 * service's log; with {@code --profile}, a JFR recording of the service per phase.
 */
@Command(name = "loadtest-quick", mixinStandardHelpOptions = true,
        description = "Ingest, visibility, serving and state figures of the packaged service, with their ceilings.")
public final class QuickSuite implements Callable<Integer> {

    static final String PROBLEM_LOGS = "problem-logs";
    static final String SERVICE_GROUP = "proficio";
    static final int PARTITIONS = 4;

    @Parameters(index = "0", description = "where the report, the detail file, the service's log (and profiles) go")
    Path out;
    @Option(names = "--service-jar", required = true, description = "service/target/quarkus-app/quarkus-run.jar")
    Path serviceJar;
    @Option(names = "--seed", defaultValue = "20250501", description = "simulator and request seed (default ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--topics", defaultValue = "100", description = "curriculum topics (default ${DEFAULT-VALUE})")
    int topics;
    @Option(names = "--exercises-per-topic", defaultValue = "50", description = "default ${DEFAULT-VALUE}: a 5,000-exercise catalogue")
    int perTopic;
    @Option(names = "--students", defaultValue = "2000", description = "learners in the flat-out backlog, each until about --exercises-per-student (default ${DEFAULT-VALUE})")
    int students;
    @Option(names = "--exercises-per-student", defaultValue = "20", description = "default ${DEFAULT-VALUE}")
    int exercisesPerStudent;
    @Option(names = "--concurrent-learners", defaultValue = "1000", description = "learners interleaved in the stream (default ${DEFAULT-VALUE})")
    int concurrent;
    @Option(names = "--replay", description = "a dataset file (Gervet TSV, Junyi CSV, JSON lines) as the backlog instead of simulated learners")
    Path replay;
    @Option(names = "--replay-format", description = "gervet-tsv, junyi-csv or jsonl (default: guessed)")
    String replayFormat;
    @Option(names = "--live-rate", defaultValue = "10000", description = "events/s of the visibility run (default ${DEFAULT-VALUE})")
    double liveRate;
    @Option(names = "--live-seconds", defaultValue = "15", description = "default ${DEFAULT-VALUE}, after 5 s of warm-up")
    int liveSeconds;
    @Option(names = "--sample-every", defaultValue = "250", description = "watch every n-th answer until visible (default ${DEFAULT-VALUE})")
    int sampleEvery;
    @Option(names = "--poll-ms", defaultValue = "5", description = "visibility poll interval (default ${DEFAULT-VALUE})")
    int pollMs;
    @Option(names = "--predict-rate", defaultValue = "5000", description = "Predict and Echo: the rate of the latency run (default ${DEFAULT-VALUE})")
    double predictRate;
    @Option(names = "--planning-rate", defaultValue = "100", description = "GetNextChallenge and RankExercises: the rate of the latency run (default ${DEFAULT-VALUE})")
    double planningRate;
    @Option(names = "--serve-seconds", defaultValue = "5", description = "each latency run, after 2 s of warm-up (default ${DEFAULT-VALUE})")
    int serveSeconds;
    @Option(names = "--step-seconds", defaultValue = "2", description = "each step of the rate search (default ${DEFAULT-VALUE})")
    double stepSeconds;
    @Option(names = "--steps", defaultValue = "10", description = "most rate steps up (x1.3 each) per RPC (default ${DEFAULT-VALUE})")
    int steps;
    @Option(names = "--p99-bound-ms", defaultValue = "100", description = "a rate step holds while p99 <= this: no queue building up (default ${DEFAULT-VALUE})")
    double p99BoundMs;
    @Option(names = "--profile", description = "record the service with JFR during the ingest drain, the live run and the Predict runs (OUT_DIR/profile-*.jfr)")
    boolean profile;
    @Option(names = "--service-jvm-option", description = "an extra JVM option for the service")
    List<String> serviceJvmOptions = new ArrayList<>();
    @Option(names = "--service-property", description = "key=value, a system property for the service; kafka-streams.* ones apply to the pass-through too")
    Map<String, String> serviceProperties = new LinkedHashMap<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.exit(new CommandLine(new QuickSuite()).execute(args));
    }

    /** Bad options fail before anything starts, naming the option and the reason. */
    private void validate() {
        positive("--topics", topics);
        positive("--exercises-per-topic", perTopic);
        positive("--students", students);
        positive("--exercises-per-student", exercisesPerStudent);
        positive("--concurrent-learners", concurrent);
        positive("--live-rate", liveRate);
        positive("--live-seconds", liveSeconds);
        positive("--sample-every", sampleEvery);
        positive("--poll-ms", pollMs);
        positive("--predict-rate", predictRate);
        positive("--planning-rate", planningRate);
        positive("--serve-seconds", serveSeconds);
        positive("--step-seconds", stepSeconds);
        positive("--steps", steps);
        positive("--p99-bound-ms", p99BoundMs);
        if (replay != null && !Files.isReadable(replay)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--replay: cannot read " + replay);
        }
        if (replayFormat != null) {
            try {
                FileFormat.parse(replayFormat);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--replay-format: " + e.getMessage());
            }
        }
        if (!Files.isRegularFile(serviceJar)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--service-jar: no such file " + serviceJar);
        }
    }

    private void positive(String option, double value) {
        if (!(value > 0)) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + ": must be above 0, was " + value);
        }
    }

    @Override
    public Integer call() throws Exception {
        validate();
        long began = System.nanoTime();
        Files.createDirectories(out);
        Path work = Files.createTempDirectory("proficio-loadtest-");
        long anchor = System.currentTimeMillis();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("started", java.time.Instant.ofEpochMilli(anchor).toString());
        detail.put("load_average_at_start", loadAverage());
        detail.put("settings", settings());
        Curriculum curriculum = Curriculum.generate(topics, perTopic, seed);
        Path catalogue = work.resolve("catalogue.txt");
        CatalogueFile.write(curriculum.toCatalogue(), catalogue);
        log("curriculum: %d topics x %d exercises; work dir %s; load average %s", topics, perTopic, work, loadAverage());

        Map<String, String> passThroughOverrides = new LinkedHashMap<>();
        serviceProperties.forEach((k, v) -> {
            if (k.startsWith("kafka-streams.")) {
                passThroughOverrides.put(k.substring("kafka-streams.".length()), v);
            }
        });
        try (ServiceUnderTest service = new ServiceUnderTest(serviceJar, work.resolve("service"), catalogue,
                serviceJvmOptions, serviceProperties)) {
            Thread hook = new Thread(() -> {
                try {
                    service.close();
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            });
            Runtime.getRuntime().addShutdownHook(hook);
            awaitServing(service);

            // 1. Flat out: one backlog, applied by the service, then by the pass-through.
            Roster backlogRoster = new Roster();
            Map<TopicPartition, Long> before = GroupProgress.endOffsets(service.bootstrapServers(), PROBLEM_LOGS);
            Backlog.Produced produced;
            Drain.Result serviceDrain;
            long commitNanos;
            try (AnswerSource source = backlogSource(curriculum, anchor);
                 PhaseRecording rec = profile ? PhaseRecording.start(service.pid(), "ingest", out.resolve("profile-ingest.jfr")) : null) {
                produced = Backlog.produce(service.bootstrapServers(), PROBLEM_LOGS, source, backlogRoster);
                commitNanos = System.nanoTime();
                log("backlog: %d answers of %d students written in one transaction in %.1f s", produced.events(),
                        backlogRoster.students(), produced.seconds());
                Map<TopicPartition, Long> after = GroupProgress.endOffsets(service.bootstrapServers(), PROBLEM_LOGS);
                try (GroupProgress progress = new GroupProgress(service.bootstrapServers(), SERVICE_GROUP, before, after)) {
                    serviceDrain = Drain.watch(progress, produced.events(), commitNanos, Duration.ofMinutes(10));
                }
            }
            log("service: %,.0f events/s applied (middle 80 %%), %,.0f overall, all in %.1f s",
                    serviceDrain.eventsPerS(), serviceDrain.overallPerS(), serviceDrain.seconds());
            Drain.Result ceiling = passThrough(service.bootstrapServers(), work, passThroughOverrides, produced.events());
            log("pass-through: %,.0f events/s (middle 80 %%), %,.0f overall incl. its start, in %.1f s",
                    ceiling.eventsPerS(), ceiling.overallPerS(), ceiling.seconds());

            // 2. State after a clean stop (stores flushed), then a restart.
            service.stop();
            StateOnDisk state = StateOnDisk.measure(service.stateDir());
            log("state: %,d bytes for %d students (%.1f exercises each): %,.0f bytes per student", state.bytes(),
                    backlogRoster.students(), backlogRoster.meanExercisesPerStudent(),
                    (double) state.bytes() / backlogRoster.students());
            service.start();
            awaitServing(service);

            // 3. At a set rate, with answer -> visible on a sample.
            Roster liveRoster = new Roster();
            LiveIngest.Result live;
            try (LearnerSimulator liveSource = new LearnerSimulator(curriculum, new LearnerSimulator.Settings(
                    "live-", concurrent, 0, exercisesPerStudent, anchor, seed + 1))) {
                LiveIngest.run(service.bootstrapServers(), PROBLEM_LOGS, service.channel(), liveSource, liveRoster,
                        liveRate, Duration.ofSeconds(5), sampleEvery, Duration.ofMillis(pollMs)); // warm-up
                try (PhaseRecording rec = profile ? PhaseRecording.start(service.pid(), "live", out.resolve("profile-live.jfr")) : null) {
                    live = LiveIngest.run(service.bootstrapServers(), PROBLEM_LOGS, service.channel(), liveSource,
                            liveRoster, liveRate, Duration.ofSeconds(liveSeconds), sampleEvery, Duration.ofMillis(pollMs));
                }
            }
            log("live: %,.0f events/s produced (target %,.0f); visible p50 %.1f p99 %.1f p99.9 %.1f ms over %d samples, %d not seen",
                    live.produce().achievedRate(), liveRate, ms(live.visible(), 50), ms(live.visible(), 99),
                    ms(live.visible(), 99.9), live.visible().getTotalCount(), live.timedOut() + live.probeFailed());

            // The service may still be behind on the live answers (when 10k/s is over its capacity):
            // serving is measured once it has caught up, not while it competes with ingest.
            Drain.Result catchUp = awaitCaughtUp(service.bootstrapServers());
            log("service caught up with the live answers %.1f s after the live run ended", catchUp.seconds());

            // 4. Serving, open loop; Echo first: the ceiling the others are read against.
            Map<String, Object> servingDetail = new LinkedHashMap<>();
            List<Measured> measured = new ArrayList<>();
            var ch = service.channel();
            measured.add(serve(RpcTargets.ECHO, RpcTargets.echo(ch), predictRate, p99BoundMs, null));
            measured.add(serve(RpcTargets.PREDICT, RpcTargets.predict(ch, backlogRoster, seed), predictRate, p99BoundMs,
                    profile ? service : null));
            measured.add(serve(RpcTargets.NEXT_CHALLENGE, RpcTargets.nextChallenge(ch, backlogRoster, seed, anchor),
                    planningRate, p99BoundMs, null));
            measured.add(serve(RpcTargets.RANK_ALL, RpcTargets.rankAll(ch, backlogRoster, seed), planningRate,
                    p99BoundMs, null));
            double echoMax = measured.get(0).search().maxRate();
            List<LoadtestReport.Serving> rows = new ArrayList<>();
            for (Measured m : measured) {
                OpenLoop.Result r = m.latency();
                rows.add(new LoadtestReport.Serving(m.rpc(), r.rate(), round(r.ms(50)), round(r.ms(99)), round(r.ms(99.9)),
                        round(m.search().maxRate()), round(echoMax), echoMax == 0 ? 0 : round(m.search().maxRate() / echoMax)));
                servingDetail.put(m.rpc(), m.detail());
            }
            service.stop();
            Runtime.getRuntime().removeShutdownHook(hook);

            LoadtestReport report = new LoadtestReport(
                    new LoadtestReport.Machine(Runtime.getRuntime().availableProcessors(), jdk()),
                    new LoadtestReport.Ingest(produced.events(), round(serviceDrain.eventsPerS()), round(ceiling.eventsPerS()),
                            round(serviceDrain.eventsPerS() / ceiling.eventsPerS()), round(ms(live.visible(), 99)),
                            round(live.produce().achievedRate())),
                    rows,
                    new LoadtestReport.State(backlogRoster.students(), state.bytes(),
                            round((double) state.bytes() / backlogRoster.students())));
            detail.put("ingest", ordered(
                    "backlog", ordered("events", produced.events(), "students", backlogRoster.students(),
                            "source", replay == null ? "simulated learners" : replay.toString(),
                            "written_s", round(produced.seconds())),
                    "service", drainDetail(serviceDrain),
                    "pass_through", drainDetail(ceiling),
                    "live", liveDetail(live),
                    "live_caught_up_after_s", round(catchUp.seconds())));
            detail.put("serving", servingDetail);
            detail.put("state", ordered("students", backlogRoster.students(),
                    "mean_exercises_per_student", round(backlogRoster.meanExercisesPerStudent()),
                    "answers", backlogRoster.answers(), "bytes_on_disk", state.bytes(), "bytes_by_store", state.byStore(),
                    "measured", "after a clean stop (stores flushed), before the live run; backlog students only"));
            detail.put("load_average_at_end", loadAverage());
            detail.put("elapsed_s", round((System.nanoTime() - began) / 1e9));
            ReportFiles.writeReport(out, report);
            ReportFiles.writeDetail(out, detail);
            Files.copy(service.log(), out.resolve("service.log"), StandardCopyOption.REPLACE_EXISTING);
            System.out.println(ReportFiles.toJson(report));
            log("done in %.0f s; report in %s", (System.nanoTime() - began) / 1e9, out.resolve(ReportFiles.REPORT));
        }
        deleteTree(work); // kept when the run fails, for its state and log
        return 0;
    }

    record Measured(String rpc, OpenLoop.Result latency, RateSearch.Outcome search, Map<String, Object> detail) {
    }

    /** Warm-up, the latency run at {@code rate}, then the rate search; JFR over the last two when asked. */
    private Measured serve(String rpc, OpenLoop.Target target, double rate, double bound, ServiceUnderTest profiled)
            throws Exception {
        OpenLoop.run(target, rate, Duration.ofSeconds(2), Duration.ofSeconds(10), 100_000);
        OpenLoop.Result latency;
        RateSearch.Outcome search;
        try (PhaseRecording rec = profiled == null ? null
                : PhaseRecording.start(profiled.pid(), rpc, out.resolve("profile-" + rpc.toLowerCase(Locale.ROOT) + ".jfr"))) {
            latency = OpenLoop.run(target, rate, Duration.ofSeconds(serveSeconds), Duration.ofSeconds(10), 100_000);
            // Up from the set rate when it held; else from a little under what the latency run achieved.
            double start = RateSearch.holds(latency, bound) ? rate : Math.max(1, 0.8 * latency.achievedRate());
            search = RateSearch.search(target, new RateSearch.Plan(start, 1.3, steps,
                    Duration.ofMillis((long) (stepSeconds * 1000)), bound), 100_000);
        }
        log("%s at %,.0f/s: p50 %.3f p99 %.3f p99.9 %.3f ms (%d failed); highest rate held (p99 <= %.0f ms): %s%,.0f/s",
                rpc, rate, latency.ms(50), latency.ms(99), latency.ms(99.9), latency.failed(), bound,
                search.bounded() ? "" : "at least ", search.maxRate());
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("latency_run", runDetail(latency));
        d.put("p99_bound_ms", bound);
        d.put("max_rps", round(search.maxRate()));
        d.put("max_rps_is_lower_bound", !search.bounded()); // no step failed: the steps ran out first
        List<Object> stepDetail = new ArrayList<>();
        for (RateSearch.Step s : search.steps()) {
            Map<String, Object> sd = runDetail(s.result());
            sd.put("holds", s.holds());
            stepDetail.add(sd);
        }
        d.put("steps", stepDetail);
        return new Measured(rpc, latency, search, d);
    }

    /** Waits until the service's group has committed every record of problem-logs. */
    private static Drain.Result awaitCaughtUp(String bootstrap) throws Exception {
        Map<TopicPartition, Long> end = GroupProgress.endOffsets(bootstrap, PROBLEM_LOGS);
        Map<TopicPartition, Long> start = new LinkedHashMap<>();
        end.keySet().forEach(tp -> start.put(tp, 0L));
        try (GroupProgress progress = new GroupProgress(bootstrap, SERVICE_GROUP, start, end)) {
            return Drain.watch(progress, progress.total(), System.nanoTime(), Duration.ofMinutes(5));
        }
    }

    private Drain.Result passThrough(String bootstrap, Path work, Map<String, String> overrides, long events)
            throws Exception {
        Map<TopicPartition, Long> end = GroupProgress.endOffsets(bootstrap, PROBLEM_LOGS);
        Map<TopicPartition, Long> start = new LinkedHashMap<>();
        end.keySet().forEach(tp -> start.put(tp, 0L));
        String app = "loadtest-passthrough-" + System.currentTimeMillis();
        try (PassThrough p = new PassThrough(bootstrap, app, PROBLEM_LOGS, PARTITIONS, work.resolve("passthrough"), overrides);
             GroupProgress progress = new GroupProgress(bootstrap, app, start, end)) {
            long t0 = System.nanoTime();
            p.start();
            return Drain.watch(progress, events, t0, Duration.ofMinutes(10));
        }
    }

    private AnswerSource backlogSource(Curriculum curriculum, long anchor) throws IOException {
        if (replay != null) {
            return FileReplay.open(replay, replayFormat == null ? null : FileFormat.parse(replayFormat), "replay-");
        }
        return new LearnerSimulator(curriculum, new LearnerSimulator.Settings(
                "drain-", concurrent, students, exercisesPerStudent, anchor, seed));
    }

    private static void awaitServing(ServiceUnderTest service) throws InterruptedException {
        long t0 = System.nanoTime();
        service.awaitServing(180_000);
        log("service pid %d SERVING on gRPC :%d after %.1f s", service.pid(), service.grpcPort, (System.nanoTime() - t0) / 1e9);
    }

    private Map<String, Object> settings() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("seed", seed);
        s.put("curriculum", topics + " topics x " + perTopic + " exercises");
        s.put("students", students);
        s.put("exercises_per_student", exercisesPerStudent);
        s.put("concurrent_learners", concurrent);
        s.put("replay", replay == null ? "" : replay.toString());
        s.put("live_rate", liveRate);
        s.put("live_seconds", liveSeconds);
        s.put("sample_every", sampleEvery);
        s.put("poll_ms", pollMs);
        s.put("predict_rate", predictRate);
        s.put("planning_rate", planningRate);
        s.put("serve_seconds", serveSeconds);
        s.put("step_seconds", stepSeconds);
        s.put("steps", steps);
        s.put("p99_bound_ms", p99BoundMs);
        s.put("service_jvm_options", serviceJvmOptions);
        s.put("service_properties", serviceProperties);
        return s;
    }

    /** A JSON object in the order given: key, value, key, value, ... */
    static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    private static Map<String, Object> drainDetail(Drain.Result d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("events", d.events());
        m.put("events_per_s_middle_80", round(d.eventsPerS()));
        m.put("events_per_s_overall", round(d.overallPerS()));
        m.put("seconds", round(d.seconds()));
        List<double[]> thin = new ArrayList<>();
        int every = Math.max(1, d.samples().size() / 40);
        for (int i = 0; i < d.samples().size(); i += every) {
            thin.add(new double[] {round(d.samples().get(i)[0]), round(d.samples().get(i)[1])});
        }
        m.put("samples_s_fraction", thin);
        return m;
    }

    private static Map<String, Object> liveDetail(LiveIngest.Result live) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("produce", runDetail(live.produce()));
        m.put("visible", percentiles(live.visible()));
        m.put("sampled", live.watched());
        m.put("not_seen_in_time", live.timedOut());
        m.put("probe_failed", live.probeFailed());
        m.put("probe_polls_per_s", round(live.probePolls() / live.produce().elapsedS()));
        return m;
    }

    private static Map<String, Object> runDetail(OpenLoop.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rate", round(r.rate()));
        m.put("achieved_rate", round(r.achievedRate()));
        m.put("scheduled", r.scheduled());
        m.put("completed", r.completed());
        m.put("failed", r.failed());
        m.put("unfinished", r.unfinished());
        m.put("latency", percentiles(r.latency()));
        m.put("send_lag_p99_ms", round(ms(r.sendLag(), 99)));
        if (r.firstError() != null) {
            m.put("first_error", r.firstError());
        }
        return m;
    }

    private static Map<String, Object> percentiles(Histogram h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", h.getTotalCount());
        m.put("p50_ms", round(ms(h, 50)));
        m.put("p90_ms", round(ms(h, 90)));
        m.put("p99_ms", round(ms(h, 99)));
        m.put("p999_ms", round(ms(h, 99.9)));
        m.put("max_ms", round(h.getTotalCount() == 0 ? Double.NaN : h.getMaxValue() / 1e6));
        return m;
    }

    static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1e6;
    }

    /** Three decimals; NaN (nothing measured) stays NaN and is written as such. */
    static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 1000) / 1000.0 : v;
    }

    static String jdk() {
        return System.getProperty("java.vm.vendor", "?") + " " + Runtime.version();
    }

    /** /proc/loadavg's first three fields: the machine's load when the figures were taken. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void log(String format, Object... args) {
        System.err.println("loadtest-quick: " + String.format(Locale.ROOT, format, args));
    }
}
