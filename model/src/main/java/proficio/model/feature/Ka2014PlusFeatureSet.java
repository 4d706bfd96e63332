package proficio.model.feature;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import proficio.model.state.ExerciseState;

/**
 * {@code ka2014-plus}: the ka2014 vector, then what the 2014 model threw away: the uncapped
 * counts in this exercise and the student's totals over all exercises, each as ln(1 + n). 113
 * numbers. With it a model may carry a difficulty offset per problem type (Khan Academy wrote that
 * treating all items of an exercise as equally hard "is certainly false, but a compromise we have
 * made for now").
 *
 * <p>Everything here is derived from state the service keeps anyway (exercise counters, summed
 * over the student's exercises), so it costs no extra write per event; serving reads all of a
 * student's exercises to sum them.
 */
public final class Ka2014PlusFeatureSet implements FeatureSet {

    public static final String NAME = "ka2014-plus";
    public static final Ka2014PlusFeatureSet INSTANCE = new Ka2014PlusFeatureSet();

    private static final int EXTRA = 6;
    private static final int DIMENSION = Ka2014FeatureSet.DIMENSION + EXTRA;
    private static final List<String> NAMES = names();

    private Ka2014PlusFeatureSet() {
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
    public void write(StudentView student, String exercise, double[] x) {
        ExerciseState e = student.exercise(exercise);
        Ka2014FeatureSet.write(e, student.knowledge(), x);
        int i = Ka2014FeatureSet.DIMENSION;
        long done = student.totalDone();
        long correct = student.totalCorrect();
        x[i] = Math.log1p(e.done());
        x[i + 1] = Math.log1p(e.correct());
        x[i + 2] = Math.log1p(e.done() - e.correct());
        x[i + 3] = Math.log1p(done);
        x[i + 4] = Math.log1p(correct);
        x[i + 5] = Math.log1p(done - correct);
    }

    private static List<String> names() {
        List<String> n = new ArrayList<>(Ka2014FeatureSet.names());
        n.addAll(List.of("ln1p_exercise_done", "ln1p_exercise_correct", "ln1p_exercise_wrong",
                "ln1p_total_done", "ln1p_total_correct", "ln1p_total_wrong"));
        return Collections.unmodifiableList(n);
    }
}
