package proficio.service.query;

/**
 * The outcome of a read for one student: answered here, owned by another instance (forward the
 * call there), or not answerable right now (say why; the caller maps it to UNAVAILABLE).
 */
public sealed interface QueryResult<T> {

    record Local<T>(T value) implements QueryResult<T> {
    }

    /** The student's partition is active on the instance at {@code host:port}. */
    record Remote<T>(String host, int port) implements QueryResult<T> {
    }

    record Unavailable<T>(String reason) implements QueryResult<T> {
    }
}
