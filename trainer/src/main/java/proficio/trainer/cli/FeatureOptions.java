package proficio.trainer.cli;

import picocli.CommandLine.Option;
import proficio.model.feature.FeatureSet;
import proficio.model.feature.FeatureSets;
import proficio.model.feature.FeatureSpace;

/** The feature set and the feature space rows are made in. */
final class FeatureOptions {

    @Option(names = "--feature-set", paramLabel = "NAME", defaultValue = "ka2014",
            description = "Feature set of the new model (default: ${DEFAULT-VALUE}).")
    String featureSet;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "" + FeatureSpace.DEFAULT_SEED,
            description = "Feature-space seed; must be the service's (default: ${DEFAULT-VALUE}).")
    long seed;

    FeatureSet featureSet() {
        return FeatureSets.byName(featureSet).orElseThrow(() -> new TrainerException("unknown feature set '" + featureSet
                + "'; known: " + FeatureSets.names(), ExitCodes.BAD_INPUT));
    }

    FeatureSpace space() {
        return new FeatureSpace(seed);
    }
}
