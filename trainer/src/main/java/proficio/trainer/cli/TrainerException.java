package proficio.trainer.cli;

/** A failure the command line reports in one line, with its exit code. */
final class TrainerException extends RuntimeException {

    private final int exitCode;

    TrainerException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    TrainerException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
