package proficio.service.models;

import com.google.protobuf.InvalidProtocolBufferException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import proficio.proto.DefaultModel;
import proficio.proto.InvalidArtifactException;
import proficio.proto.ModelRecords;
import proficio.proto.v1.ModelArtifact;
import proficio.proto.v1.ModelPointer;
import proficio.proto.v1.Provenance;
import proficio.service.config.ProficioConfig;

/**
 * Every version of this service's model seen on the {@code models} topic, and the decision what to
 * serve. Fed the topic's records in offset order ({@link #accept}); plain Java, no Kafka, so the
 * decisions are tested without a broker.
 *
 * <p>An artifact record ({@code "<name>@<version>"}) is kept as raw bytes and checked only when a
 * pointer ({@code "<name>"}) names its version. A valid one is swapped in through {@link ActiveModel};
 * anything else (no artifact, undecodable bytes, name or version not matching its key, and whatever
 * {@link ActiveModel#activate} refuses: format, checksum, feature set, dimensions, feature-space seed)
 * is refused with the reason, logged, and the model that was serving keeps serving. Records of other
 * model names are ignored.
 */
@ApplicationScoped
public class ModelRegistry {

    private static final Logger LOG = Logger.getLogger(ModelRegistry.class);

    public enum Status {
        /** Answering now. */
        ACTIVE,
        /** Its artifact was seen; not active. Checked when a pointer names it. */
        AVAILABLE,
        /** A pointer named it and it failed the checks or had no artifact. */
        REFUSED,
        /** Named as the candidate by the newest pointer: scored on every answer beside the active one, not served. */
        CANDIDATE
    }

    /** What an artifact says about itself, read without checking it. */
    public record Summary(String featureSet, long featureSpaceSeed, int exerciseThetas, Provenance provenance) {
    }

    /**
     * One version as this service sees it.
     *
     * @param refusalReason  why it was refused; empty unless REFUSED
     * @param summary        empty when the artifact is missing or undecodable
     * @param pointer        the newest pointer that named it (the one that activated it, or the one refused)
     * @param shippedDefault the model built into the service rather than read from the topic
     */
    public record Version(String version, Status status, String refusalReason, Optional<Summary> summary,
                          Optional<ModelPointer> pointer, boolean shippedDefault) {
    }

    private static final class Entry {
        byte[] artifact;
        Summary summary;
        Status status = Status.AVAILABLE;
        String refusalReason = "";
        ModelPointer pointer;
        boolean shippedDefault;
    }

    private final String name;
    private final ActiveModel active;
    /** By version, in the order first seen. */
    private final Map<String, Entry> versions = new LinkedHashMap<>();
    private String activeVersion;
    private String candidateVersion;

    @Inject
    public ModelRegistry(ProficioConfig config, ActiveModel active) {
        this(config.model().name(), active);
    }

    /** A registry for model {@code name} that swaps through {@code active}, which serves the default now. */
    public ModelRegistry(String name, ActiveModel active) {
        this.name = name;
        this.active = active;
        ModelArtifact shipped = DefaultModel.artifact();
        Entry e = entry(shipped.getVersion());
        e.artifact = shipped.toByteArray();
        e.summary = summarize(shipped);
        e.shippedDefault = true;
        e.status = Status.ACTIVE;
        activeVersion = active.get().model().version();
    }

    /** The model name followed: pointer key {@code "<name>"}, artifact keys {@code "<name>@<version>"}. */
    public String name() {
        return name;
    }

    /**
     * Takes one record of the {@code models} topic, in offset order. Never throws: a record that
     * cannot be used is logged and leaves the active model as it was.
     *
     * @param value null for a tombstone
     */
    public synchronized void accept(String key, byte[] value, long offset) {
        try {
            if (key == null) {
                LOG.warnf("models topic: record at offset %d has no key; ignored", offset);
            } else if (key.equals(ModelRecords.pointerKey(name))) {
                pointer(value, offset);
            } else if (ModelRecords.isArtifactKey(key) && key.startsWith(ModelRecords.artifactKey(name, ""))) {
                artifact(key.substring(ModelRecords.artifactKey(name, "").length()), value, offset);
            }
            // else: another model's record
        } catch (RuntimeException e) {
            LOG.errorf(e, "models topic: record '%s' at offset %d could not be handled; still serving %s", key, offset,
                    activeVersion);
        }
    }

    /** Every version seen, the shipped default first, then in the order first seen on the topic. */
    public synchronized List<Version> versions() {
        List<Version> out = new ArrayList<>(versions.size());
        versions.forEach((v, e) -> out.add(view(v, e)));
        return out;
    }

    /** The version answering now. */
    public synchronized Version active() {
        return view(activeVersion, versions.get(activeVersion));
    }

    /** The candidate scored in the shadow of the active version, if the newest pointer names one that passed the checks. */
    public synchronized Optional<Version> candidate() {
        return candidateVersion == null ? Optional.empty()
                : Optional.of(view(candidateVersion, versions.get(candidateVersion)));
    }

    /** The topic has been read to its end at start (or the wait for it was given up): let answers through. */
    public void settle() {
        active.settle();
    }

    private void artifact(String version, byte[] bytes, long offset) {
        if (version.isEmpty()) {
            LOG.warnf("models topic: artifact key '%s' at offset %d names no version; ignored",
                    ModelRecords.artifactKey(name, ""), offset);
            return;
        }
        Entry e = versions.get(version);
        if (e != null && (e.status == Status.ACTIVE || e.status == Status.CANDIDATE)) {
            LOG.warnf("model %s: artifact of %s version %s %s at offset %d; ignored, it keeps scoring as loaded "
                    + "(versions are immutable: publish under a new version)", name, e.status, version,
                    bytes == null ? "deleted" : "written again", offset);
            return;
        }
        if (bytes == null) {
            if (versions.remove(version) != null) {
                LOG.infof("model %s: artifact of version %s deleted (offset %d)", name, version, offset);
            }
            return;
        }
        e = entry(version);
        e.artifact = bytes;
        e.summary = summarize(bytes);
        e.shippedDefault = false;
        e.status = Status.AVAILABLE;
        e.refusalReason = "";
        LOG.infof("model %s: version %s available (%d bytes, offset %d)", name, version, bytes.length, offset);
    }

    private void pointer(byte[] bytes, long offset) {
        if (bytes == null) {
            LOG.infof("model %s: pointer deleted (offset %d); still serving %s", name, offset, activeVersion);
            return;
        }
        ModelPointer p;
        try {
            p = ModelPointer.parseFrom(bytes);
        } catch (InvalidProtocolBufferException ex) {
            LOG.warnf("model %s: pointer at offset %d is not a ModelPointer (%s); ignored, still serving %s", name, offset,
                    ex.getMessage(), activeVersion);
            return;
        }
        if (p.getVersion().isBlank()) {
            LOG.warnf("model %s: pointer at offset %d names no version; ignored, still serving %s", name, offset, activeVersion);
            return;
        }
        if (!p.getName().isEmpty() && !p.getName().equals(name)) {
            LOG.warnf("model %s: pointer at offset %d is for model '%s'; ignored, still serving %s", name, offset,
                    p.getName(), activeVersion);
            return;
        }
        String version = p.getVersion();
        Entry e = entry(version);
        e.pointer = p;
        if (version.equals(activeVersion)) {
            LOG.infof("model %s: pointer at offset %d names %s, already active (%s)", name, offset, version, describe(p));
        } else {
            String refusal = check(version, e, active::activate);
            if (refusal == null) {
                Entry previous = versions.get(activeVersion);
                if (previous != null) {
                    previous.status = Status.AVAILABLE;
                }
                e.status = Status.ACTIVE;
                e.refusalReason = "";
                LOG.infof("model %s: activated %s in place of %s (pointer at offset %d, %s)", name, version, activeVersion,
                        offset, describe(p));
                activeVersion = version;
                if (version.equals(candidateVersion)) {
                    candidateVersion = null; // promoted: ActiveModel has dropped it as candidate too
                }
            } else {
                e.status = Status.REFUSED;
                e.refusalReason = refusal;
                LOG.warnf("model %s: refused version %s: %s; still serving %s (pointer at offset %d, %s)", name, version,
                        refusal, activeVersion, offset, describe(p));
            }
        }
        candidate(p, offset);
    }

    /** The pointer's candidate: nominated after the same checks as an active version, or dropped when it names none. */
    private void candidate(ModelPointer p, long offset) {
        String version = p.getCandidateVersion();
        if (version.isBlank() || version.equals(activeVersion)) {
            dropCandidate();
            return;
        }
        if (version.equals(candidateVersion)) {
            return;
        }
        Entry e = entry(version);
        e.pointer = p;
        String refusal = check(version, e, active::nominate);
        dropCandidateEntry();
        if (refusal == null) {
            e.status = Status.CANDIDATE;
            e.refusalReason = "";
            candidateVersion = version;
            LOG.infof("model %s: %s is the candidate, scored beside %s (pointer at offset %d, %s)", name, version,
                    activeVersion, offset, describe(p));
        } else {
            active.dropCandidate();
            e.status = Status.REFUSED;
            e.refusalReason = refusal;
            LOG.warnf("model %s: refused candidate %s: %s; no candidate (pointer at offset %d, %s)", name, version,
                    refusal, offset, describe(p));
        }
    }

    private void dropCandidate() {
        if (candidateVersion != null) {
            dropCandidateEntry();
            active.dropCandidate();
        }
    }

    private void dropCandidateEntry() {
        if (candidateVersion != null) {
            Entry previous = versions.get(candidateVersion);
            if (previous != null && previous.status == Status.CANDIDATE) {
                previous.status = Status.AVAILABLE;
            }
            candidateVersion = null;
        }
    }

    /** What to do with an artifact that passed the registry's own checks: activate or nominate it. */
    private interface Use {
        void accept(ModelArtifact a) throws InvalidArtifactException;
    }

    /** Checks the version's artifact and hands it to {@code use}; the reason it was refused, or null when taken. */
    private String check(String version, Entry e, Use use) {
        String key = ModelRecords.artifactKey(name, version);
        if (e.artifact == null) {
            return "no artifact for version " + version + " on the models topic (key '" + key
                    + "'); the artifact must be written before its pointer";
        }
        ModelArtifact a;
        try {
            a = ModelArtifact.parseFrom(e.artifact);
        } catch (InvalidProtocolBufferException ex) {
            return "artifact under key '" + key + "' is undecodable: not a ModelArtifact (" + ex.getMessage() + ")";
        }
        if (!e.shippedDefault && !a.getName().equals(name)) {
            return "artifact under key '" + key + "' is for model '" + a.getName() + "', not '" + name + "'";
        }
        if (!a.getVersion().equals(version)) {
            return "artifact under key '" + key + "' says it is version '" + a.getVersion() + "'";
        }
        try {
            use.accept(a);
            return null;
        } catch (InvalidArtifactException ex) {
            return ex.getMessage();
        }
    }

    private Entry entry(String version) {
        return versions.computeIfAbsent(version, v -> new Entry());
    }

    private static Summary summarize(byte[] bytes) {
        try {
            return summarize(ModelArtifact.parseFrom(bytes));
        } catch (InvalidProtocolBufferException e) {
            return null;
        }
    }

    private static Summary summarize(ModelArtifact a) {
        // Entries may carry only problem-type offsets; count the exercises with a theta of their own.
        int thetas = (int) a.getExerciseThetasList().stream().filter(t -> t.hasTheta()).count();
        return new Summary(a.getFeatureSet(), a.getFeatureSpaceSeed(), thetas, a.getProvenance());
    }

    private static Version view(String version, Entry e) {
        return new Version(version, e.status, e.refusalReason, Optional.ofNullable(e.summary), Optional.ofNullable(e.pointer),
                e.shippedDefault);
    }

    private static String describe(ModelPointer p) {
        return "published by " + (p.getPublishedBy().isEmpty() ? "?" : p.getPublishedBy()) + " at " + p.getPublishedAtMs()
                + (p.getReason().isEmpty() ? "" : ": " + p.getReason()) + (p.getForced() ? ", forced" : "");
    }
}
