package proficio.trainer.input;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import proficio.model.event.ProblemLog;
import proficio.model.event.ProblemLogValidator;
import proficio.model.event.Violation;

/**
 * The gate every event passes on its way to the replay: the service's own {@link ProblemLogValidator}
 * (an invalid event is counted and reported, as the service would send it to the dead-letter topic;
 * it does not stop the run). Sources skip other workers' records before offering them ({@link #shard}).
 * Not thread-safe: one source feeds it at a time.
 */
public final class Intake {

    /** How many refused events are kept as examples for the report. */
    public static final int EXAMPLES = 10;

    private final ProblemLogValidator validator;
    private final Shard shard;
    private final EventSink sink;
    private long read;
    private long accepted;
    private long otherWorkers;
    private long undecodable;
    private final Map<String, Long> invalidByField = new TreeMap<>();
    private final List<String> examples = new ArrayList<>();

    public Intake(ProblemLogValidator validator, Shard shard, EventSink sink) {
        this.validator = validator;
        this.shard = shard;
        this.sink = sink;
    }

    /**
     * One decoded record.
     *
     * @param key        the record key (the student id for files, whose records have no other key)
     * @param loggedAtMs when it was written to the log (Kafka record time; for files, its time_done)
     * @param origin     where it came from, e.g. {@code file.csv:12}; only asked for when it is refused
     * @param holdOut    from a hold-out source
     */
    public void offer(ProblemLog log, String key, long loggedAtMs, Supplier<String> origin, boolean holdOut) {
        read++;
        Optional<Violation> v = validator.validate(log, key, loggedAtMs);
        if (v.isPresent()) {
            invalidByField.merge(v.get().field(), 1L, Long::sum);
            example(origin.get() + ": " + v.get());
            return;
        }
        accepted++;
        sink.accept(log, holdOut);
    }

    /**
     * A record of a student another worker replays (files are split by student; Kafka by partition,
     * so a Kafka source never calls this).
     */
    public void otherWorker() {
        read++;
        otherWorkers++;
    }

    /** A record whose bytes are not a ProblemLog. */
    public void undecodable(Supplier<String> origin, String reason) {
        read++;
        undecodable++;
        example(origin.get() + ": undecodable: " + reason);
    }

    private void example(String s) {
        if (examples.size() < EXAMPLES) {
            examples.add(s);
        }
    }

    public Shard shard() {
        return shard;
    }

    public Stats stats() {
        return new Stats(read, accepted, otherWorkers, undecodable, Collections.unmodifiableMap(new TreeMap<>(invalidByField)),
                List.copyOf(examples));
    }

    /**
     * What the intake saw.
     *
     * @param read           records read
     * @param accepted       valid and this worker's: replayed
     * @param otherWorkers   valid but another worker's students
     * @param undecodable    bytes that are not a ProblemLog
     * @param invalidByField refused by the validator, by the field at fault
     * @param examples       the first few refused records, with where they came from and why
     */
    public record Stats(long read, long accepted, long otherWorkers, long undecodable, Map<String, Long> invalidByField,
                        List<String> examples) {

        public long invalid() {
            return invalidByField.values().stream().mapToLong(Long::longValue).sum();
        }

        public long refused() {
            return invalid() + undecodable;
        }
    }
}
