package proficio.trainer.publish;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import proficio.proto.ModelRecords;
import proficio.proto.v1.ModelArtifact;
import proficio.proto.v1.ModelPointer;

/**
 * What the {@code models} topic holds, read from its records in order: every artifact by key, and
 * per model name the newest pointer (the newest wins, as in the service). Records that do not decode
 * are listed, not fatal.
 */
public final class ModelRegistry {

    private final Map<String, byte[]> artifacts = new LinkedHashMap<>();
    private final Map<String, ModelPointer> pointers = new LinkedHashMap<>();
    private final List<ModelPointer> history = new ArrayList<>();
    private final List<String> undecodable = new ArrayList<>();

    public static ModelRegistry of(List<ModelsTopic.Record> records) {
        ModelRegistry r = new ModelRegistry();
        for (ModelsTopic.Record rec : records) {
            if (rec.key() == null) {
                r.undecodable.add("(a record without key)");
                continue;
            }
            if (ModelRecords.isArtifactKey(rec.key())) {
                if (rec.value() == null) {
                    r.artifacts.remove(rec.key()); // a tombstone
                } else {
                    r.artifacts.put(rec.key(), rec.value());
                }
            } else if (rec.value() != null) {
                try {
                    ModelPointer p = ModelPointer.parseFrom(rec.value());
                    r.pointers.put(rec.key(), p);
                    r.history.add(p);
                } catch (InvalidProtocolBufferException e) {
                    r.undecodable.add(rec.key() + ": " + e.getMessage());
                }
            }
        }
        return r;
    }

    /** The active pointer of {@code name}, if one was ever written. */
    public Optional<ModelPointer> pointer(String name) {
        return Optional.ofNullable(pointers.get(ModelRecords.pointerKey(name)));
    }

    /** The artifact bytes of {@code name@version}, if the topic has them. */
    public Optional<byte[]> artifactBytes(String name, String version) {
        return Optional.ofNullable(artifacts.get(ModelRecords.artifactKey(name, version)));
    }

    public Optional<ModelArtifact> artifact(String name, String version) throws InvalidProtocolBufferException {
        byte[] b = artifacts.get(ModelRecords.artifactKey(name, version));
        return b == null ? Optional.empty() : Optional.of(ModelArtifact.parseFrom(b));
    }

    public boolean sameArtifact(String name, String version, byte[] bytes) {
        byte[] b = artifacts.get(ModelRecords.artifactKey(name, version));
        return b != null && Arrays.equals(b, bytes);
    }

    /** Versions of {@code name} in the topic, in the order they were first written. */
    public List<String> versions(String name) {
        String prefix = ModelRecords.artifactKey(name, "");
        return artifacts.keySet().stream().filter(k -> k.startsWith(prefix)).map(k -> k.substring(prefix.length())).toList();
    }

    /** Every pointer ever written (compaction may have removed older ones), oldest first. */
    public List<ModelPointer> history() {
        return List.copyOf(history);
    }

    public List<String> undecodable() {
        return List.copyOf(undecodable);
    }
}
