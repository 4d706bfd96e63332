package proficio.service.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.protobuf.util.JsonFormat;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import picocli.CommandLine;
import proficio.model.event.ProblemLog;
import proficio.model.feature.FeatureSpace;
import proficio.model.predict.KnowledgeModel;
import proficio.model.predict.Provenance;
import proficio.model.predict.Theta;
import proficio.model.quality.ModelRole;
import proficio.model.quality.QualityFigures;
import proficio.model.quality.QualityKey;
import proficio.model.quality.QualityRow;
import proficio.model.state.StateUpdate;
import proficio.model.state.StudentReplay;
import proficio.proto.DefaultModel;
import proficio.proto.ModelArtifacts;
import proficio.proto.QualityPoints;
import proficio.proto.v1.GetActiveModelRequest;
import proficio.proto.v1.GetQualitySeriesRequest;
import proficio.proto.v1.GetQualityTableRequest;
import proficio.proto.v1.ListModelsRequest;
import proficio.proto.v1.QualityPoint;
import proficio.proto.v1.QualitySeries;
import proficio.proto.v1.QualityTable;
import proficio.proto.v1.QualityTableRow;
import proficio.trainer.cli.TrainerCli;

/**
 * Online quality and shadow scoring end to end, on a real broker and the packaged service: simulated
 * students answer under a known true model; the active model is deliberately worse, the candidate
 * close to the truth. The quality series (gRPC and HTTP) equals what {@code model} computes for every
 * answer, shows the candidate ahead on each exercise; the trainer's {@code promote} refuses below its
 * sample floor and then activates the candidate; the dashboard draws it all in Debian's chromium.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QualityIT {

    private static final String[] EXERCISES = {"qa_counting", "qa_fractions", "qa_angles", "qa_decimals"};
    /** The truth's intercept per exercise, added to the shipped model's global theta. */
    private static final double[] TRUE_SHIFT = {1.0, -0.6, 0.4, -1.2};
    private static final int STUDENTS = 60;
    private static final int ANSWERS = 30;

    private static final KnowledgeModel TRUTH = model("truth", 0, 0);
    private static final KnowledgeModel ACTIVE = model("live-worse", 2.5, 0); // intercepts 2.5 off, alternating sign
    private static final KnowledgeModel CANDIDATE = model("shadow-close", 0, 0.1);
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    private static final LocalDate FIRST = TODAY.minusDays(2);

    @TempDir
    static Path dir;
    static TestBroker broker;
    static ServiceProcess service;
    static ModelPublisher publisher;
    /** What {@code model} says the stored cells must be: per exercise, day, version, role (theta source EXERCISE). */
    static final Map<QualityKey, QualityFigures> expected = new HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        broker = new TestBroker(dir.resolve("broker"));
        publisher = new ModelPublisher(broker.bootstrapServers());
        publisher.artifact(ModelArtifacts.toArtifact(ModelPublisher.NAME, ACTIVE));
        publisher.artifact(ModelArtifacts.toArtifact(ModelPublisher.NAME, CANDIDATE));
        publisher.point(ACTIVE.version(), CANDIDATE.version(), "QualityIT: a worse active model, a close candidate");
        service = new ServiceProcess(dir.resolve("service"), Map.of(
                "proficio.kafka.bootstrap-servers", broker.bootstrapServers(),
                "proficio.streams.application-id", "quality-it")).start().awaitServing(60_000);

        StateUpdate update = new StateUpdate(new FeatureSpace(FeatureSpace.DEFAULT_SEED));
        int sent = 0;
        for (int s = 0; s < STUDENTS; s++) {
            String student = "sim-" + s;
            StudentReplay r = new StudentReplay(update);
            Random rnd = new Random(1000 + s);
            long start = FIRST.plusDays(s % 3).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() + s * 1000L;
            for (int j = 0; j < ANSWERS; j++) {
                String exercise = EXERCISES[rnd.nextInt(EXERCISES.length)];
                boolean correct = rnd.nextDouble() < TRUTH.predict(exercise, "", r).probability();
                ProblemLog log = ProblemLog.practice("q-" + s + "-" + j, student, exercise, "", correct, start + j * 60_000L);
                expect(log, ACTIVE.predict(exercise, "", r).probability(), ACTIVE.version(), ModelRole.ACTIVE);
                expect(log, CANDIDATE.predict(exercise, "", r).probability(), CANDIDATE.version(), ModelRole.CANDIDATE);
                r.apply(log);
                broker.send(log);
                sent++;
            }
        }
        awaitActiveSamples(sent, ACTIVE.version());
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.close();
        }
        if (publisher != null) {
            publisher.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    @Order(1)
    void qualitySeries_equalsWhatTheModelComputes_andShowsTheCandidateAheadOnEveryExercise() throws Exception {
        QualityFigures allActive = QualityFigures.EMPTY;
        QualityFigures allCandidate = QualityFigures.EMPTY;
        for (String exercise : EXERCISES) {
            QualitySeries s = series(exercise);
            assertThat(s.getActiveVersion()).isEqualTo(ACTIVE.version());
            assertThat(s.getCandidateVersion()).isEqualTo(CANDIDATE.version());
            QualityFigures active = QualityFigures.EMPTY;
            QualityFigures candidate = QualityFigures.EMPTY;
            int cells = 0;
            for (QualityPoint p : s.getPointsList()) {
                QualityRow row = QualityPoints.toModel(p);
                QualityFigures want = expected.get(row.key());
                assertThat(want).as("an expected cell for %s", row.key()).isNotNull();
                assertThat(row.figures().samples()).isEqualTo(want.samples());
                assertThat(row.figures().binSamples()).containsExactly(want.binSamples());
                assertThat(row.figures().binCorrect()).containsExactly(want.binCorrect());
                // Partitions add up in another order than the replay: equal up to rounding.
                assertThat(row.figures().sumLogLikelihood()).isCloseTo(want.sumLogLikelihood(), within(1e-9));
                assertThat(row.figures().sumBrier()).isCloseTo(want.sumBrier(), within(1e-9));
                if (row.key().role() == ModelRole.ACTIVE) {
                    active = active.plus(row.figures());
                } else {
                    candidate = candidate.plus(row.figures());
                }
                cells++;
            }
            assertThat(cells).as("three days × two roles").isEqualTo(6);
            System.out.printf(Locale.ROOT, "QualityIT: %-13s %4d answers, mean log-likelihood active %s %.4f, candidate %s %.4f%n",
                    exercise, active.samples(), ACTIVE.version(), active.meanLogLikelihood(), CANDIDATE.version(),
                    candidate.meanLogLikelihood());
            assertThat(candidate.samples()).as("scored in the same pass: the same answers").isEqualTo(active.samples());
            assertThat(candidate.meanLogLikelihood()).as("candidate ahead on %s", exercise).isGreaterThan(active.meanLogLikelihood());
            allActive = allActive.plus(active);
            allCandidate = allCandidate.plus(candidate);
        }
        // The same answers on /q/metrics: the live log-likelihood of each role, as its gauge and counters show it.
        PrometheusText metrics = PrometheusText.parse(send("/q/metrics", "text/plain; version=0.0.4").body());
        for (var role : List.of(new Object[] {"active", ACTIVE.version(), allActive},
                new Object[] {"candidate", CANDIDATE.version(), allCandidate})) {
            String name = (String) role[0];
            String version = (String) role[1];
            QualityFigures want = (QualityFigures) role[2];
            assertThat(metrics.value("proficio_quality_samples_total", "role", name, "model_version", version))
                    .as("%s samples", name).isEqualTo((double) want.samples());
            assertThat(-metrics.value("proficio_quality_log_loss_total", "role", name, "model_version", version))
                    .as("%s summed log-likelihood", name).isCloseTo(want.sumLogLikelihood(), within(1e-6));
        }
        assertThat(metrics.value("proficio_quality_log_likelihood", "role", "candidate", "model_version", CANDIDATE.version()))
                .isGreaterThan(metrics.value("proficio_quality_log_likelihood", "role", "active", "model_version", ACTIVE.version()));
        QualityTable table = service.knowledge().getQualityTable(GetQualityTableRequest.newBuilder()
                .setFromDay(FIRST.toString()).setToDay(TODAY.toString()).build());
        assertThat(table.getRowsList()).extracting(QualityTableRow::getExercise).containsExactlyInAnyOrder(EXERCISES);
        assertThat(table.getRowsList()).allSatisfy(r -> assertThat(r.getCandidateGain()).isPositive());
        assertThat(table.getOverall().getExercise()).isEmpty();
        assertThat(table.getOverall().getSamples())
                .isEqualTo(table.getRowsList().stream().mapToLong(QualityTableRow::getSamples).sum()).isPositive();
        assertThat(table.getOverall().getCandidateGain()).isPositive();
    }

    @Test
    @Order(2)
    void http_answersTheSameSeriesAsGrpc_asJsonAndCsv() throws Exception {
        QualitySeries grpc = series("qa_fractions");
        String query = "exercise=qa_fractions&from=" + FIRST + "&to=" + TODAY;
        QualitySeries.Builder json = QualitySeries.newBuilder();
        JsonFormat.parser().merge(http("/api/quality/series?" + query), json);
        assertThat(json.build()).isEqualTo(grpc);
        assertCsvSaysWhatTheJsonSays(http("/api/quality/series.csv?" + query), json.build());
        assertThat(httpStatus("/api/quality/series?from=yesterday")).isEqualTo(400);
    }

    @Test
    @Order(3)
    void promote_isRefusedBelowTheSampleFloor_thenActivatesTheCandidate() throws Exception {
        Run refused = trainer("promote", "--days", "3", "--min-samples", "100000");
        assertThat(refused.code()).as(refused.out()).isEqualTo(3);
        assertThat(refused.out()).contains("too few answers").contains("floor 100000");
        assertThat(service.knowledge().getActiveModel(GetActiveModelRequest.getDefaultInstance()).getVersion())
                .isEqualTo(ACTIVE.version());

        Run promoted = trainer("promote", "--days", "3", "--min-samples", "1000");
        System.out.println("QualityIT: " + promoted.out().strip().replace("\n", "\nQualityIT: "));
        assertThat(promoted.code()).as(promoted.out()).isZero();
        assertThat(promoted.out()).contains("promoted knowledge@shadow-close in place of live-worse");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!service.knowledge().getActiveModel(GetActiveModelRequest.getDefaultInstance()).getVersion()
                .equals(CANDIDATE.version()) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(service.knowledge().getActiveModel(GetActiveModelRequest.getDefaultInstance()).getPointer().getReason())
                .startsWith("promote: live candidate shadow-close");
        assertThat(service.knowledge().listModels(ListModelsRequest.getDefaultInstance()).getCandidateVersion()).isEmpty();

        // Answers from now on are scored by the promoted model, as the active one.
        long now = System.currentTimeMillis();
        for (int j = 0; j < 10; j++) {
            broker.send(ProblemLog.practice("after-" + j, "sim-after", EXERCISES[j % 2], "", j % 3 != 0, now - 1000 + j));
        }
        awaitActiveSamples(10, CANDIDATE.version());
    }

    @Test
    @Order(4)
    void dashboard_drawsThePlots_inChromium_andItsCsvDownloadSaysWhatTheJsonSays() throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        Path chromedriver = Path.of("/usr/bin/chromedriver");
        if (!Files.isExecutable(chromium) || !Files.isExecutable(chromedriver)) {
            String why = "needs Debian's chromium and chromium-driver (apt-get install -y chromium chromium-driver; .ci/run does)";
            if (System.getenv("CI") != null) {
                throw new AssertionError(why);
            }
            Assumptions.abort(why);
        }
        Path target = Path.of("target").toAbsolutePath();
        Path downloads = Files.createDirectories(target.resolve("dashboard-downloads"));
        try (var old = Files.list(downloads)) {
            old.forEach(f -> f.toFile().delete());
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1400,1000");
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        ChromeDriverService driverService = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(chromedriver.toString())).usingAnyFreePort().build();
        WebDriver browser = new ChromeDriver(driverService, options);
        try {
            browser.get("http://localhost:" + service.httpPort + "/dashboard/index.html");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            wait.until(b -> b.findElement(By.tagName("body")).getDomAttribute("data-ready") != null);
            assertThat(browser.findElement(By.id("error")).isDisplayed()).isFalse();
            assertThat(browser.findElement(By.id("active-version")).getText()).isEqualTo(CANDIDATE.version());
            List<WebElement> rows = browser.findElements(By.cssSelector("#exercise-table tbody tr"));
            assertThat(rows).hasSize(1 + EXERCISES.length);
            // The "(all exercises)" line comes first, with the table's over-all figures, not blanks.
            QualityTable table = service.knowledge().getQualityTable(GetQualityTableRequest.newBuilder()
                    .setFromDay(browser.findElement(By.id("from")).getDomProperty("value"))
                    .setToDay(browser.findElement(By.id("to")).getDomProperty("value")).build());
            List<WebElement> allCells = rows.get(0).findElements(By.tagName("td"));
            assertThat(allCells.get(0).getText()).isEqualTo("(all exercises)");
            assertThat(allCells.get(1).getText()).isEqualTo(String.valueOf(table.getOverall().getSamples()));
            assertThat(allCells.get(2).getText()).isEqualTo(String.format(java.util.Locale.ROOT, "%.4f",
                    table.getOverall().getMeanLogLikelihood()));

            String before = browser.findElement(By.tagName("body")).getDomAttribute("data-ready");
            browser.findElement(By.cssSelector("#exercise-table tbody tr[data-exercise='qa_counting']")).click();
            wait.until(b -> "qa_counting".equals(b.findElement(By.tagName("body")).getDomAttribute("data-exercise"))
                    && !before.equals(b.findElement(By.tagName("body")).getDomAttribute("data-ready")));
            for (String canvas : List.of("ll-chart", "samples-chart")) {
                long painted = (Long) ((JavascriptExecutor) browser).executeScript(
                        "const c = document.getElementById(arguments[0]); const d = c.getContext('2d')"
                                + ".getImageData(0, 0, c.width, c.height).data; let n = 0;"
                                + "for (let i = 3; i < d.length; i += 4) { if (d[i] > 0) n++; } return n;", canvas);
                assertThat(painted).as("painted pixels of #%s", canvas).isGreaterThan(2_000);
            }
            // Today the active version changed (promotion): marked, with both versions that were active.
            assertThat(browser.findElement(By.id("changes")).getText())
                    .contains(TODAY + ": active " + ACTIVE.version() + ", " + CANDIDATE.version());
            Path shot = target.resolve("quality-dashboard.png");
            Files.write(shot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
            System.out.println("QualityIT: screenshot " + shot);

            String href = browser.findElement(By.id("download-csv")).getDomProperty("href");
            browser.findElement(By.id("download-csv")).click();
            Path csv = downloads.resolve("quality-qa_counting.csv");
            new WebDriverWait(browser, Duration.ofSeconds(20)).until(b -> Files.exists(csv) && csv.toFile().length() > 0);
            QualitySeries.Builder json = QualitySeries.newBuilder();
            String path = URI.create(href).getRawPath().replace("series.csv", "series") + "?" + URI.create(href).getRawQuery();
            JsonFormat.parser().merge(http(path), json);
            assertThat(json.getPointsCount()).isGreaterThan(6);
            assertCsvSaysWhatTheJsonSays(Files.readString(csv), json.build());
        } finally {
            browser.quit();
        }
    }

    /** Every CSV cell equals the JSON's field of the same name (the calibration arrays as _0.._9 columns). */
    private static void assertCsvSaysWhatTheJsonSays(String csv, QualitySeries json) {
        List<String> lines = csv.lines().toList();
        String[] header = lines.get(0).split(",");
        assertThat(lines).hasSize(1 + json.getPointsCount());
        for (int i = 0; i < json.getPointsCount(); i++) {
            QualityPoint p = json.getPoints(i);
            String[] cells = lines.get(i + 1).split(",", -1);
            assertThat(cells).hasSameSizeAs(header);
            for (int c = 0; c < header.length; c++) {
                String h = header[c];
                Object want = switch (h) {
                    case "exercise" -> p.getExercise();
                    case "day" -> p.getDay();
                    case "model_version" -> p.getModelVersion();
                    case "role" -> p.getRole().name();
                    case "theta_source" -> p.getThetaSource().name();
                    case "samples" -> p.getSamples();
                    case "sum_log_likelihood" -> p.getSumLogLikelihood();
                    case "mean_log_likelihood" -> p.getMeanLogLikelihood();
                    case "sum_brier" -> p.getSumBrier();
                    case "mean_brier" -> p.getMeanBrier();
                    default -> h.startsWith("calibration_samples_")
                            ? p.getCalibrationSamples(Integer.parseInt(h.substring(h.lastIndexOf('_') + 1)))
                            : p.getCalibrationCorrect(Integer.parseInt(h.substring(h.lastIndexOf('_') + 1)));
                };
                Object got = want instanceof Long ? (Object) Long.parseLong(cells[c])
                        : want instanceof Double ? (Object) Double.parseDouble(cells[c]) : cells[c];
                assertThat(got).as("row %d column %s", i, h).isEqualTo(want);
            }
        }
    }

    private static KnowledgeModel model(String version, double offBy, double nudge) {
        KnowledgeModel base;
        try {
            base = ModelArtifacts.toModel(DefaultModel.artifact());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        Map<String, Theta> thetas = new HashMap<>();
        for (int i = 0; i < EXERCISES.length; i++) {
            double[] w = base.globalTheta().toArray();
            w[0] += TRUE_SHIFT[i] + (i % 2 == 0 ? offBy : -offBy) + nudge;
            thetas.put(EXERCISES[i], Theta.of(w));
        }
        return new KnowledgeModel(version, new FeatureSpace(FeatureSpace.DEFAULT_SEED), base.featureSet(), base.globalTheta(),
                thetas, new Provenance(System.currentTimeMillis(), "QualityIT", 5, "hand-made"));
    }

    private static void expect(ProblemLog log, double p, String version, ModelRole role) {
        QualityKey k = new QualityKey(log.exercise(), QualityKey.epochDayOf(log.timeDoneMs()), version, role,
                proficio.model.predict.ThetaSource.EXERCISE);
        expected.merge(k, QualityFigures.of(p, log.correct()), QualityFigures::plus);
    }

    private static QualitySeries series(String exercise) {
        return service.knowledge().getQualitySeries(GetQualitySeriesRequest.newBuilder().setExercise(exercise)
                .setFromDay(FIRST.toString()).setToDay(TODAY.toString()).build());
    }

    /** Polls the over-all series until {@code version} has scored {@code n} answers as the active model. */
    private static void awaitActiveSamples(long n, String version) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        long seen = -1;
        while (System.nanoTime() < deadline) {
            seen = series("").getPointsList().stream()
                    .filter(p -> p.getModelVersion().equals(version) && p.getRole().name().equals("MODEL_ROLE_ACTIVE"))
                    .mapToLong(QualityPoint::getSamples).sum();
            if (seen >= n) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(version + " scored " + seen + " answers as active, not " + n + "; log:\n" + service.logTail());
    }

    private static String http(String pathAndQuery) throws Exception {
        HttpResponse<String> r = send(pathAndQuery);
        assertThat(r.statusCode()).as("%s: %s", pathAndQuery, r.body()).isEqualTo(200);
        return r.body();
    }

    private static int httpStatus(String pathAndQuery) throws Exception {
        return send(pathAndQuery).statusCode();
    }

    private static HttpResponse<String> send(String pathAndQuery) throws Exception {
        return send(pathAndQuery, "*/*");
    }

    private static HttpResponse<String> send(String pathAndQuery, String accept) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + service.httpPort + pathAndQuery))
                    .header("Accept", accept).timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private record Run(int code, String out) {
    }

    private static Run trainer(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = TrainerCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        List<String> all = new ArrayList<>(List.of("--progress", "none"));
        all.addAll(List.of(args));
        all.addAll(List.of("--target", "localhost:" + service.grpcPort, "--bootstrap", broker.bootstrapServers()));
        return new Run(cli.execute(all.toArray(String[]::new)), out.toString());
    }
}
