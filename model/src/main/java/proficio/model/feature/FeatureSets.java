package proficio.model.feature;

import java.util.Map;
import java.util.Optional;

/** The feature sets this build knows, by the name a model artifact records. */
public final class FeatureSets {

    private static final Map<String, FeatureSet> BY_NAME = Map.of(
            Ka2014FeatureSet.NAME, Ka2014FeatureSet.INSTANCE,
            Ka2014PlusFeatureSet.NAME, Ka2014PlusFeatureSet.INSTANCE,
            Ka2014SeqFeatureSet.NAME, Ka2014SeqFeatureSet.INSTANCE);

    private FeatureSets() {
    }

    public static Optional<FeatureSet> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static java.util.Set<String> names() {
        return BY_NAME.keySet();
    }
}
