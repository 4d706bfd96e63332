package proficio.trainer.cli;

/** The trainer's exit codes. */
public final class ExitCodes {
    public static final int OK = 0;
    /** Any other failure: Kafka unreachable, an I/O error, a fit that failed. */
    public static final int ERROR = 1;
    /** Bad arguments or input: usage, a malformed input line, an invalid artifact. */
    public static final int BAD_INPUT = 2;
    /** publish or rollback refused: the model is worse than the active one, or the version is not there. */
    public static final int REFUSED = 3;

    private ExitCodes() {
    }
}
