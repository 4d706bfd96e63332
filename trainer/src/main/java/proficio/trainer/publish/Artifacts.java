package proficio.trainer.publish;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import proficio.model.feature.FeatureSet;
import proficio.model.feature.FeatureSpace;
import proficio.model.predict.KnowledgeModel;
import proficio.model.predict.Provenance;
import proficio.model.predict.Theta;
import proficio.proto.InvalidArtifactException;
import proficio.proto.ModelArtifacts;
import proficio.proto.v1.ExerciseTheta;
import proficio.proto.v1.ModelArtifact;
import proficio.trainer.fit.ExerciseFit;
import proficio.trainer.fit.FitResult;

/** Model artifacts as the trainer makes, names, writes and reads them. */
public final class Artifacts {

    /** The name of the model in the {@code models} topic (DESIGN §2; the service serves this one). */
    public static final String DEFAULT_NAME = "knowledge";
    public static final String EXTENSION = ".pb";

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private Artifacts() {
    }

    /** The model a fit describes. */
    public static KnowledgeModel model(FitResult fit, FeatureSet featureSet, FeatureSpace space, String version,
                                       Provenance provenance) {
        Map<String, Theta> thetas = new HashMap<>();
        for (ExerciseFit e : fit.exercises()) {
            thetas.put(e.exercise(), Theta.of(e.theta()));
        }
        return new KnowledgeModel(version, space, featureSet, Theta.of(fit.globalTheta()), thetas, provenance);
    }

    /**
     * {@code <feature set>-<yyyyMMdd-HHmmss, UTC>-<first 8 hex digits of SHA-256 over the weights>}: sortable
     * by time, and two fits with the same weights share the last part.
     */
    public static String version(String featureSet, Instant trainedAt, FitResult fit) {
        MessageDigest sha = sha256();
        ByteBuffer buf = ByteBuffer.allocate(8 * fit.globalTheta().length);
        buf.asDoubleBuffer().put(fit.globalTheta());
        sha.update(buf.array());
        for (ExerciseFit e : fit.exercises()) {
            sha.update(e.exercise().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            sha.update((byte) 0);
            ByteBuffer b = ByteBuffer.allocate(8 * e.theta().length);
            b.asDoubleBuffer().put(e.theta());
            sha.update(b.array());
        }
        String hash = HexFormat.of().formatHex(sha.digest(), 0, 4);
        return featureSet + "-" + STAMP.format(trainedAt) + "-" + hash;
    }

    /** The artifact, with each exercise's training row count recorded and the checksum set. */
    public static ModelArtifact artifact(String name, KnowledgeModel model, FitResult fit) {
        ModelArtifact a = ModelArtifacts.toArtifact(name, model);
        Map<String, Integer> rows = new HashMap<>();
        for (ExerciseFit e : fit.exercises()) {
            rows.put(e.exercise(), e.rows());
        }
        ModelArtifact.Builder b = a.toBuilder();
        for (int i = 0; i < b.getExerciseThetasCount(); i++) {
            ExerciseTheta et = b.getExerciseThetas(i);
            b.setExerciseThetas(i, et.toBuilder().setTrainingRows(rows.getOrDefault(et.getExercise(), 0)));
        }
        return ModelArtifacts.withChecksum(b.build());
    }

    /** Writes {@code <dir>/<version>.pb} (binary protobuf) atomically; returns the path. */
    public static Path write(ModelArtifact artifact, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(artifact.getVersion() + EXTENSION);
        Path tmp = dir.resolve(artifact.getVersion() + EXTENSION + ".tmp");
        Files.write(tmp, artifact.toByteArray());
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    /** Reads an artifact file; not yet checked (see {@link #check}). */
    public static ModelArtifact read(Path file) throws IOException, InvalidArtifactException {
        try {
            return ModelArtifact.parseFrom(Files.readAllBytes(file));
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidArtifactException(file + " is not a ModelArtifact in binary protobuf: " + e.getMessage());
        }
    }

    /** Every check the service makes before serving it, plus the feature-space seed the service runs with. */
    public static KnowledgeModel check(ModelArtifact artifact, long expectedSeed) throws InvalidArtifactException {
        KnowledgeModel model = ModelArtifacts.toModel(artifact);
        if (model.featureSpace().seed() != expectedSeed) {
            throw new InvalidArtifactException("feature_space_seed " + model.featureSpace().seed()
                    + " does not match the service's " + expectedSeed + "; a model trained under another seed cannot be "
                    + "served against this state");
        }
        return model;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK ships SHA-256", e);
        }
    }
}
