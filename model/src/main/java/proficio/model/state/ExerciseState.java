package proficio.model.state;

import java.util.Objects;

/**
 * What Proficio remembers of one student in one exercise: the last {@link #MAX_HISTORY} answers as
 * bits, uncapped counters, and the ids of the last few events (to apply a retried answer once).
 *
 * @param history        answer bits, bit 0 the most recent answer, 1 = correct; only the low
 *                       {@code min(done, MAX_HISTORY)} bits are meaningful
 * @param done           problems answered in this exercise, ever (uncapped)
 * @param correct        of those, answered right first time (uncapped)
 * @param lastTimeDoneMs event time of the last applied answer, 0 before any
 * @param recentEvents   fingerprints of the last few applied event ids, to apply a retry once
 */
public record ExerciseState(int history, long done, long correct, long lastTimeDoneMs, RecentEvents recentEvents) {

    /** Answers kept as bits; the features look at no more (KA's MAX_HISTORY_KEPT). */
    public static final int MAX_HISTORY = 20;
    private static final int HISTORY_MASK = (1 << MAX_HISTORY) - 1;

    /** The state before a student's first answer in an exercise. */
    public static final ExerciseState EMPTY = new ExerciseState(0, 0, 0, 0, RecentEvents.NONE);

    public ExerciseState {
        if (done < 0 || correct < 0 || correct > done) {
            throw new IllegalArgumentException("counters out of range: done=" + done + " correct=" + correct);
        }
        Objects.requireNonNull(recentEvents, "recentEvents");
        history &= maskFor(done);
    }

    /** How many answers the history bits hold: {@code min(done, MAX_HISTORY)}. */
    public int historyLength() {
        return (int) Math.min(done, MAX_HISTORY);
    }

    /** Correct answers among the kept history. */
    public int correctInHistory() {
        return Integer.bitCount(history);
    }

    /** Whether answer {@code age} back (0 = the most recent) was correct; needs age < historyLength(). */
    public boolean correctAt(int age) {
        if (age < 0 || age >= historyLength()) {
            throw new IndexOutOfBoundsException("age " + age + " of " + historyLength());
        }
        return ((history >>> age) & 1) == 1;
    }

    public boolean hasSeen(String eventId) {
        return recentEvents.contains(eventId);
    }

    public boolean isEmpty() {
        return done == 0;
    }

    /** This state after one more answer. */
    public ExerciseState withAnswer(boolean answerCorrect, long timeDoneMs, String eventId) {
        int newHistory = ((history << 1) | (answerCorrect ? 1 : 0)) & HISTORY_MASK;
        return new ExerciseState(newHistory, done + 1, correct + (answerCorrect ? 1 : 0),
                Math.max(lastTimeDoneMs, timeDoneMs), recentEvents.with(eventId));
    }

    private static int maskFor(long done) {
        return done >= MAX_HISTORY ? HISTORY_MASK : (1 << done) - 1;
    }
}
