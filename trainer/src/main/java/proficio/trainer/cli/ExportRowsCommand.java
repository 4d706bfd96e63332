package proficio.trainer.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import proficio.trainer.fit.ExerciseFit;
import proficio.trainer.fit.FitSettings;
import proficio.trainer.fit.Fitter;
import proficio.trainer.input.Shard;
import proficio.trainer.replay.ExerciseRows;
import proficio.trainer.replay.RowSet;

@Command(name = "export-rows", mixinStandardHelpOptions = true, versionProvider = TrainerCli.Version.class,
        sortOptions = false,
        description = {"For the scipy comparison (bench/scipy-compare): replay the inputs, fit the global theta, write "
                + "each exercise's problem (its rows, the global theta it is shrunk toward, lambda-exercise) to <out> "
                + "as x.f64 (row-major little-endian doubles), y.u8 and index.json, then time the trainer's own fit of "
                + "exactly those problems (one thread, summed over exercises, best of --repeat after --warmup untimed "
                + "runs) and write <out>/ours.json."})
final class ExportRowsCommand implements Callable<Integer> {

    @ParentCommand
    TrainerCli cli;

    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions input;

    @Mixin
    FeatureOptions features;

    @Mixin
    FitOptions fitOptions;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Where the problems go.")
    Path out;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "3",
            description = "Time the fit N times and report the fastest (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "1",
            description = "Fit N times before the timed runs, reported as cold_seconds, not counted "
                    + "(default: ${DEFAULT-VALUE}; bench/scipy_fit.py does the same).")
    int warmup;

    @Override
    public Integer call() throws Exception {
        FitSettings settings = fitOptions.settings();
        Training.Replayed r = Training.replay(input.source(Shard.ALL), input.validator(), Shard.ALL, features.featureSet(),
                features.space(), List.of(), cli.progress());
        RowSet train = r.rows().train();
        Fitter fitter = new Fitter(settings);
        double[] global = fitter.fitGlobal(train).theta();
        List<ExerciseRows> problems = train.exercises().stream().filter(e -> e.size() >= settings.minRows()).toList();

        Files.createDirectories(out);
        JsonArray exercises = new JsonArray();
        long row = 0;
        try (OutputStream xo = new BufferedOutputStream(Files.newOutputStream(out.resolve("x.f64")), 1 << 20);
             OutputStream yo = new BufferedOutputStream(Files.newOutputStream(out.resolve("y.u8")), 1 << 20)) {
            for (ExerciseRows e : problems) {
                ByteBuffer b = ByteBuffer.allocate(e.x().length * 8).order(ByteOrder.LITTLE_ENDIAN);
                b.asDoubleBuffer().put(e.x());
                xo.write(b.array());
                yo.write(e.y());
                JsonObject o = new JsonObject();
                o.addProperty("exercise", e.exercise());
                o.addProperty("rows", e.size());
                o.addProperty("first_row", row);
                exercises.add(o);
                row += e.size();
            }
        }
        JsonObject index = new JsonObject();
        index.addProperty("dimension", train.dimension());
        index.addProperty("feature_set", train.featureSet());
        index.addProperty("lambda_exercise", settings.lambdaExercise());
        JsonArray g = new JsonArray();
        for (double w : global) {
            g.add(w);
        }
        index.add("global_theta", g);
        index.add("exercises", exercises);
        Reports.write(index, out.resolve("index.json"));

        // Warm-up runs first, for both sides: a JVM compiles its hot loops during the first passes (on
        // a loaded machine that alone took ~1 s), numpy's are compiled ahead of time.
        List<Double> cold = new ArrayList<>();
        for (int k = 0; k < warmup; k++) {
            cold.add(timedFit(fitter, problems, global)[0]);
        }
        double best = Double.POSITIVE_INFINITY;
        double logLoss = 0;
        double objective = 0;
        List<Double> runs = new ArrayList<>();
        for (int k = 0; k < Math.max(1, repeat); k++) {
            double[] run = timedFit(fitter, problems, global);
            double seconds = run[0];
            runs.add(seconds);
            if (seconds < best) {
                best = seconds;
            }
            logLoss = run[1] / row;
            objective = run[2];
        }
        JsonObject ours = new JsonObject();
        ours.addProperty("rows", row);
        ours.addProperty("exercises", problems.size());
        ours.addProperty("seconds", best);
        ours.addProperty("log_loss", logLoss);
        ours.addProperty("objective", objective);
        JsonArray rs = new JsonArray();
        runs.forEach(rs::add);
        ours.add("runs_seconds", rs);
        JsonArray cs = new JsonArray();
        cold.forEach(cs::add);
        ours.add("cold_seconds", cs);
        Reports.write(ours, out.resolve("ours.json"));
        spec.commandLine().getOut().printf(Locale.ROOT, "%d problems, %,d rows -> %s; trainer fit %.4f s (best of %d), "
                + "log-loss %.8f%n", problems.size(), row, out, best, runs.size(), logLoss);
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    /** One fit of every problem, each timed alone: {seconds summed, log-loss summed, objective summed}. */
    private static double[] timedFit(Fitter fitter, List<ExerciseRows> problems, double[] global) {
        double seconds = 0;
        double loss = 0;
        double obj = 0;
        for (ExerciseRows e : problems) {
            long t0 = System.nanoTime();
            ExerciseFit f = fitter.fitExercise(e, global);
            seconds += (System.nanoTime() - t0) / 1e9;
            loss += f.logLoss();
            obj += f.objective();
        }
        return new double[] {seconds, loss, obj};
    }
}
