package proficio.model.event;

import java.util.Optional;

/**
 * The checks an event must pass before it may change any state. The same rules serve the live
 * service and the trainer, so both apply exactly the same events.
 *
 * <p>"Too far in the future" is judged against the time the record was written to the log, not the
 * wall clock, so a replay years later accepts and rejects exactly what the live run did.
 */
public final class ProblemLogValidator {

    /** Ids and names longer than this are refused: they bloat every key they appear in. */
    public static final int MAX_ID_LENGTH = 256;

    private final long maxFutureSkewMs;

    public ProblemLogValidator(long maxFutureSkewMs) {
        if (maxFutureSkewMs < 0) {
            throw new IllegalArgumentException("maxFutureSkewMs must be >= 0, was " + maxFutureSkewMs);
        }
        this.maxFutureSkewMs = maxFutureSkewMs;
    }

    /**
     * @param log          the decoded event
     * @param key          the record key it came with (must be the student id), null when it had none
     * @param loggedAtMs   when the record was written to the log (the Kafka record timestamp)
     * @return the first violation found, or empty when the event may be applied
     */
    public Optional<Violation> validate(ProblemLog log, String key, long loggedAtMs) {
        Violation v = firstViolation(log, key, loggedAtMs);
        return Optional.ofNullable(v);
    }

    private Violation firstViolation(ProblemLog log, String key, long loggedAtMs) {
        Violation v;
        if ((v = id("event_id", log.eventId())) != null) return v;
        if ((v = id("student_id", log.studentId())) != null) return v;
        if ((v = id("exercise", log.exercise())) != null) return v;
        if (log.problemType().length() > MAX_ID_LENGTH) {
            return new Violation("problem_type", "longer than " + MAX_ID_LENGTH + " characters");
        }
        if (key == null) {
            return new Violation("student_id", "the record has no key; it must be keyed by the student id "
                    + "so that all of a student's answers are applied in order by one task");
        }
        if (!key.equals(log.studentId())) {
            return new Violation("student_id", "does not match the record key '" + abbreviate(key)
                    + "'; the key decides which task applies the event, so they must agree");
        }
        if (log.timeDoneMs() <= 0) {
            return new Violation("time_done", "missing or not after 1970-01-01");
        }
        if (log.timeDoneMs() - loggedAtMs > maxFutureSkewMs) { // subtract: a huge skew must not overflow
            return new Violation("time_done", "is " + (log.timeDoneMs() - loggedAtMs)
                    + " ms after the record was logged; at most " + maxFutureSkewMs + " ms allowed");
        }
        if (log.problemNumber() < 0) return new Violation("problem_number", "negative");
        if (log.timeTakenMs() < 0) return new Violation("time_taken_ms", "negative");
        if (log.hintCount() < 0) return new Violation("hint_count", "negative");
        if (log.attemptCount() < 0) return new Violation("attempt_count", "negative");
        return null;
    }

    private static Violation id(String field, String value) {
        if (value.isBlank()) return new Violation(field, "missing or blank");
        if (value.length() > MAX_ID_LENGTH) {
            return new Violation(field, "longer than " + MAX_ID_LENGTH + " characters");
        }
        return null;
    }

    private static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 61) + "...";
    }
}
