package proficio.model.feature;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import proficio.model.state.ExerciseState;
import proficio.model.state.KnowledgeState;

/**
 * The exact DESIGN §3 vector: {@code [1, six exercise features, 100 KnowledgeState values]}, 107
 * numbers. Always available, whatever richer sets are added beside it.
 */
public final class Ka2014FeatureSet implements FeatureSet {

    public static final String NAME = "ka2014";
    public static final Ka2014FeatureSet INSTANCE = new Ka2014FeatureSet();

    static final int DIMENSION = 1 + ExerciseFeatures.COUNT + KnowledgeState.DIMENSIONS;
    private static final List<String> NAMES = names();

    private Ka2014FeatureSet() {
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
    public void write(StudentView student, String exercise, double[] x) {
        write(student.exercise(exercise), student.knowledge(), x);
    }

    /** Writes the 107 ka2014 values into the start of {@code x}; richer sets extend from there. */
    static void write(ExerciseState exercise, KnowledgeState knowledge, double[] x) {
        x[0] = 1.0;
        ExerciseFeatures.of(exercise).writeTo(x, 1);
        int offset = 1 + ExerciseFeatures.COUNT;
        for (int i = 0; i < KnowledgeState.DIMENSIONS; i++) {
            x[offset + i] = knowledge.get(i);
        }
    }

    static List<String> names() {
        List<String> n = new ArrayList<>(DIMENSION);
        n.addAll(List.of("intercept", "ewma_0.333", "ewma_0.1", "streak", "ln_done", "ln_missed_plus_1",
                "percent_correct"));
        for (int i = 0; i < KnowledgeState.DIMENSIONS; i++) {
            n.add("knowledge_" + i);
        }
        return Collections.unmodifiableList(n);
    }
}
