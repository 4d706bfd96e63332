package proficio.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import proficio.model.predict.KnowledgeModel;
import proficio.proto.ModelArtifacts;
import proficio.proto.v1.ModelArtifact;
import proficio.trainer.Simulation;

class TrainerCliTest {

    @TempDir
    static Path dir;

    static Path train;
    static Path test;

    record Run(int exitCode, String out, String err) {
    }

    static Run run(String... args) {
        CommandLine cmd = TrainerCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        String[] all = Stream.concat(Stream.of("--progress", "none"), Stream.of(args)).toArray(String[]::new);
        int code = cmd.execute(all);
        return new Run(code, out.toString(), err.toString());
    }

    @BeforeAll
    static void files() throws Exception {
        Simulation sim = new Simulation(6, 77);
        train = Simulation.writeGervet(sim.students(0, 120, 3, 10), dir.resolve("train.csv"));
        test = Simulation.writeGervet(sim.students(120, 40, 3, 10), dir.resolve("test.csv"));
    }

    static Path only(Path d, String suffix) throws Exception {
        try (Stream<Path> s = Files.list(d)) {
            List<Path> l = s.filter(p -> p.toString().endsWith(suffix)).toList();
            assertThat(l).hasSize(1);
            return l.get(0);
        }
    }

    @Test
    void train_writesAValidArtifactAReportAndTheBenchmarkSummary() throws Exception {
        Path out = dir.resolve("out-train");
        Path summary = dir.resolve("summary.json");

        Run r = run("train", train.toString(), "--test", test.toString(), "--out", out.toString(), "--summary",
                summary.toString(), "--dataset", "sim", "--threads", "2");

        assertThat(r.exitCode()).as(r.err()).isZero();
        ModelArtifact a = ModelArtifact.parseFrom(Files.readAllBytes(only(out, ".pb")));
        KnowledgeModel m = ModelArtifacts.toModel(a);
        assertThat(m.version()).matches("ka2014-\\d{8}-\\d{6}-[0-9a-f]{8}");
        assertThat(m.exerciseThetas()).hasSize(6);
        // published at float precision, so the service may hold the weights as floats losslessly
        assertThat(m.globalTheta().isAtFloatPrecision()).isTrue();
        assertThat(m.exerciseThetas().values()).allSatisfy(t -> assertThat(t.isAtFloatPrecision()).isTrue());
        assertThat(a.getExerciseThetas(0).getTrainingRows()).isPositive();
        assertThat(a.getProvenance().getNotes()).contains("lambda_e=100.0", "Newton");
        assertThat(a.getProvenance().getTrainingRows()).isEqualTo(120 * 3 * 10);
        JsonObject s = JsonParser.parseString(Files.readString(summary)).getAsJsonObject();
        assertThat(s.keySet()).containsExactly("dataset", "train_rows", "test_rows", "replay_seconds", "fit_seconds", "models");
        assertThat(s.get("test_rows").getAsLong()).isEqualTo(40 * 3 * 10);
        assertThat(s.getAsJsonArray("models")).extracting(e -> e.getAsJsonObject().get("name").getAsString())
                .containsExactly("constant", "ka-accuracy", "active", "new");
        assertThat(s.getAsJsonArray("models").get(0).getAsJsonObject().keySet())
                .containsExactly("name", "feature_set", "auc", "log_loss", "brier", "rows");
        JsonObject report = JsonParser.parseString(Files.readString(only(out, ".json"))).getAsJsonObject();
        assertThat(report.getAsJsonArray("models").get(3).getAsJsonObject().getAsJsonArray("calibration")).hasSize(10);
        assertThat(r.out()).contains("new", "ka-accuracy", "artifact");
    }

    @Test
    void everyCommandsHelp_rendersWithoutPicocliWarnings() {
        // A description is a format string: a bare '%' (replay's "p % N == I" was one) made picocli warn
        // on stderr and print the text unformatted.
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        try {
            System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
            CommandLine cli = TrainerCli.commandLine();
            assertThat(cli.getSubcommands()).containsKeys("train", "replay", "fit", "merge", "publish");
            for (CommandLine sub : cli.getSubcommands().values()) {
                assertThat(sub.getUsageMessage()).as(sub.getCommandName()).isNotBlank();
            }
        } finally {
            System.setErr(err);
        }
        assertThat(captured.toString(java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("WARN");
    }

    @Test
    void aMalformedLine_exitsWith2NamingFileAndLine() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.tsv"),
                "user_id\titem_id\ttimestamp\tcorrect\tskill_id\n1\t2\t0\t1\t3\n1\t2\t0\t7\t3\n");

        Run r = run("train", bad.toString(), "--out", dir.resolve("o-bad").toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("bad.tsv, line 3", "correct must be 1 or 0, was '7'");
    }

    @Test
    void missingFileOrUnknownFeatureSet_exitWith2() {
        assertThat(run("train", dir.resolve("nope.tsv").toString()).err()).contains("no such file");
        assertThat(run("train", dir.resolve("nope.tsv").toString()).exitCode()).isEqualTo(2);
        Run r = run("train", train.toString(), "--feature-set", "ka1999");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("unknown feature set 'ka1999'");
    }

    @Test
    void evaluate_scoresAnArtifactBesideTheActiveModelOnTheTestFile() throws Exception {
        Path out = dir.resolve("out-eval");
        assertThat(run("train", train.toString(), "--test", test.toString(), "--out", out.toString()).exitCode()).isZero();
        Path artifact = only(out, ".pb");

        Run r = run("--json", "evaluate", "--model", artifact.toString(), "--test", test.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
        assertThat(o.get("test_rows").getAsLong()).isEqualTo(1200);
        assertThat(o.getAsJsonArray("models")).hasSize(2);
        // The artifact's score here is the one train reported for "new": same rows, same model, same code.
        JsonObject report = JsonParser.parseString(Files.readString(only(out, ".json"))).getAsJsonObject();
        double trained = report.getAsJsonArray("models").get(3).getAsJsonObject().get("log_loss").getAsDouble();
        assertThat(o.getAsJsonArray("models").get(1).getAsJsonObject().get("log_loss").getAsDouble()).isEqualTo(trained);
    }

    @Test
    void scaleOutRun_replayFitMergeOnTwoWorkers_givesTheWeightsOfOneTrainRun() throws Exception {
        Path work = dir.resolve("work");
        for (int w = 0; w < 2; w++) {
            Run r = run("replay", train.toString(), "--test", test.toString(), "--work", work.toString(),
                    "--worker-index", "" + w, "--worker-count", "2");
            assertThat(r.exitCode()).as(r.err()).isZero();
        }
        for (int w = 0; w < 2; w++) {
            Run r = run("fit", "--work", work.toString(), "--holdout", "file", "--worker-index", "" + w,
                    "--worker-count", "2", "--threads", "1");
            assertThat(r.exitCode()).as(r.err()).isZero();
        }
        Path merged = dir.resolve("out-merged");
        Run m = run("merge", "--work", work.toString(), "--holdout", "file", "--out", merged.toString());
        assertThat(m.exitCode()).as(m.err()).isZero();
        Path single = dir.resolve("out-single");
        assertThat(run("train", train.toString(), "--test", test.toString(), "--out", single.toString()).exitCode()).isZero();

        ModelArtifact a = ModelArtifact.parseFrom(Files.readAllBytes(only(merged, ".pb")));
        ModelArtifact b = ModelArtifact.parseFrom(Files.readAllBytes(only(single, ".pb")));
        assertThat(a.getGlobalTheta()).isEqualTo(b.getGlobalTheta());
        assertThat(a.getExerciseThetasList()).isEqualTo(b.getExerciseThetasList());
        assertThat(a.getVersion().substring(a.getVersion().length() - 8)).isEqualTo(b.getVersion()
                .substring(b.getVersion().length() - 8)); // the weights hash
    }

    @Test
    void merge_withAFitWorkerMissing_failsNamingIt() throws Exception {
        Path work = dir.resolve("work-missing");
        assertThat(run("replay", train.toString(), "--work", work.toString()).exitCode()).isZero();
        assertThat(run("fit", "--work", work.toString(), "--worker-index", "1", "--worker-count", "2").exitCode()).isZero();

        Run r = run("merge", "--work", work.toString(), "--out", dir.resolve("o-missing").toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("fit workers [0] of 2");
    }

    @Test
    void exportRows_writesTheProblemsAndTheTrainersOwnTiming() throws Exception {
        Path out = dir.resolve("export");

        Run r = run("export-rows", train.toString(), "--out", out.toString(), "--repeat", "1");

        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonObject index = JsonParser.parseString(Files.readString(out.resolve("index.json"))).getAsJsonObject();
        assertThat(index.get("dimension").getAsInt()).isEqualTo(107);
        assertThat(index.getAsJsonArray("global_theta")).hasSize(107);
        long rows = 0;
        for (var e : index.getAsJsonArray("exercises")) {
            rows += e.getAsJsonObject().get("rows").getAsLong();
        }
        assertThat(Files.size(out.resolve("x.f64"))).isEqualTo(rows * 107 * 8);
        assertThat(Files.size(out.resolve("y.u8"))).isEqualTo(rows);
        JsonObject ours = JsonParser.parseString(Files.readString(out.resolve("ours.json"))).getAsJsonObject();
        assertThat(ours.get("rows").getAsLong()).isEqualTo(rows);
        assertThat(ours.get("log_loss").getAsDouble()).isBetween(0.1, 0.7);
    }
}
