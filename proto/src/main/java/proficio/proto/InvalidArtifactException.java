package proficio.proto;

/** A model artifact that must not be served, with the reason in words. */
public final class InvalidArtifactException extends Exception {
    public InvalidArtifactException(String reason) {
        super(reason);
    }
}
