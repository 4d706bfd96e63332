package proficio.proto;

/**
 * The record keys of the {@code models} topic, shared by the trainer that publishes and the service
 * that follows it. See {@code ModelPointer} in model_artifact.proto for the layout.
 */
public final class ModelRecords {

    private static final char VERSION_SEPARATOR = '@';

    private ModelRecords() {
    }

    /** Key of the record holding one version's artifact. */
    public static String artifactKey(String name, String version) {
        return name + VERSION_SEPARATOR + version;
    }

    /** Key of the record saying which version of {@code name} is active. */
    public static String pointerKey(String name) {
        return name;
    }

    /** Whether a record key names an artifact (else it names a pointer). */
    public static boolean isArtifactKey(String key) {
        return key.indexOf(VERSION_SEPARATOR) >= 0;
    }
}
