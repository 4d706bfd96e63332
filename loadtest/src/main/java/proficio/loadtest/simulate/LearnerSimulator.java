package proficio.loadtest.simulate;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Seeded simulated learners as one stream of answers: {@code concurrent} learners study at once,
 * their answers interleaved one at a time in turn; a learner who stops (after about
 * {@code exercisesPerStudent} exercises, see {@link Learner}) is replaced by a new one, until
 * {@code students} have started (0: forever). Each learner's answers come in the order they gave
 * them, with event times in the months before {@code anchorMs}. The same settings give the same
 * stream, answer for answer.
 */
public final class LearnerSimulator implements AnswerSource {

    /** Learners start within this window, which ends this long before the anchor. */
    static final long START_WINDOW_MS = 30 * Learner.DAY;
    static final long START_BEFORE_ANCHOR_MS = 90 * Learner.DAY;

    /**
     * @param studentPrefix       before each student's number, e.g. {@code drain-}: keeps runs apart
     * @param concurrent          learners studying at once (the interleaving)
     * @param students            learners in all; 0 for an endless stream
     * @param exercisesPerStudent a learner stops after the session in which they reach this many exercises
     * @param anchorMs            "now": every learner starts 60 to 90 days before it and no session starts after it
     */
    public record Settings(String studentPrefix, int concurrent, int students, int exercisesPerStudent, long anchorMs,
                           long seed) {
        public Settings {
            if (concurrent < 1) {
                throw new IllegalArgumentException("concurrent must be at least 1, got " + concurrent);
            }
            if (students < 0) {
                throw new IllegalArgumentException("students must be 0 (endless) or more, got " + students);
            }
            if (exercisesPerStudent < 1) {
                throw new IllegalArgumentException("exercisesPerStudent must be at least 1, got " + exercisesPerStudent);
            }
        }
    }

    private final Curriculum curriculum;
    private final Settings settings;
    private final Learner[] slots;
    private int cursor;
    private int started;

    public LearnerSimulator(Curriculum curriculum, Settings settings) {
        this.curriculum = curriculum;
        this.settings = settings;
        this.slots = new Learner[settings.concurrent()];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = newLearner();
        }
    }

    public Curriculum curriculum() {
        return curriculum;
    }

    /** Learners started so far. */
    public int studentsStarted() {
        return started;
    }

    @Override
    public SourcedAnswer next() {
        for (int tries = 0; tries < slots.length; tries++) {
            int i = cursor;
            cursor = (cursor + 1) % slots.length;
            while (slots[i] != null) {
                SourcedAnswer a = slots[i].next();
                if (a != null) {
                    return a;
                }
                slots[i] = newLearner(); // stopped: a new learner takes the slot, or it closes
            }
        }
        return null; // every slot closed: all the students are done
    }

    /** Learner {@code n} of the stream; null once {@code students} have started. */
    private Learner newLearner() {
        if (settings.students() > 0 && started >= settings.students()) {
            return null;
        }
        int n = started++;
        // Each learner's generator comes from (seed, n) alone, so its answers do not depend on the interleaving.
        long seed = new SplittableRandom(settings.seed() * 0x9E3779B97F4A7C15L + n).nextLong();
        long start = settings.anchorMs() - START_BEFORE_ANCHOR_MS + Math.floorMod(seed, START_WINDOW_MS);
        String id = settings.studentPrefix() + String.format(Locale.ROOT, "%07d", n);
        return new Learner(id, curriculum, seed, settings.exercisesPerStudent(), start, settings.anchorMs());
    }
}
