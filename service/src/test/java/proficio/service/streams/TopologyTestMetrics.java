package proficio.service.streams;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import proficio.service.monitoring.IngestMetrics;
import proficio.service.quality.LiveLogLikelihood;

/** Ingest metrics on a registry nobody reads, for topology tests that assert other things. */
final class TopologyTestMetrics {

    private TopologyTestMetrics() {
    }

    static IngestMetrics unregistered() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        return new IngestMetrics(registry, new LiveLogLikelihood(registry));
    }
}
