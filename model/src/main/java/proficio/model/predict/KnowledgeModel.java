package proficio.model.predict;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import proficio.model.feature.FeatureSet;
import proficio.model.feature.FeatureSpace;
import proficio.model.feature.StudentView;
import proficio.model.state.ExerciseState;
import proficio.model.state.KnowledgeState;
import proficio.model.state.StudentSequence;

/**
 * A trained model: per-exercise thetas, a global fallback theta, optional difficulty offsets per
 * (exercise, problem type), and what they were trained under (feature space and feature set). It
 * predicts; it never changes state.
 *
 * @param version            unique name of this version, carried by every answer it gives
 * @param featureSpace       the random-component space the KnowledgeState weights were fitted in
 * @param featureSet         how state becomes the vector a theta is dotted with
 * @param globalTheta        used for exercises without a theta of their own
 * @param exerciseThetas     per-exercise thetas, by exercise name
 * @param problemTypeOffsets exercise → problem type → offset added to z; an unknown or unnamed
 *                           problem type gets 0, the average problem of its exercise
 * @param provenance         where the weights came from
 */
public record KnowledgeModel(String version, FeatureSpace featureSpace, FeatureSet featureSet, Theta globalTheta,
                             Map<String, Theta> exerciseThetas, Map<String, Map<String, Double>> problemTypeOffsets,
                             Provenance provenance) {

    public KnowledgeModel {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(featureSpace, "featureSpace");
        Objects.requireNonNull(featureSet, "featureSet");
        Objects.requireNonNull(globalTheta, "globalTheta");
        // Hash maps rather than Map.copyOf: its linear probing over names that differ only in a few
        // trailing characters (exercise_00042) clusters, and a planning call looks up hundreds of them.
        exerciseThetas = Collections.unmodifiableMap(new HashMap<>(Map.copyOf(exerciseThetas)));
        Map<String, Map<String, Double>> offsets = new HashMap<>();
        problemTypeOffsets.forEach((exercise, byType) -> {
            byType.forEach((type, offset) -> {
                if (!Double.isFinite(offset)) {
                    throw new IllegalArgumentException("offset of problem type '" + type + "' in exercise '" + exercise
                            + "' is not finite");
                }
            });
            offsets.put(exercise, Map.copyOf(byType));
        });
        problemTypeOffsets = Collections.unmodifiableMap(offsets);
        Objects.requireNonNull(provenance, "provenance");
        checkDimension("global theta", globalTheta, featureSet);
        exerciseThetas.forEach((exercise, theta) -> checkDimension("theta of exercise '" + exercise + "'", theta, featureSet));
    }

    /** A model without problem-type offsets. */
    public KnowledgeModel(String version, FeatureSpace featureSpace, FeatureSet featureSet, Theta globalTheta,
                          Map<String, Theta> exerciseThetas, Provenance provenance) {
        this(version, featureSpace, featureSet, globalTheta, exerciseThetas, Map.of(), provenance);
    }

    /** This model with every theta rounded to float precision ({@link Theta#atFloatPrecision}); the rest as is. */
    public KnowledgeModel atFloatPrecision() {
        Map<String, Theta> rounded = new HashMap<>();
        exerciseThetas.forEach((exercise, theta) -> rounded.put(exercise, theta.atFloatPrecision()));
        return new KnowledgeModel(version, featureSpace, featureSet, globalTheta.atFloatPrecision(), rounded,
                problemTypeOffsets, provenance);
    }

    /**
     * The probability of a right answer on the next problem of {@code exercise}, from the state just
     * before it.
     *
     * @param problemType the next problem's type when known, else "" (the exercise's average problem)
     */
    public Prediction predict(String exercise, String problemType, StudentView student) {
        Theta own = exerciseThetas.get(exercise);
        Theta theta = own != null ? own : globalTheta;
        double offset = problemTypeOffsets.getOrDefault(exercise, Map.of()).getOrDefault(problemType, 0.0);
        double p = theta.probability(featureSet.vector(student, exercise), offset);
        return new Prediction(exercise, p, own != null ? ThetaSource.EXERCISE : ThetaSource.GLOBAL, version);
    }

    /**
     * The same for a feature set that reads only the exercise asked about (not
     * {@link FeatureSet#needsWholeStudent()}), from that exercise's state and the KnowledgeState.
     */
    public Prediction predict(String exercise, ExerciseState exerciseState, KnowledgeState knowledge) {
        if (featureSet.needsWholeStudent()) {
            throw new IllegalStateException("feature set " + featureSet.name() + " reads the student's totals over all "
                    + "exercises; predict from a StudentView that has them");
        }
        return predict(exercise, "", StudentView.ofOne(exercise, exerciseState, knowledge));
    }

    /**
     * Predictions for the exercises {@code student} never attempted, with the feature vector built
     * once: every shipped feature set reads an exercise only through {@code student.exercise(name)},
     * which is {@link ExerciseState#EMPTY} for all of them (ka2014-seq also asks the student's
     * {@code sequence()} whether the latest answer was in that exercise: never, for one not attempted),
     * so their vectors are identical and only the theta differs. {@code probability(e)} equals {@code predict(e, "", student).probability()}
     * bit for bit for every exercise {@code e} whose state in {@code student} is empty; it is not
     * defined for attempted ones (use {@link #predict}). Costs one vector, then one dot product per call.
     */
    public Unattempted unattempted(StudentView student) {
        StudentView empty = new StudentView() {
            public KnowledgeState knowledge() {
                return student.knowledge();
            }

            public ExerciseState exercise(String exercise) {
                return ExerciseState.EMPTY;
            }

            public long totalDone() {
                return student.totalDone();
            }

            public long totalCorrect() {
                return student.totalCorrect();
            }

            public StudentSequence sequence() {
                return student.sequence(); // asked only by a feature set that needsSequence()
            }
        };
        return new Unattempted(this, featureSet.vector(empty, ""));
    }

    /** See {@link #unattempted}: one shared vector, dotted with each exercise's theta. */
    public static final class Unattempted {
        private final KnowledgeModel model;
        private final double[] vector;

        private Unattempted(KnowledgeModel model, double[] vector) {
            this.model = model;
            this.vector = vector;
        }

        /** p for a never-attempted {@code exercise}, its average problem (no problem type). */
        public double probability(String exercise) {
            Theta own = model.exerciseThetas.get(exercise);
            Theta theta = own != null ? own : model.globalTheta;
            double offset = model.problemTypeOffsets.getOrDefault(exercise, Map.of()).getOrDefault("", 0.0);
            return theta.probability(vector, offset);
        }

        /** The shared vector; {@link CataloguePredictor} dots it with thetas it resolved once. */
        double[] vector() {
            return vector;
        }
    }

    private static void checkDimension(String what, Theta theta, FeatureSet set) {
        if (theta.dimension() != set.dimension()) {
            throw new IllegalArgumentException(what + " has " + theta.dimension() + " weights; feature set "
                    + set.name() + " needs " + set.dimension());
        }
    }
}
