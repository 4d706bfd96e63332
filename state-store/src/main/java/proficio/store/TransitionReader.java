package proficio.store;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads one student's stored mastery transitions from the {@code transitions} store: those at or
 * after a time, oldest first. The values are the {@code proficio.v1.MasteryTransition} bytes as
 * written; this module does not parse them.
 */
public final class TransitionReader {

    private final ReadOnlyKeyValueStore<TransitionKey, byte[]> transitions;

    public TransitionReader(ReadOnlyKeyValueStore<TransitionKey, byte[]> transitions) {
        this.transitions = transitions;
    }

    /** At most {@code limit} transitions with event time {@code >= sinceMs}, oldest first. */
    public List<byte[]> since(String studentId, long sinceMs, int limit) {
        List<byte[]> out = new ArrayList<>(Math.min(limit, 64));
        TransitionKey from = new TransitionKey(studentId, sinceMs, Long.MIN_VALUE, Integer.MIN_VALUE);
        TransitionKey to = new TransitionKey(studentId, Long.MAX_VALUE, Long.MAX_VALUE, Integer.MAX_VALUE);
        try (KeyValueIterator<TransitionKey, byte[]> it = transitions.range(from, to)) {
            while (out.size() < limit && it.hasNext()) {
                out.add(it.next().value);
            }
        }
        return out;
    }

    /**
     * At most {@code limit} transitions with event time exactly {@code eventTimeMs}, in key order: the
     * ones one answer caused are among them (the caller picks them by event id; this module does not
     * parse the values). Usually one or none: a student rarely has two transitions in the same millisecond.
     */
    public List<byte[]> at(String studentId, long eventTimeMs, int limit) {
        List<byte[]> out = new ArrayList<>(1);
        TransitionKey from = new TransitionKey(studentId, eventTimeMs, Long.MIN_VALUE, Integer.MIN_VALUE);
        TransitionKey to = new TransitionKey(studentId, eventTimeMs, Long.MAX_VALUE, Integer.MAX_VALUE);
        try (KeyValueIterator<TransitionKey, byte[]> it = transitions.range(from, to)) {
            while (out.size() < limit && it.hasNext()) {
                out.add(it.next().value);
            }
        }
        return out;
    }
}
