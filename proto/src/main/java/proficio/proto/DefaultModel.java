package proficio.proto;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import proficio.proto.v1.ModelArtifact;

/**
 * The model served until the trainer publishes one: Khan Academy's published 2012 accuracy-model
 * weights as the global theta, KnowledgeState weights 0, no per-exercise thetas. Kept as a text-format
 * artifact in {@value #RESOURCE}, checksum included, so it passes the same checks as any other.
 */
public final class DefaultModel {

    public static final String RESOURCE = "/proficio/models/ka2012-accuracy.textproto";

    private DefaultModel() {
    }

    public static ModelArtifact artifact() {
        try (InputStream in = DefaultModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return ModelArtifacts.readText(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
