package proficio.trainer.publish;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.Locale;
import java.util.Optional;
import proficio.model.predict.KnowledgeModel;
import proficio.model.quality.Promotion;
import proficio.proto.DefaultModel;
import proficio.proto.InvalidArtifactException;
import proficio.proto.ModelArtifacts;
import proficio.proto.ModelRecords;
import proficio.proto.v1.ModelArtifact;
import proficio.proto.v1.ModelPointer;

/**
 * Publishes a model to the {@code models} topic and rolls back to an earlier one. An artifact is
 * always written before the pointer that activates it, so a follower never sees a pointer to a
 * version it cannot find. A version is written once: the same version with other bytes is refused.
 */
public final class Publisher {

    private final ModelsTopic topic;
    private final String name;
    private final long expectedSeed;
    private final ModelRegistry registry;

    public Publisher(ModelsTopic topic, String name, long expectedSeed) {
        this.topic = topic;
        this.name = name;
        this.expectedSeed = expectedSeed;
        this.registry = ModelRegistry.of(topic.readAll());
    }

    public ModelRegistry registry() {
        return registry;
    }

    /**
     * The model the service answers with now: the active pointer's artifact, or the default model
     * when the topic has no pointer for this name.
     *
     * @param model   the model
     * @param pointer the pointer that activated it; empty for the default model
     */
    public record Active(KnowledgeModel model, Optional<ModelPointer> pointer) {
        public String describe() {
            return pointer.isPresent() ? model.version() + " (active in the models topic)"
                    : model.version() + " (the default model: nothing published yet)";
        }
    }

    public Active active() throws InvalidArtifactException {
        Optional<ModelPointer> p = registry.pointer(name);
        if (p.isEmpty()) {
            return new Active(ModelArtifacts.toModel(DefaultModel.artifact()), Optional.empty());
        }
        String version = p.get().getVersion();
        try {
            ModelArtifact a = registry.artifact(name, version).orElseThrow(() -> new InvalidArtifactException(
                    "the active pointer names version " + version + " but topic " + topic.name() + " has no artifact "
                            + ModelRecords.artifactKey(name, version)));
            return new Active(Artifacts.check(a, expectedSeed), p);
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidArtifactException("the active artifact " + version + " does not decode: " + e.getMessage());
        }
    }

    /**
     * The comparison that decides a publish: mean hold-out log-loss of both models on the same rows.
     */
    public record Verdict(double candidateLogLoss, double activeLogLoss, long rows) {
        public boolean candidateNoWorse() {
            return candidateLogLoss <= activeLogLoss;
        }

        public String describe() {
            return String.format(Locale.ROOT, "hold-out log-loss %.6f %s %.6f of the active model over %d rows",
                    candidateLogLoss, candidateNoWorse() ? "<=" : ">", activeLogLoss, rows);
        }
    }

    /**
     * Writes the artifact (unless the topic has these very bytes already) and then the pointer.
     *
     * @param verdict null when no evaluation was made (only allowed with force)
     * @return the pointer written
     */
    public ModelPointer publish(ModelArtifact candidate, Verdict verdict, boolean force, String by)
            throws InvalidArtifactException, PublishRefusedException {
        Artifacts.check(candidate, expectedSeed);
        if (!candidate.getName().equals(name)) {
            throw new PublishRefusedException("the artifact is named '" + candidate.getName() + "', not '" + name + "'");
        }
        String version = candidate.getVersion();
        byte[] bytes = candidate.toByteArray();
        boolean present = registry.artifactBytes(name, version).isPresent();
        if (present && !registry.sameArtifact(name, version, bytes)) {
            throw new PublishRefusedException("version " + version + " is already in topic " + topic.name()
                    + " with different contents; versions are written once (train again for a new version)");
        }
        if (!force) {
            if (verdict == null) {
                throw new PublishRefusedException("no hold-out to compare the models on; give one, or --force");
            }
            if (!verdict.candidateNoWorse()) {
                throw new PublishRefusedException("the new model is worse than the active one: " + verdict.describe()
                        + "; --force publishes it anyway");
            }
        }
        if (!present) {
            topic.write(ModelRecords.artifactKey(name, version), bytes);
        }
        String reason = "publish" + (verdict == null ? " without evaluation" : ": " + verdict.describe());
        ModelPointer pointer = pointer(version, candidateBeside(version), by, reason,
                force && (verdict == null || !verdict.candidateNoWorse()));
        topic.write(ModelRecords.pointerKey(name), pointer.toByteArray());
        return pointer;
    }

    /** Points {@code name} at an earlier version, after checking its artifact is in the topic and valid. */
    public ModelPointer rollback(String version, String by) throws InvalidArtifactException, PublishRefusedException {
        ModelArtifact a;
        try {
            a = registry.artifact(name, version).orElseThrow(() -> new PublishRefusedException("topic " + topic.name()
                    + " has no artifact " + ModelRecords.artifactKey(name, version) + "; versions there: "
                    + registry.versions(name)));
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidArtifactException("artifact " + version + " in the topic does not decode: " + e.getMessage());
        }
        Artifacts.check(a, expectedSeed);
        String from = registry.pointer(name).map(ModelPointer::getVersion).orElse(DefaultModel.artifact().getVersion());
        ModelPointer pointer = pointer(version, candidateBeside(version), by, "rollback from " + from, false);
        topic.write(ModelRecords.pointerKey(name), pointer.toByteArray());
        return pointer;
    }

    /**
     * Names {@code candidate} as the candidate: written (artifact first) with a pointer that keeps the
     * active version and adds it, so the service scores every answer with it too, in the shadow of the
     * active model, until {@link #promote} or a pointer without it. No hold-out is needed: the live
     * figures are the test.
     */
    public ModelPointer publishCandidate(ModelArtifact candidate, String by) throws InvalidArtifactException,
            PublishRefusedException {
        Artifacts.check(candidate, expectedSeed);
        if (!candidate.getName().equals(name)) {
            throw new PublishRefusedException("the artifact is named '" + candidate.getName() + "', not '" + name + "'");
        }
        String version = candidate.getVersion();
        String activeVersion = activeVersion();
        if (version.equals(activeVersion)) {
            throw new PublishRefusedException("version " + version + " is the active version; a candidate must be another");
        }
        byte[] bytes = candidate.toByteArray();
        boolean present = registry.artifactBytes(name, version).isPresent();
        if (present && !registry.sameArtifact(name, version, bytes)) {
            throw new PublishRefusedException("version " + version + " is already in topic " + topic.name()
                    + " with different contents; versions are written once (train again for a new version)");
        }
        if (!present) {
            topic.write(ModelRecords.artifactKey(name, version), bytes);
        }
        ModelPointer pointer = pointer(activeVersion, version, by, "candidate " + version + " scored beside " + activeVersion,
                false);
        topic.write(ModelRecords.pointerKey(name), pointer.toByteArray());
        return pointer;
    }

    /** The candidate the newest pointer names, if any. */
    public Optional<String> candidateVersion() {
        return registry.pointer(name).map(ModelPointer::getCandidateVersion).filter(v -> !v.isEmpty());
    }

    /** The version the newest pointer activates (the shipped default when there is none). */
    public String activeVersion() {
        return registry.pointer(name).map(ModelPointer::getVersion).orElse(DefaultModel.artifact().getVersion());
    }

    /**
     * Activates the candidate when its live figures beat the active model's ({@code verdict}), or
     * anyway with {@code force}. The pointer names no candidate afterwards.
     */
    public ModelPointer promote(Promotion.Verdict verdict, boolean force, String by) throws PublishRefusedException {
        String candidate = candidateVersion().orElseThrow(() -> new PublishRefusedException(
                "no candidate: the newest pointer of " + name + " names none (publish one with --candidate)"));
        if (!verdict.promote() && !force) {
            throw new PublishRefusedException("candidate " + candidate + " not promoted: " + verdict.reason()
                    + "; --force promotes it anyway");
        }
        ModelPointer pointer = pointer(candidate, "", by, "promote: " + verdict.reason(), !verdict.promote());
        topic.write(ModelRecords.pointerKey(name), pointer.toByteArray());
        return pointer;
    }

    /** The candidate to keep naming beside a newly active {@code version}: none when it is that version. */
    private String candidateBeside(String version) {
        return candidateVersion().filter(c -> !c.equals(version)).orElse("");
    }

    private ModelPointer pointer(String version, String candidate, String by, String reason, boolean forced) {
        return ModelPointer.newBuilder()
                .setName(name)
                .setVersion(version)
                .setCandidateVersion(candidate)
                .setPublishedAtMs(System.currentTimeMillis())
                .setPublishedBy(by)
                .setReason(reason)
                .setForced(forced)
                .build();
    }
}
