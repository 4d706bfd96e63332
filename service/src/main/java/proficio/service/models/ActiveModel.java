package proficio.service.models;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;
import proficio.model.predict.KnowledgeModel;
import proficio.proto.DefaultModel;
import proficio.proto.InvalidArtifactException;
import proficio.proto.ModelArtifacts;
import proficio.proto.v1.ModelArtifact;
import proficio.service.config.ProficioConfig;

/**
 * The model the service answers with, and the candidate scored in its shadow, swapped atomically
 * together. Starts with the shipped default model (Khan Academy's 2012 accuracy weights) and no
 * candidate; {@link ModelRegistry} activates and nominates what the {@code models} topic points to.
 * A reader takes {@link #get()} (or {@link #lineup()}) once per request or event, so one answer never
 * mixes two versions.
 */
@ApplicationScoped
public class ActiveModel {

    private static final Logger LOG = Logger.getLogger(ActiveModel.class);

    private final long featureSpaceSeed;
    private final AtomicReference<Serving> serving = new AtomicReference<>();
    private final CountDownLatch settled = new CountDownLatch(1);

    /** The model and the name it was published under. */
    public record Active(String name, KnowledgeModel model) {
    }

    /** Both at once; {@code candidate} null when none is named. */
    private record Serving(Active active, Active candidate) {
    }

    @Inject
    public ActiveModel(ProficioConfig config) {
        this(config.featureSpaceSeed());
    }

    /** An active model for a service whose state is in feature space {@code featureSpaceSeed}. */
    public ActiveModel(long featureSpaceSeed) {
        this.featureSpaceSeed = featureSpaceSeed;
        try {
            activate(DefaultModel.artifact());
        } catch (InvalidArtifactException e) {
            throw new IllegalStateException("the shipped default model is invalid: " + e.getMessage(), e);
        }
    }

    public Active get() {
        return serving.get().active();
    }

    /** The candidate scored in the shadow of the active model, if one is named. */
    public Optional<Active> candidate() {
        return Optional.ofNullable(serving.get().candidate());
    }

    /** The active model and the candidate, read together (what the processor scores one answer with). */
    public ModelLineup lineup() {
        Serving s = serving.get();
        return new ModelLineup(s.active().model(), s.candidate() == null ? null : s.candidate().model());
    }

    /**
     * Checks {@code artifact} against this service's state, then makes it the active model. A candidate
     * of the same version stops being one (it has been promoted); another candidate stays.
     */
    public KnowledgeModel activate(ModelArtifact artifact) throws InvalidArtifactException {
        KnowledgeModel model = checked(artifact);
        Active next = new Active(artifact.getName(), model);
        serving.updateAndGet(s -> new Serving(next, s == null || s.candidate() == null
                || s.candidate().model().version().equals(model.version()) ? null : s.candidate()));
        LOG.infof("active model: %s (feature set %s, %d exercise thetas)", model.version(), model.featureSet().name(),
                model.exerciseThetas().size());
        return model;
    }

    /** Checks {@code artifact} as {@link #activate} does, then scores every answer with it too, as the candidate. */
    public KnowledgeModel nominate(ModelArtifact artifact) throws InvalidArtifactException {
        KnowledgeModel model = checked(artifact);
        Active next = new Active(artifact.getName(), model);
        serving.updateAndGet(s -> new Serving(s.active(), next));
        LOG.infof("candidate model: %s (feature set %s, %d exercise thetas), scored in the shadow of %s", model.version(),
                model.featureSet().name(), model.exerciseThetas().size(), get().model().version());
        return model;
    }

    /** No candidate any more. */
    public void dropCandidate() {
        Serving before = serving.getAndUpdate(s -> new Serving(s.active(), null));
        if (before.candidate() != null) {
            LOG.infof("candidate model %s dropped", before.candidate().model().version());
        }
    }

    private KnowledgeModel checked(ModelArtifact artifact) throws InvalidArtifactException {
        KnowledgeModel model = ModelArtifacts.toModel(artifact);
        if (model.featureSpace().seed() != featureSpaceSeed) {
            throw new InvalidArtifactException("feature_space_seed " + model.featureSpace().seed()
                    + " differs from this service's " + featureSpaceSeed + ": serving model " + model.version()
                    + " would pair its weights with the wrong random components (rebuild the state by replay to migrate)");
        }
        return model;
    }

    /**
     * Marks the start-up as over for models: the {@code models} topic has been read to its end, or
     * the wait for it was given up. Until then the active model may be the default about to be
     * replaced, and {@link #awaitSettled} holds callers back.
     */
    public void settle() {
        settled.countDown();
    }

    public boolean isSettled() {
        return settled.getCount() == 0;
    }

    /** Waits at most {@code timeout} for {@link #settle()}; whether it happened. Free once settled. */
    public boolean awaitSettled(Duration timeout) {
        if (isSettled()) {
            return true;
        }
        try {
            return settled.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
