package proficio.cli;

/**
 * The topics the CLI touches. They equal {@code proficio.store.Schemas.Topics} (a test checks it);
 * they are repeated here so the CLI's jar need not carry Kafka Streams and RocksDB.
 */
final class Topics {
    static final String PROBLEM_LOGS = "problem-logs";
    static final String PROBLEM_LOGS_DLQ = "problem-logs-dlq";

    private Topics() {
    }
}
