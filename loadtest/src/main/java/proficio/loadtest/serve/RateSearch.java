package proficio.loadtest.serve;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The highest rate a target sustains: open-loop steps from {@code start}, each {@code factor} times
 * the last, until one fails (or, when the start fails, down by the same factor until one holds);
 * then one step halfway between the highest that held and the lowest that failed. A step holds when every call was answered without error, answers kept up (at least 95 %
 * of the rate, waiting for the last one included), and p99 stayed within the bound. Without the
 * bound a server can "sustain" any rate by queueing; the bound says how much queueing counts as
 * keeping up. Resolution: a rate a few per cent over capacity builds too little queue in one short
 * step to fail it, so the result can be that much over the true capacity.
 */
public final class RateSearch {

    /** @param holds whether the step held (see the class) */
    public record Step(OpenLoop.Result result, boolean holds) {
    }

    /**
     * @param maxRate the highest rate that held (0 when none did)
     * @param bounded whether some step failed; when none did, maxRate is only a lower bound (the steps ran out)
     */
    public record Outcome(double maxRate, boolean bounded, List<Step> steps) {
    }

    public record Plan(double start, double factor, int maxSteps, Duration stepDuration, double p99BoundMs) {
        public Plan {
            if (!(start > 0) || !(factor > 1) || maxSteps < 1) {
                throw new IllegalArgumentException("need start > 0, factor > 1, maxSteps >= 1; got " + start + ", "
                        + factor + ", " + maxSteps);
            }
        }
    }

    static final double KEEP_UP = 0.95;
    static final Duration DRAIN = Duration.ofSeconds(5);
    static final Duration PAUSE = Duration.ofMillis(500);

    private RateSearch() {
    }

    public static Outcome search(OpenLoop.Target target, Plan plan, int maxInFlight) throws InterruptedException {
        List<Step> steps = new ArrayList<>();
        double held = 0;
        double failedAt = 0;
        double rate = plan.start();
        for (int i = 0; i < plan.maxSteps(); i++) {
            Step s = step(target, rate, plan, maxInFlight);
            steps.add(s);
            if (!s.holds()) {
                failedAt = rate;
                break;
            }
            held = rate;
            rate *= plan.factor();
        }
        // The start rate already failed: step down until one holds (failedAt: the lowest that failed).
        for (int i = 1; held == 0 && failedAt > 0 && i < plan.maxSteps(); i++) {
            double down = plan.start() / Math.pow(plan.factor(), i);
            Step s = step(target, down, plan, maxInFlight);
            steps.add(s);
            if (s.holds()) {
                held = down;
            } else {
                failedAt = down;
            }
        }
        if (failedAt > 0 && held > 0) {
            double mid = (held + failedAt) / 2;
            Step s = step(target, mid, plan, maxInFlight);
            steps.add(s);
            if (s.holds()) {
                held = mid;
            }
        }
        return new Outcome(held, failedAt > 0, steps);
    }

    public static boolean holds(OpenLoop.Result r, double p99BoundMs) {
        return r.failed() == 0 && r.unfinished() == 0 && r.achievedRate() >= KEEP_UP * r.rate()
                && r.ms(99) <= p99BoundMs;
    }

    private static Step step(OpenLoop.Target target, double rate, Plan plan, int maxInFlight) throws InterruptedException {
        OpenLoop.Result r = OpenLoop.run(target, rate, plan.stepDuration(), DRAIN, maxInFlight);
        Thread.sleep(PAUSE.toMillis()); // let the last step's queues empty before the next
        return new Step(r, holds(r, plan.p99BoundMs()));
    }
}
