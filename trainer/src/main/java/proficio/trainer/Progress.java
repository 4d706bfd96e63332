package proficio.trainer;

/**
 * Progress of one long step (reading, replaying, fitting), reported as it goes. The command line
 * shows it as a progress bar; library code and tests use {@link #NONE}.
 */
public interface Progress extends AutoCloseable {

    Progress NONE = new Progress() {
        @Override
        public void step(long n) {
        }

        @Override
        public void close() {
        }
    };

    /** Makes the progress of a step named {@code task} with {@code total} units, -1 when not known. */
    interface Factory {
        Factory NONE = (task, total, unit) -> Progress.NONE;

        Progress start(String task, long total, String unit);
    }

    /** {@code n} more units done. Thread-safe. */
    void step(long n);

    /** The total became known or changed. */
    default void total(long total) {
    }

    /** An extra word shown beside the bar, such as a count of skipped records. */
    default void extra(String message) {
    }

    @Override
    void close();
}
