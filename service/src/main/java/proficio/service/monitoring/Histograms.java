package proficio.service.monitoring;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Latency timers are published as Prometheus histograms with fixed buckets, so a dashboard can take
 * quantiles over any window and across instances ({@code histogram_quantile}). Fixed buckets, not
 * the dozens Micrometer generates: one series per bucket per method and status adds up, and these
 * cover what matters here, from a 10 µs event fold to a 30 s wait.
 */
@Singleton
public class Histograms {

    /** Seconds; the same ladder for ingest and gRPC, so their panels read alike. */
    static final Duration[] BUCKETS = {
            micros(10), micros(25), micros(50), micros(100), micros(250), micros(500),
            millis(1), millis(2), millis(5), millis(10), millis(25), millis(50), millis(100), millis(250), millis(500),
            millis(1000), millis(2500), millis(5000), millis(10_000), millis(30_000)};

    static final String GRPC_SERVER = "grpc.server.processing.duration";

    @Produces
    @Singleton
    MeterFilter latencyHistograms() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (id.getType() == Meter.Type.TIMER
                        && (id.getName().equals(IngestMetrics.PROCESSING) || id.getName().equals(GRPC_SERVER))) {
                    return DistributionStatisticConfig.builder().serviceLevelObjectives(nanos(BUCKETS)).build().merge(config);
                }
                return config;
            }
        };
    }

    static double[] nanos(Duration[] buckets) {
        double[] out = new double[buckets.length];
        for (int i = 0; i < buckets.length; i++) {
            out[i] = buckets[i].toNanos();
        }
        return out;
    }

    private static Duration micros(long n) {
        return Duration.ofNanos(n * 1_000);
    }

    private static Duration millis(long n) {
        return Duration.ofMillis(n);
    }
}
