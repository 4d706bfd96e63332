package proficio.service.models;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;
import proficio.model.predict.KnowledgeModel;
import proficio.proto.DefaultModel;
import proficio.proto.InvalidArtifactException;
import proficio.proto.ModelArtifacts;
import proficio.proto.v1.ModelArtifact;
import proficio.service.config.ProficioConfig;

/**
 * The model the service answers with, swapped atomically. Starts with the shipped default model
 * (Khan Academy's 2012 accuracy weights); the trainer issue adds following the {@code models} topic.
 * A reader takes {@link #get()} once per request, so one answer never mixes two versions.
 */
@ApplicationScoped
public class ActiveModel {

    private static final Logger LOG = Logger.getLogger(ActiveModel.class);

    private final long featureSpaceSeed;
    private final AtomicReference<Active> active = new AtomicReference<>();

    /** The model and the name it was published under. */
    public record Active(String name, KnowledgeModel model) {
    }

    @Inject
    public ActiveModel(ProficioConfig config) {
        this.featureSpaceSeed = config.featureSpaceSeed();
        try {
            activate(DefaultModel.artifact());
        } catch (InvalidArtifactException e) {
            throw new IllegalStateException("the shipped default model is invalid: " + e.getMessage(), e);
        }
    }

    public Active get() {
        return active.get();
    }

    /** Checks {@code artifact} against this service's state, then makes it the active model. */
    public KnowledgeModel activate(ModelArtifact artifact) throws InvalidArtifactException {
        KnowledgeModel model = ModelArtifacts.toModel(artifact);
        if (model.featureSpace().seed() != featureSpaceSeed) {
            throw new InvalidArtifactException("model " + model.version() + " was trained in feature space "
                    + model.featureSpace().seed() + " but this service's state is in " + featureSpaceSeed
                    + "; serving it would pair weights with the wrong random components (rebuild the state by replay to migrate)");
        }
        active.set(new Active(artifact.getName(), model));
        LOG.infof("active model: %s (feature set %s, %d exercise thetas)", model.version(), model.featureSet().name(),
                model.exerciseThetas().size());
        return model;
    }
}
