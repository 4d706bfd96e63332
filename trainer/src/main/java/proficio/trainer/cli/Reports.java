package proficio.trainer.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import proficio.trainer.eval.Calibration;
import proficio.trainer.eval.Score;
import proficio.trainer.fit.FitResult;
import proficio.trainer.fit.FitSettings;
import proficio.trainer.input.Intake;

/** The JSON the trainer writes, and the table it prints. */
final class Reports {

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping()
            .serializeSpecialFloatingPointValues().create();

    private Reports() {
    }

    static void write(JsonObject o, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, GSON.toJson(o) + "\n");
    }

    static String print(JsonElement e) {
        return GSON.toJson(e);
    }

    static JsonElement number(double v) {
        return Double.isFinite(v) ? new JsonPrimitive(v) : JsonNull.INSTANCE;
    }

    static JsonObject score(Score s, boolean withCalibration) {
        JsonObject o = new JsonObject();
        o.addProperty("name", s.name());
        o.addProperty("feature_set", s.featureSet());
        o.add("auc", number(s.auc()));
        o.add("log_loss", number(s.logLoss()));
        o.add("brier", number(s.brier()));
        o.addProperty("rows", s.rows());
        if (withCalibration) {
            o.add("ece", number(s.calibration().ece()));
            JsonArray bins = new JsonArray();
            for (Calibration.Bin b : s.calibration().bins()) {
                JsonObject bo = new JsonObject();
                bo.addProperty("from", b.from());
                bo.addProperty("to", b.to());
                bo.addProperty("count", b.count());
                bo.add("mean_p", number(b.meanP()));
                bo.add("observed_rate", number(b.observedRate()));
                bins.add(bo);
            }
            o.add("calibration", bins);
        }
        return o;
    }

    static JsonArray scores(List<Score> scores, boolean withCalibration) {
        JsonArray a = new JsonArray();
        for (Score s : scores) {
            a.add(score(s, withCalibration));
        }
        return a;
    }

    static JsonObject input(Intake.Stats stats, long duplicates, int students, String source) {
        JsonObject o = new JsonObject();
        o.addProperty("source", source);
        o.addProperty("read", stats.read());
        o.addProperty("replayed", stats.accepted());
        o.addProperty("other_workers", stats.otherWorkers());
        o.addProperty("undecodable", stats.undecodable());
        JsonObject inv = new JsonObject();
        for (Map.Entry<String, Long> e : stats.invalidByField().entrySet()) {
            inv.addProperty(e.getKey(), e.getValue());
        }
        o.add("invalid_by_field", inv);
        o.addProperty("duplicates", duplicates);
        o.addProperty("students", students);
        JsonArray ex = new JsonArray();
        stats.examples().forEach(ex::add);
        o.add("refused_examples", ex);
        return o;
    }

    static JsonObject fit(FitResult fit, FitSettings settings, long exercisesInTrain) {
        JsonObject o = new JsonObject();
        o.addProperty("method", "newton-irls-cholesky");
        o.addProperty("lambda_global", settings.lambdaGlobal());
        o.addProperty("lambda_exercise", settings.lambdaExercise());
        o.addProperty("min_rows", settings.minRows());
        o.addProperty("threads", settings.threads());
        o.addProperty("tolerance", settings.tolerance());
        o.addProperty("global_rows", fit.globalRows());
        o.addProperty("global_iterations", fit.globalIterations());
        o.addProperty("global_converged", fit.globalConverged());
        o.addProperty("exercises_fitted", fit.exercises().size());
        o.addProperty("exercises_on_global_theta", exercisesInTrain - fit.exercises().size());
        o.addProperty("unconverged", fit.unconverged());
        o.addProperty("lbfgs_steps_per_exercise", fit.exercises().isEmpty() ? 0
                : fit.exercises().stream().mapToInt(e -> e.iterations()).average().orElse(0));
        o.addProperty("global_seconds", fit.globalSeconds());
        o.addProperty("exercise_seconds", fit.exerciseSeconds());
        return o;
    }

    /** A table of the scores, for people. */
    static void table(List<Score> scores, PrintWriter out) {
        out.printf(Locale.ROOT, "%-14s %-12s %9s %8s %9s %8s %8s%n", "model", "features", "rows", "AUC", "log-loss",
                "Brier", "ECE");
        for (Score s : scores) {
            out.printf(Locale.ROOT, "%-14s %-12s %9d %8.4f %9.4f %8.4f %8.4f%n", s.name(), s.featureSet(), s.rows(),
                    s.auc(), s.logLoss(), s.brier(), s.calibration().ece());
        }
    }
}
