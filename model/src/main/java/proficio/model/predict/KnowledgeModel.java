package proficio.model.predict;

import java.util.Map;
import java.util.Objects;
import proficio.model.feature.FeatureSet;
import proficio.model.feature.FeatureSpace;
import proficio.model.state.ExerciseState;
import proficio.model.state.KnowledgeState;

/**
 * A trained model: per-exercise thetas, a global fallback theta, and what they were trained under
 * (feature space and feature set). It predicts; it never changes state.
 *
 * @param version        unique name of this version, carried by every answer it gives
 * @param featureSpace   the random-component space the KnowledgeState weights were fitted in
 * @param featureSet     how state becomes the vector a theta is dotted with
 * @param globalTheta    used for exercises without a theta of their own
 * @param exerciseThetas per-exercise thetas, by exercise name
 * @param provenance     where the weights came from
 */
public record KnowledgeModel(String version, FeatureSpace featureSpace, FeatureSet featureSet, Theta globalTheta,
                             Map<String, Theta> exerciseThetas, Provenance provenance) {

    public KnowledgeModel {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(featureSpace, "featureSpace");
        Objects.requireNonNull(featureSet, "featureSet");
        Objects.requireNonNull(globalTheta, "globalTheta");
        exerciseThetas = Map.copyOf(exerciseThetas);
        Objects.requireNonNull(provenance, "provenance");
        checkDimension("global theta", globalTheta, featureSet);
        exerciseThetas.forEach((exercise, theta) -> checkDimension("theta of exercise '" + exercise + "'", theta, featureSet));
    }

    /** The probability of a right answer on the next problem of {@code exercise}, from the state just before it. */
    public Prediction predict(String exercise, ExerciseState exerciseState, KnowledgeState knowledge) {
        Theta own = exerciseThetas.get(exercise);
        Theta theta = own != null ? own : globalTheta;
        double p = theta.probability(featureSet.vector(exerciseState, knowledge));
        return new Prediction(exercise, p, own != null ? ThetaSource.EXERCISE : ThetaSource.GLOBAL, version);
    }

    private static void checkDimension(String what, Theta theta, FeatureSet set) {
        if (theta.dimension() != set.dimension()) {
            throw new IllegalArgumentException(what + " has " + theta.dimension() + " weights; feature set "
                    + set.name() + " needs " + set.dimension());
        }
    }
}
