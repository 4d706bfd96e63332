package proficio.model.state;

/**
 * What Proficio remembers of one student's answers across exercises, in event order: the last
 * {@link #MAX_HISTORY} answers over all exercises as bits, which exercise the latest answer was in,
 * how many answers in a row (ending with the latest) were in that exercise, how many exercises the
 * student has started, and the student's totals (answers applied, of them right first time). Changed
 * only by {@link StateUpdate#next}, once per applied (non-duplicate) answer, so a replay and the live
 * service fold it identically.
 *
 * <p>The totals equal the sums of the student's exercise counters (each applied answer adds one to
 * exactly one exercise); they are kept here so that the service, applying an answer under a feature
 * set that reads the totals, needs this one value and not a read of every exercise the student has.
 *
 * <p>Stored size per student, packed: 8 bytes of history bits, 1 byte of history length, 8 bytes of
 * exercise fingerprint, 4 bytes of run length, 4 bytes of exercises started, 8 + 8 bytes of totals: 41
 * bytes, written on every applied answer.
 *
 * @param history           answer bits, bit 0 the most recent answer, 1 = correct; only the low
 *                          {@code length} bits are meaningful
 * @param length            answers the bits hold, {@code min(answers applied, MAX_HISTORY)}, or fewer for
 *                          a student whose first answers were applied before the sequence was kept
 * @param lastExercise      {@link RecentEvents#fingerprint} of the latest answer's exercise, 0 before any
 * @param run               answers in a row, ending with the latest, in {@code lastExercise}
 * @param exercisesStarted  exercises with at least one answer
 * @param answers           answers applied, over all exercises
 * @param correctAnswers    of them, right first time
 */
public record StudentSequence(long history, int length, long lastExercise, int run, int exercisesStarted,
                              long answers, long correctAnswers) {

    public static final int MAX_HISTORY = 64;

    public static final StudentSequence EMPTY = new StudentSequence(0L, 0, 0L, 0, 0, 0L, 0L);

    public StudentSequence {
        if (length < 0 || length > MAX_HISTORY || run < 0 || exercisesStarted < 0 || length > answers
                || correctAnswers < 0 || correctAnswers > answers) {
            throw new IllegalArgumentException("out of range: length=" + length + " run=" + run
                    + " exercisesStarted=" + exercisesStarted + " answers=" + answers + " correctAnswers=" + correctAnswers);
        }
        history &= length == MAX_HISTORY ? -1L : (1L << length) - 1;
    }

    /**
     * The sequence of a student whose answers so far were applied before the sequence was kept: their
     * totals (summed over their exercises), and no history, no latest exercise, no starts counted.
     */
    public static StudentSequence startingAt(long answers, long correctAnswers) {
        return new StudentSequence(0L, 0, 0L, 0, 0, answers, correctAnswers);
    }

    /** Whether answer {@code age} back over all exercises (0 = the most recent) was correct; needs age < length. */
    public boolean correctAt(int age) {
        if (age < 0 || age >= length) {
            throw new IndexOutOfBoundsException("age " + age + " of " + length);
        }
        return ((history >>> age) & 1L) == 1L;
    }

    /** Whether the latest answer was in {@code exercise}. */
    public boolean lastWasIn(String exercise) {
        return length > 0 && lastExercise == RecentEvents.fingerprint(exercise);
    }

    /** This sequence after one more answer, in {@code exercise}; {@code firstInExercise} when it started that exercise. */
    public StudentSequence withAnswer(String exercise, boolean correct, boolean firstInExercise) {
        long f = RecentEvents.fingerprint(exercise);
        int nextRun = length > 0 && f == lastExercise ? run + 1 : 1;
        return new StudentSequence((history << 1) | (correct ? 1L : 0L), Math.min(length + 1, MAX_HISTORY), f,
                nextRun, exercisesStarted + (firstInExercise ? 1 : 0), answers + 1, correctAnswers + (correct ? 1 : 0));
    }
}
