package proficio.loadtest.serve;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Open-loop load: call {@code i} is due at {@code start + i / rate}, whatever happened to the calls
 * before it, and its latency runs from that <em>intended</em> time to its completion. A server
 * that stalls therefore shows the wait of every call that fell due during the stall (no coordinated
 * omission), and so does a client that cannot send on time: the sender's own lag is part of the latency.
 * One thread sends; completions are recorded from whatever thread completes them.
 */
public final class OpenLoop {

    /**
     * Something to call: starts call {@code index}, due at {@code intendedNanos} ({@link System#nanoTime}),
     * and completes when its answer is in.
     */
    @FunctionalInterface
    public interface Target {
        CompletionStage<?> call(long index, long intendedNanos);
    }

    /**
     * @param scheduled    calls due in the run
     * @param completed    calls answered without error
     * @param failed       calls answered with an error
     * @param unfinished   calls still unanswered when the run gave up waiting for them
     * @param elapsedS     from the start to the last answer (at least the run's duration)
     * @param latency      ns, intended send time to answer, of the completed calls
     * @param sendLag      ns, intended send time to actual send time (the sender's own lag)
     * @param firstError   the first failure, or null
     */
    public record Result(double rate, long scheduled, long completed, long failed, long unfinished, double elapsedS,
                         Histogram latency, Histogram sendLag, String firstError) {

        /** Answers per second over the whole run, waiting for the last answer included. */
        public double achievedRate() {
            return elapsedS == 0 ? 0 : completed / elapsedS;
        }

        public double ms(double percentile) {
            return latency.getTotalCount() == 0 ? Double.NaN : latency.getValueAtPercentile(percentile) / 1e6;
        }
    }

    /** Longest latency recorded; longer ones are clamped (they have failed any target long before). */
    static final long MAX_LATENCY_NS = TimeUnit.MINUTES.toNanos(5);

    private OpenLoop() {
    }

    /**
     * Calls {@code target} at {@code rate} calls per second for {@code duration}, then waits at most
     * {@code drain} for the calls still out. Stops sending early when {@code maxInFlight} calls are
     * out at once (the rest count as unfinished): the target is hopelessly behind.
     */
    public static Result run(Target target, double rate, Duration duration, Duration drain, int maxInFlight)
            throws InterruptedException {
        if (!(rate > 0)) {
            throw new IllegalArgumentException("rate must be above 0, got " + rate);
        }
        long n = Math.max(1, Math.round(rate * duration.toNanos() / 1e9));
        double intervalNs = 1e9 / rate;
        Recorder latency = new Recorder(3);
        Histogram sendLag = new Histogram(MAX_LATENCY_NS, 3);
        AtomicLong completed = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong inFlight = new AtomicLong();
        AtomicLong lastAnswerNs = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1);
        long sent = 0;
        for (long i = 0; i < n; i++) {
            long intended = start + (long) (i * intervalNs);
            long now = System.nanoTime();
            while (now < intended) {
                LockSupport.parkNanos(intended - now);
                now = System.nanoTime();
            }
            if (inFlight.get() >= maxInFlight) {
                firstError.compareAndSet(null, maxInFlight + " calls out at once: stopped sending");
                break;
            }
            sendLag.recordValue(Math.min(MAX_LATENCY_NS, now - intended));
            inFlight.incrementAndGet();
            sent++;
            CompletionStage<?> call;
            try {
                call = target.call(i, intended);
            } catch (RuntimeException e) {
                call = java.util.concurrent.CompletableFuture.failedFuture(e);
            }
            call.whenComplete((ignored, error) -> {
                long end = System.nanoTime();
                if (error == null) {
                    latency.recordValue(Math.min(MAX_LATENCY_NS, end - intended));
                    completed.incrementAndGet();
                } else {
                    failed.incrementAndGet();
                    firstError.compareAndSet(null, String.valueOf(error));
                }
                lastAnswerNs.accumulateAndGet(end, Math::max);
                inFlight.decrementAndGet();
            });
        }
        long giveUp = System.nanoTime() + drain.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < giveUp) {
            Thread.sleep(1);
        }
        long unfinished = inFlight.get() + (n - sent);
        long endNs = Math.max(lastAnswerNs.get(), start + duration.toNanos());
        if (unfinished > 0) {
            endNs = System.nanoTime();
        }
        return new Result(rate, n, completed.get(), failed.get(), unfinished, (endNs - start) / 1e9,
                latency.getIntervalHistogram(), sendLag, firstError.get());
    }
}
