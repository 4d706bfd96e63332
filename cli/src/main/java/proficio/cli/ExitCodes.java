package proficio.cli;

/** The CLI's exit codes. */
final class ExitCodes {
    static final int OK = 0;
    /** Any failure: service or broker unreachable, a gRPC error, NOT_SERVING. */
    static final int ERROR = 1;
    /** Bad arguments or input: usage errors, INVALID_ARGUMENT, a malformed line in a file. */
    static final int BAD_INPUT = 2;
    /** An answer was sent but not seen applied in time. */
    static final int NOT_APPLIED = 3;

    private ExitCodes() {
    }
}
