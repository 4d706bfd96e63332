package proficio.service.quality;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * The log-likelihood of live answers under the models scoring them, summed since start per model
 * version and role (the active model; a candidate scored in its shadow), and shown as metrics:
 * {@code proficio_quality_samples_total}, {@code proficio_quality_log_loss_total} (the summed
 * negative log-likelihood, so it only grows and a dashboard can take its rate) and
 * {@code proficio_quality_log_likelihood} (the mean since start). The per-exercise, per-day figures
 * belong to the {@code quality} store; this is the cheap, global view for alerting.
 *
 * <p>{@link #record} is on the per-event path: the series of the last version seen per role is kept
 * at hand, so a record is one string comparison and two adder updates; a new version registers its
 * meters once.
 */
@Singleton
public final class LiveLogLikelihood {

    /** Kept inside [EPS, 1 − EPS], as the trainer's evaluation does: a confident miss costs ~34.5 nats, not infinity. */
    static final double EPS = 1e-15;

    /** Which model scored the answer. */
    public enum Role {
        ACTIVE, CANDIDATE;

        final String tag = name().toLowerCase(Locale.ROOT);
    }

    /** What has been recorded for one model version in one role. */
    public record Totals(String modelVersion, Role role, long samples, double logLikelihood) {
        /** The mean log-likelihood per answer, NaN before the first. */
        public double mean() {
            return samples == 0 ? Double.NaN : logLikelihood / samples;
        }
    }

    private record Key(String modelVersion, Role role) {
    }

    /** One version in one role: the adders the meters read. */
    private static final class Series {
        final String modelVersion;
        final LongAdder samples = new LongAdder();
        final DoubleAdder logLikelihood = new DoubleAdder();

        Series(String modelVersion) {
            this.modelVersion = modelVersion;
        }

        double mean() {
            long n = samples.sum();
            return n == 0 ? Double.NaN : logLikelihood.sum() / n;
        }
    }

    private final MeterRegistry registry;
    private final ConcurrentHashMap<Key, Series> series = new ConcurrentHashMap<>();
    private final Series[] last = new Series[Role.values().length];

    @Inject
    public LiveLogLikelihood(MeterRegistry registry) {
        this.registry = registry;
    }

    /** ln p when the answer was right, ln(1 − p) when wrong; p kept inside [EPS, 1 − EPS]. */
    public static double of(double p, boolean correct) {
        double q = Math.min(1 - EPS, Math.max(EPS, p));
        return correct ? Math.log(q) : Math.log1p(-q);
    }

    /** Adds one answer's log-likelihood under {@code modelVersion} in {@code role}. */
    public void record(String modelVersion, Role role, double logLikelihood) {
        Series s = last[role.ordinal()]; // a racy cache is fine: a miss only costs the map lookup
        if (s == null || !s.modelVersion.equals(modelVersion)) {
            s = series.computeIfAbsent(new Key(modelVersion, role), this::register);
            last[role.ordinal()] = s;
        }
        s.samples.increment();
        s.logLikelihood.add(logLikelihood);
    }

    /** Every version and role recorded so far. */
    public List<Totals> totals() {
        List<Totals> out = new ArrayList<>();
        series.forEach((k, s) -> out.add(new Totals(k.modelVersion(), k.role(), s.samples.sum(), s.logLikelihood.sum())));
        return out;
    }

    private Series register(Key key) {
        Series s = new Series(key.modelVersion());
        Tags tags = Tags.of("model_version", key.modelVersion(), "role", key.role().tag);
        FunctionCounter.builder("proficio.quality.samples", s, x -> x.samples.sum())
                .description("Answers scored, per model version and role (active, candidate)")
                .tags(tags).register(registry);
        FunctionCounter.builder("proficio.quality.log.loss", s, x -> -x.logLikelihood.sum())
                .description("Summed negative log-likelihood of the answers scored (rate / samples rate = mean log-loss)")
                .tags(tags).register(registry);
        Gauge.builder("proficio.quality.log.likelihood", s, Series::mean).strongReference(true)
                .description("Mean log-likelihood per answer since start, per model version and role")
                .tags(tags).register(registry);
        return s;
    }
}
