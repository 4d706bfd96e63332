package proficio.proto;

import com.google.protobuf.ByteString;
import com.google.protobuf.TextFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import proficio.model.feature.FeatureSet;
import proficio.model.feature.FeatureSets;
import proficio.model.feature.FeatureSpace;
import proficio.model.predict.KnowledgeModel;
import proficio.model.predict.Provenance;
import proficio.model.predict.Theta;
import proficio.proto.v1.ExerciseTheta;
import proficio.proto.v1.ModelArtifact;
import proficio.proto.v1.ProblemTypeOffset;

/**
 * Reads and writes model artifacts, and checks one before it may be served: format version,
 * feature set, feature names in order, dimensions, finiteness and checksum.
 */
public final class ModelArtifacts {

    public static final int FORMAT_VERSION = 1;

    private ModelArtifacts() {
    }

    /** The artifact for {@code model} under {@code name}, thetas sorted by exercise, checksum set. */
    public static ModelArtifact toArtifact(String name, KnowledgeModel model) {
        ModelArtifact.Builder b = ModelArtifact.newBuilder()
                .setFormatVersion(FORMAT_VERSION)
                .setName(name)
                .setVersion(model.version())
                .setFeatureSpaceSeed(model.featureSpace().seed())
                .setFeatureSet(model.featureSet().name())
                .addAllFeatureNames(model.featureSet().featureNames())
                .setGlobalTheta(theta(model.globalTheta()))
                .setProvenance(proficio.proto.v1.Provenance.newBuilder()
                        .setTrainedAtMs(model.provenance().trainedAtMs())
                        .setTrainedOn(model.provenance().trainedOn())
                        .setTrainingRows(model.provenance().trainingRows())
                        .setNotes(model.provenance().notes()));
        java.util.TreeSet<String> exercises = new java.util.TreeSet<>(model.exerciseThetas().keySet());
        exercises.addAll(model.problemTypeOffsets().keySet());
        for (String exercise : exercises) {
            ExerciseTheta.Builder et = ExerciseTheta.newBuilder().setExercise(exercise);
            Theta theta = model.exerciseThetas().get(exercise);
            if (theta != null) {
                et.setTheta(theta(theta));
            }
            new TreeMap<>(model.problemTypeOffsets().getOrDefault(exercise, Map.of())).forEach((type, offset) ->
                    et.addProblemTypeOffsets(ProblemTypeOffset.newBuilder().setProblemType(type).setOffset(offset)));
            b.addExerciseThetas(et);
        }
        return withChecksum(b.build());
    }

    /** The model an artifact describes, after every check; the reason says what is wrong otherwise. */
    public static KnowledgeModel toModel(ModelArtifact a) throws InvalidArtifactException {
        if (a.getFormatVersion() != FORMAT_VERSION) {
            throw new InvalidArtifactException("format_version " + a.getFormatVersion() + " is not supported (this build reads "
                    + FORMAT_VERSION + ")");
        }
        if (a.getVersion().isBlank()) {
            throw new InvalidArtifactException("version is missing");
        }
        ByteString expected = checksum(a);
        if (!expected.equals(a.getChecksum())) {
            throw new InvalidArtifactException("checksum mismatch: the artifact is corrupt or was changed after it was written");
        }
        FeatureSet set = FeatureSets.byName(a.getFeatureSet()).orElseThrow(() -> new InvalidArtifactException(
                "feature_set '" + a.getFeatureSet() + "' is unknown to this build (known: " + FeatureSets.names() + ")"));
        if (!a.getFeatureNamesList().equals(set.featureNames())) {
            throw new InvalidArtifactException("feature_names do not match feature set " + set.name()
                    + " (" + a.getFeatureNamesCount() + " names, expected " + set.dimension() + " in its order)");
        }
        if (!a.hasGlobalTheta()) {
            throw new InvalidArtifactException("global_theta is missing");
        }
        Map<String, Theta> thetas = new HashMap<>();
        Map<String, Map<String, Double>> offsets = new HashMap<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (ExerciseTheta et : a.getExerciseThetasList()) {
            if (et.getExercise().isBlank()) {
                throw new InvalidArtifactException("an exercise_thetas entry has no exercise");
            }
            if (!seen.add(et.getExercise())) {
                throw new InvalidArtifactException("exercise '" + et.getExercise() + "' has two thetas");
            }
            if (et.hasTheta()) {
                thetas.put(et.getExercise(), theta(et.getTheta(), "theta of exercise '" + et.getExercise() + "'"));
            }
            if (et.getProblemTypeOffsetsCount() > 0) {
                Map<String, Double> byType = new HashMap<>();
                for (ProblemTypeOffset o : et.getProblemTypeOffsetsList()) {
                    if (byType.put(o.getProblemType(), o.getOffset()) != null) {
                        throw new InvalidArtifactException("exercise '" + et.getExercise() + "' lists problem type '"
                                + o.getProblemType() + "' twice");
                    }
                }
                offsets.put(et.getExercise(), byType);
            }
        }
        proficio.proto.v1.Provenance p = a.getProvenance();
        try {
            return new KnowledgeModel(a.getVersion(), new FeatureSpace(a.getFeatureSpaceSeed()), set,
                    theta(a.getGlobalTheta(), "global_theta"), thetas, offsets,
                    new Provenance(p.getTrainedAtMs(), p.getTrainedOn(), p.getTrainingRows(), p.getNotes()));
        } catch (IllegalArgumentException e) {
            throw new InvalidArtifactException(e.getMessage());
        }
    }

    /** SHA-256 of the artifact serialized with its checksum field cleared. */
    public static ByteString checksum(ModelArtifact a) {
        try {
            byte[] body = a.toBuilder().clearChecksum().build().toByteArray();
            return ByteString.copyFrom(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK ships SHA-256", e);
        }
    }

    public static ModelArtifact withChecksum(ModelArtifact a) {
        return a.toBuilder().setChecksum(checksum(a)).build();
    }

    /** Reads an artifact in protobuf text format (how the default model is kept, readable in review). */
    public static ModelArtifact readText(InputStream in) throws IOException {
        ModelArtifact.Builder b = ModelArtifact.newBuilder();
        TextFormat.getParser().merge(new InputStreamReader(in, StandardCharsets.UTF_8), b);
        return b.build();
    }

    private static proficio.proto.v1.Theta theta(Theta t) {
        proficio.proto.v1.Theta.Builder b = proficio.proto.v1.Theta.newBuilder();
        for (double w : t.toArray()) {
            b.addWeights(w);
        }
        return b.build();
    }

    private static Theta theta(proficio.proto.v1.Theta wire, String what) throws InvalidArtifactException {
        List<Double> w = wire.getWeightsList();
        double[] weights = new double[w.size()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = w.get(i);
            if (!Double.isFinite(weights[i])) {
                throw new InvalidArtifactException(what + " weight " + i + " is not finite");
            }
        }
        return Theta.of(weights);
    }
}
