package proficio.trainer.cli;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import proficio.model.event.ProblemLogValidator;
import proficio.model.feature.FeatureSet;
import proficio.model.feature.FeatureSpace;
import proficio.model.predict.KnowledgeModel;
import proficio.model.predict.Provenance;
import proficio.model.predict.Theta;
import proficio.proto.DefaultModel;
import proficio.proto.InvalidArtifactException;
import proficio.proto.ModelArtifacts;
import proficio.proto.files.MalformedRecordException;
import proficio.trainer.Progress;
import proficio.trainer.eval.Evaluation;
import proficio.trainer.eval.Predictor;
import proficio.trainer.eval.Score;
import proficio.trainer.fit.FitResult;
import proficio.proto.v1.ModelArtifact;
import proficio.trainer.fit.FitSettings;
import proficio.trainer.fit.Fitter;
import proficio.trainer.fit.ProblemTypeOffsetFit;
import proficio.trainer.input.EventSource;
import proficio.trainer.input.Intake;
import proficio.trainer.input.Shard;
import proficio.trainer.publish.Artifacts;
import proficio.trainer.publish.KafkaModelsTopic;
import proficio.trainer.publish.Publisher;
import proficio.trainer.replay.Replayer;
import proficio.trainer.replay.RowSet;

/** The steps the commands share: replay, pick the active model, build the evaluation candidates. */
final class Training {

    /** The intercept and the six exercise features: the KA accuracy model's inputs. */
    static final List<String> KA_ACCURACY_FEATURES = List.of("intercept", "ewma_0.333", "ewma_0.1", "streak", "ln_done",
            "ln_missed_plus_1", "percent_correct");

    private Training() {
    }

    /**
     * The replay's result.
     *
     * @param rows       every row, hold-out rows flagged
     * @param stats      what the intake read, refused and passed on
     * @param duplicates events skipped as repeats of an applied event id
     * @param students   students replayed
     * @param seconds    wall time of reading and replaying
     */
    record Replayed(RowSet rows, Intake.Stats stats, long duplicates, int students, double seconds) {
    }

    static Replayed replay(EventSource source, ProblemLogValidator validator, Shard shard, FeatureSet set,
                           FeatureSpace space, List<KnowledgeModel> scoring, Progress.Factory progress)
            throws IOException, MalformedRecordException {
        long t0 = System.nanoTime();
        Replayer replayer = new Replayer(set, space, scoring);
        Intake intake = new Intake(validator, shard, replayer);
        source.read(intake, progress);
        RowSet rows = replayer.rows();
        return new Replayed(rows, intake.stats(), replayer.duplicates(), replayer.students(), (System.nanoTime() - t0) / 1e9);
    }

    /**
     * The active model: {@code default} (the KA 2012 weights), {@code topic} (the models topic's active
     * version, or the default when nothing is published), or an artifact file.
     */
    static KnowledgeModel active(String spec, String bootstrap, String modelName, long seed)
            throws IOException, InvalidArtifactException {
        if (spec.equals("default")) {
            return ModelArtifacts.toModel(DefaultModel.artifact());
        }
        if (spec.equals("topic")) {
            try (KafkaModelsTopic topic = new KafkaModelsTopic(bootstrap, KafkaModelsTopic.TOPIC)) {
                return new Publisher(topic, modelName, seed).active().model();
            }
        }
        Path file = Path.of(spec);
        if (!Files.isRegularFile(file)) {
            throw new TrainerException("--active must be default, topic or an artifact file; no such file: " + spec,
                    ExitCodes.BAD_INPUT);
        }
        return Artifacts.check(Artifacts.read(file), seed);
    }

    /**
     * What a finished fit leaves behind.
     *
     * @param version  the model's version
     * @param artifact the artifact file
     * @param report   the report file
     * @param json     the report
     * @param scores   the hold-out scores (empty without hold-out rows)
     */
    record Output(String version, Path artifact, Path report, JsonObject json, List<Score> scores) {
    }

    /**
     * Builds the model from a fit, evaluates it on the hold-out rows of {@code all} against the baselines
     * and the active model (score 0 of the rows), writes the artifact and the report.
     */
    static Output finish(RowSet all, FitResult fit, FeatureSet set, FeatureSpace space, FitSettings settings, String name,
                         String version, String trainedOn, HoldOut holdOut, Path out, JsonObject input,
                         double replaySeconds, Path summary, String dataset, String activeFeatureSet,
                         ProblemTypeOffsetFit offsetFit) throws IOException {
        RowSet train = all.train();
        RowSet test = all.holdOut();
        double fitSeconds = fit.globalSeconds() + fit.exerciseSeconds();
        Instant now = Instant.now();
        String v = version != null ? version : Artifacts.version(set.name(), now, fit);
        Provenance provenance = new Provenance(now.toEpochMilli(), trainedOn + (test.size() > 0
                ? "; hold-out " + holdOut.describe() : ""), train.size(), settings.describe());
        KnowledgeModel model = Artifacts.model(fit, set, space, v, provenance);
        if (offsetFit != null) {
            ProblemTypeOffsetFit.Joint joint = offsetFit.fitJointly(new Fitter(settings), fit, train.exercises(),
                    ProblemTypeOffsetFit.DEFAULT_ROUNDS);
            model = new KnowledgeModel(model.version(), model.featureSpace(), model.featureSet(), model.globalTheta(),
                    joint.thetas(), joint.offsets(), model.provenance());
        }
        // Published, evaluated and served at float precision: the service then reads half the bytes in
        // a pass over a catalogue's thetas (CataloguePredictor), and no fit can tell the difference.
        model = model.atFloatPrecision();
        ModelArtifact artifact = Artifacts.artifact(name, model, fit);
        Path artifactFile = Artifacts.write(artifact, out);

        List<Score> scores = List.of();
        if (test.size() > 0) {
            List<Evaluation.Candidate> candidates = new ArrayList<>(baselines(train, set, settings));
            if (!all.scoreNames().isEmpty()) {
                candidates.add(new Evaluation.Candidate("active", activeFeatureSet, Predictor.replayScore(0)));
            }
            candidates.add(new Evaluation.Candidate("new", set.name(), Predictor.model(model, all)));
            scores = Evaluation.score(test, candidates);
        }

        JsonObject report = new JsonObject();
        report.addProperty("name", name);
        report.addProperty("version", v);
        report.addProperty("feature_set", set.name());
        report.addProperty("feature_space_seed", space.seed());
        report.addProperty("artifact", artifactFile.toString());
        report.addProperty("artifact_bytes", artifact.getSerializedSize());
        report.addProperty("active_model", all.scoreNames().isEmpty() ? "" : all.scoreNames().get(0));
        report.addProperty("holdout", holdOut.describe());
        report.addProperty("train_rows", train.size());
        report.addProperty("test_rows", test.size());
        report.addProperty("replay_seconds", replaySeconds);
        report.addProperty("fit_seconds", fitSeconds);
        if (input != null) {
            report.add("input", input);
        }
        report.add("fit", Reports.fit(fit, settings, train.exercises().size()));
        report.add("models", Reports.scores(scores, true));
        Path reportFile = out.resolve(v + ".json");
        Reports.write(report, reportFile);

        if (summary != null) {
            JsonObject s = new JsonObject();
            s.addProperty("dataset", dataset != null ? dataset : trainedOn);
            s.addProperty("train_rows", train.size());
            s.addProperty("test_rows", test.size());
            s.addProperty("replay_seconds", replaySeconds);
            s.addProperty("fit_seconds", fitSeconds);
            s.add("models", Reports.scores(scores, false));
            Reports.write(s, summary);
        }
        return new Output(v, artifactFile, reportFile, report, scores);
    }

    /** Prints what {@link #finish} made. */
    static void print(Output o, FitResult fit, long trainExercises, boolean json, PrintWriter out) {
        if (json) {
            out.println(Reports.print(o.json()));
        } else {
            out.printf(Locale.ROOT, "model %s: %d exercise thetas (%d exercises on the global theta), fitted in %.2f s%n",
                    o.version(), fit.exercises().size(), trainExercises - fit.exercises().size(),
                    fit.globalSeconds() + fit.exerciseSeconds());
            if (o.scores().isEmpty()) {
                out.println("no hold-out rows: nothing evaluated");
            } else {
                Reports.table(o.scores(), out);
            }
            out.printf("artifact %s%nreport   %s%n", o.artifact(), o.report());
        }
        out.flush();
    }

    /** Positions of the KA accuracy features in the set's vector, or null when the set lacks one. */
    static int[] kaAccuracyColumns(List<String> featureNames) {
        int[] cols = new int[KA_ACCURACY_FEATURES.size()];
        for (int i = 0; i < cols.length; i++) {
            cols[i] = featureNames.indexOf(KA_ACCURACY_FEATURES.get(i));
            if (cols[i] < 0) {
                return null;
            }
        }
        return cols;
    }

    /**
     * The baselines, fitted on {@code train}: constant (the training base rate) and, when the feature set
     * has the six KA exercise features, ka-accuracy (those plus an intercept, one global theta; the
     * KnowledgeState gets weight 0).
     */
    static List<Evaluation.Candidate> baselines(RowSet train, FeatureSet set, FitSettings settings) {
        List<Evaluation.Candidate> out = new ArrayList<>();
        double base = train.size() == 0 ? 0.5 : (double) train.positives() / train.size();
        out.add(new Evaluation.Candidate("constant", "none", Predictor.constant(base)));
        int[] cols = kaAccuracyColumns(set.featureNames());
        if (cols != null && train.size() > 0) {
            RowSet sub = train.columns("ka-accuracy", cols);
            double[] theta = new Fitter(settings).fitGlobal(sub).theta();
            out.add(new Evaluation.Candidate("ka-accuracy", "ka-accuracy", Predictor.columns(Theta.of(theta), cols)));
        }
        return out;
    }
}
