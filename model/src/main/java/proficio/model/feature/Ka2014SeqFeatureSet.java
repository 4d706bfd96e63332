package proficio.model.feature;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import proficio.model.state.ExerciseState;
import proficio.model.state.StudentSequence;

/**
 * {@code ka2014-seq}: the ka2014-plus vector (113 numbers), then 20 numbers from the student's
 * answers across exercises in event order ({@link StudentSequence}) and from the counters the
 * service keeps. 133 numbers. For the exercise e asked about, with {@code s} the sequence, d / c the
 * student's total done / right, and n / k the uncapped done / right in e:
 *
 * <ol start="114">
 *   <li>{@code all_ewma_0.3}, {@code all_ewma_0.1}, {@code all_ewma_0.03}: EWMA of the last
 *       {@code s.length()} answers over all exercises, oldest first, seeded at 0.66;</li>
 *   <li>{@code last_1..3}: the latest three answers over all exercises, +1 right, -1 wrong, 0 none;</li>
 *   <li>{@code last_in_exercise}: 1 when the latest answer was in e; {@code ln1p_run_in_exercise}:
 *       then ln(1 + the answers in a row in e ending with it), else 0;</li>
 *   <li>{@code ln1p_exercises_started};</li>
 *   <li>{@code total_acc} = (c + 1) / (d + 2), {@code exercise_acc} = (k + 1) / (n + 2),
 *       ln1p(d) × exercise_acc, ln1p(n) × total_acc, ln1p(n) × (exercise_acc − total_acc);</li>
 *   <li>{@code returning}: 1 when e has answers but the latest answer was elsewhere; then also
 *       ln1p(n), e's ka2014 ewma_0.333 and min(e's streak, 3), each 0 when not returning;</li>
 *   <li>{@code ewma_0.3_before_run}: EWMA (0.3, seeded at 0.66) of the kept answers before the
 *       current run in e (all kept answers when the latest was elsewhere), and
 *       {@code acc_before_run} = (right + 1) / (count + 2) over the same answers.</li>
 * </ol>
 *
 * <p>Needs a view of the whole student with its {@link StudentView#sequence()}: the trainer's
 * replay and the service's store snapshots (its {@code sequence} store) both have it.
 */
public final class Ka2014SeqFeatureSet implements FeatureSet {

    public static final String NAME = "ka2014-seq";
    public static final Ka2014SeqFeatureSet INSTANCE = new Ka2014SeqFeatureSet();

    static final double SEED = 0.66;
    private static final int EXTRA = 20;
    private static final int DIMENSION = Ka2014FeatureSet.DIMENSION + 6 + EXTRA;
    private static final List<String> NAMES = names();

    private Ka2014SeqFeatureSet() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int dimension() {
        return DIMENSION;
    }

    @Override
    public List<String> featureNames() {
        return NAMES;
    }

    @Override
    public boolean needsWholeStudent() {
        return true;
    }

    @Override
    public boolean needsSequence() {
        return true;
    }

    @Override
    public void write(StudentView student, String exercise, double[] x) {
        Ka2014PlusFeatureSet.INSTANCE.write(student, exercise, x);
        int i = Ka2014PlusFeatureSet.INSTANCE.dimension();
        StudentSequence s = student.sequence();
        ExerciseState e = student.exercise(exercise);
        long done = student.totalDone();
        long correct = student.totalCorrect();
        boolean same = s.lastWasIn(exercise);

        x[i++] = ewma(s, 0.3, 0);
        x[i++] = ewma(s, 0.1, 0);
        x[i++] = ewma(s, 0.03, 0);
        for (int age = 0; age < 3; age++) {
            x[i++] = age < s.length() ? (s.correctAt(age) ? 1.0 : -1.0) : 0.0;
        }
        x[i++] = same ? 1.0 : 0.0;
        x[i++] = same ? Math.log1p(s.run()) : 0.0;
        x[i++] = Math.log1p(s.exercisesStarted());

        double totalAcc = (correct + 1.0) / (done + 2.0);
        double exerciseAcc = (e.correct() + 1.0) / (e.done() + 2.0);
        x[i++] = totalAcc;
        x[i++] = exerciseAcc;
        x[i++] = Math.log1p(done) * exerciseAcc;
        x[i++] = Math.log1p(e.done()) * totalAcc;
        x[i++] = Math.log1p(e.done()) * (exerciseAcc - totalAcc);

        boolean returning = !same && e.done() > 0;
        ExerciseFeatures f = ExerciseFeatures.of(e);
        x[i++] = returning ? 1.0 : 0.0;
        x[i++] = returning ? Math.log1p(e.done()) : 0.0;
        x[i++] = returning ? f.ewmaFast() : 0.0;
        x[i++] = returning ? Math.min(f.streak(), 3) : 0.0;

        int skip = same ? Math.min(s.run(), s.length()) : 0;
        x[i++] = ewma(s, 0.3, skip);
        int right = 0;
        for (int age = skip; age < s.length(); age++) {
            right += s.correctAt(age) ? 1 : 0;
        }
        x[i] = (right + 1.0) / (s.length() - skip + 2.0);
    }

    /** EWMA of the kept answers older than {@code skip}, oldest first, seeded at {@link #SEED}. */
    static double ewma(StudentSequence s, double alpha, int skip) {
        double e = SEED;
        for (int age = s.length() - 1; age >= skip; age--) {
            e = alpha * (s.correctAt(age) ? 1.0 : 0.0) + (1 - alpha) * e;
        }
        return e;
    }

    private static List<String> names() {
        List<String> n = new ArrayList<>(Ka2014PlusFeatureSet.INSTANCE.featureNames());
        n.addAll(List.of("all_ewma_0.3", "all_ewma_0.1", "all_ewma_0.03", "last_1", "last_2", "last_3",
                "last_in_exercise", "ln1p_run_in_exercise", "ln1p_exercises_started",
                "total_acc", "exercise_acc", "ln1p_total_done_x_exercise_acc", "ln1p_exercise_done_x_total_acc",
                "ln1p_exercise_done_x_acc_gap", "returning", "returning_x_ln1p_exercise_done",
                "returning_x_ewma_0.333", "returning_x_streak_max_3", "ewma_0.3_before_run", "acc_before_run"));
        return Collections.unmodifiableList(n);
    }
}
