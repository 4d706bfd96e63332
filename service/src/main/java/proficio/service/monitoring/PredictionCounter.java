package proficio.service.monitoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import proficio.model.predict.ThetaSource;

/**
 * {@code proficio_predictions_total} for one path (ingest, or one RPC), by model version and theta
 * source. The counters of the last version seen are kept at hand, so counting one prediction is a
 * string comparison and an adder increment; a new version resolves its two counters once.
 */
final class PredictionCounter {

    static final String NAME = "proficio.predictions";

    private final MeterRegistry registry;
    private final String path;
    private volatile PerVersion last;

    private record PerVersion(String version, Counter exercise, Counter global) {
    }

    PredictionCounter(MeterRegistry registry, String path) {
        this.registry = registry;
        this.path = path;
    }

    void count(String modelVersion, ThetaSource source) {
        count(modelVersion, source == ThetaSource.EXERCISE ? 1 : 0, source == ThetaSource.GLOBAL ? 1 : 0);
    }

    /** Counts a whole answer's predictions at once (RankExercises has thousands). */
    void count(String modelVersion, long ownTheta, long globalTheta) {
        PerVersion v = last;
        if (v == null || !v.version.equals(modelVersion)) {
            v = resolve(modelVersion);
            last = v;
        }
        if (ownTheta > 0) {
            v.exercise.increment(ownTheta);
        }
        if (globalTheta > 0) {
            v.global.increment(globalTheta);
        }
    }

    private PerVersion resolve(String modelVersion) {
        return new PerVersion(modelVersion, counter(modelVersion, "exercise"), counter(modelVersion, "global"));
    }

    /** Registering an existing id returns the meter already there: a version seen again keeps counting on. */
    private Counter counter(String modelVersion, String thetaSource) {
        return Counter.builder(NAME)
                .description("Predictions computed, per path (ingest or the RPC answering), model version and theta source")
                .tags("path", path, "model_version", modelVersion, "theta_source", thetaSource)
                .register(registry);
    }
}
