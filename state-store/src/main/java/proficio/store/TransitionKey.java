package proficio.store;

import java.util.Objects;

/**
 * Key of the {@code transitions} store: one stored mastery transition of a student. Serialised as
 * {@code varint(len(student)) student time offset index} ({@link proficio.store.codec.TransitionKeyCodec}):
 * a student's transitions sit side by side, ordered by the answer's event time; {@code offset} (the
 * causing answer's offset in {@code problem-logs}) and {@code index} (its place among that answer's
 * transitions) make two transitions at the same time distinct, and are the same on every replay.
 */
public record TransitionKey(String studentId, long eventTimeMs, long offset, int index) {
    public TransitionKey {
        Objects.requireNonNull(studentId, "studentId");
    }
}
