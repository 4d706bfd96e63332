package proficio.service.monitoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import proficio.model.predict.Prediction;
import proficio.service.quality.LiveLogLikelihood;
import proficio.service.streams.DeadLetter;

/**
 * What the ingest processor reports per event: answers applied, duplicates skipped, dead letters by
 * reason and field, the time to process each record, and for every applied answer the active
 * model's prediction (by version and theta source) and its log-likelihood.
 *
 * <p>On the per-event path, so every meter is resolved ahead: no tag lists are built per event.
 * Dead letters resolve their counter per (reason, field) once, in a map: they are rare and the
 * validator names a small, fixed set of fields.
 */
public final class IngestMetrics {

    public static final String APPLIED = "proficio.ingest.applied";
    public static final String DUPLICATES = "proficio.ingest.duplicates";
    public static final String DEAD_LETTERS = "proficio.ingest.dead.letters";
    public static final String PROCESSING = "proficio.ingest.processing";

    private final MeterRegistry registry;
    private final LiveLogLikelihood logLikelihood;
    private final Counter applied;
    private final Counter duplicates;
    private final Timer processing;
    private final PredictionCounter predictions;
    private final ConcurrentHashMap<String, Counter> deadLetters = new ConcurrentHashMap<>();

    public IngestMetrics(MeterRegistry registry, LiveLogLikelihood logLikelihood) {
        this.registry = registry;
        this.logLikelihood = logLikelihood;
        this.applied = Counter.builder(APPLIED).description("Answers applied to the state (duplicates and dead letters excluded)")
                .register(registry);
        this.duplicates = Counter.builder(DUPLICATES).description("Answers skipped because their event id was already applied")
                .register(registry);
        this.processing = Timer.builder(PROCESSING)
                .description("Time to process one problem-logs record: decode, validate, read, fold, predict, write")
                .register(registry);
        this.predictions = new PredictionCounter(registry, "ingest");
        // There from start, so a dashboard's rate() sees the first bad record (invalid ones name their field when they come).
        deadLetterCounter(DeadLetter.UNDECODABLE, "");
    }

    /** An answer applied; {@code prediction} is the active model's p just before it, scored against {@code correct}. */
    public void applied(Prediction prediction, boolean correct) {
        applied.increment();
        predictions.count(prediction.modelVersion(), prediction.thetaSource());
        logLikelihood.record(prediction.modelVersion(), LiveLogLikelihood.Role.ACTIVE,
                LiveLogLikelihood.of(prediction.probability(), correct));
    }

    /** The candidate's p for an applied answer (shadow scoring): its live log-likelihood. */
    public void candidateScored(Prediction shadow, boolean correct) {
        logLikelihood.record(shadow.modelVersion(), LiveLogLikelihood.Role.CANDIDATE,
                LiveLogLikelihood.of(shadow.probability(), correct));
    }

    /** An answer whose event id had already been applied. */
    public void duplicate() {
        duplicates.increment();
    }

    /** A record sent to the dead-letter topic, with the reason code and the field at fault ("" when none). */
    public void deadLettered(String reason, String field) {
        deadLetterCounter(reason, field).increment();
    }

    private Counter deadLetterCounter(String reason, String field) {
        return deadLetters.computeIfAbsent(reason + '\0' + field, k -> Counter.builder(DEAD_LETTERS)
                .description("Records sent to problem-logs-dlq, per reason (undecodable, invalid) and field at fault")
                .tags("reason", reason, "field", field.isEmpty() ? "none" : field)
                .register(registry));
    }

    /** One record processed, whatever became of it, in {@code nanos}. */
    public void processed(long nanos) {
        processing.record(nanos, TimeUnit.NANOSECONDS);
    }
}
