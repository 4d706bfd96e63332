package proficio.loadtest.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * Watches a consumer group work through a backlog that became readable all at once, sampling its
 * committed offsets, and gives its rate. The headline rate is over the middle of the backlog (from
 * the first sample past 10 % to the first past 90 %), so neither the app's start (a rebalance, a
 * cold JIT) nor the granularity of the last commit decides it; the overall rate is there too.
 */
public final class Drain {

    /**
     * @param events        the records of the backlog
     * @param seconds       from {@code startNanos} until everything was committed
     * @param eventsPerS    over the middle 80 % of the backlog
     * @param overallPerS   events / seconds
     * @param samples       (seconds since start, fraction applied) as sampled
     */
    public record Result(long events, double seconds, double eventsPerS, double overallPerS, List<double[]> samples) {
    }

    static final Duration SAMPLE_EVERY = Duration.ofMillis(50);

    private Drain() {
    }

    /**
     * @param events     how many records the backlog holds (the range also counts transaction markers)
     * @param startNanos when the backlog became readable (or the app was started)
     * @throws IllegalStateException when the backlog is not applied within {@code timeout}
     */
    public static Result watch(GroupProgress progress, long events, long startNanos, Duration timeout)
            throws ExecutionException, InterruptedException {
        List<double[]> samples = new ArrayList<>();
        long deadline = startNanos + timeout.toNanos();
        double t10 = -1;
        double f10 = 0;
        double t90 = -1;
        double f90 = 0;
        while (true) {
            double f = progress.total() == 0 ? 1 : (double) progress.applied() / progress.total();
            double t = (System.nanoTime() - startNanos) / 1e9;
            samples.add(new double[] {t, f});
            if (t10 < 0 && f >= 0.1) {
                t10 = t;
                f10 = f;
            }
            if (t90 < 0 && f >= 0.9) {
                t90 = t;
                f90 = f;
            }
            if (f >= 1) {
                double middle = t90 > t10 ? (f90 - f10) * events / (t90 - t10) : events / Math.max(t, 1e-9);
                return new Result(events, t, middle, events / Math.max(t, 1e-9), samples);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(String.format(java.util.Locale.ROOT,
                        "only %.1f %% of %d records applied after %.0f s", f * 100, events, t));
            }
            Thread.sleep(SAMPLE_EVERY.toMillis());
        }
    }
}
