package proficio.service.models;

import java.util.Objects;
import proficio.model.predict.KnowledgeModel;

/**
 * The models that score an answer, taken together in one read so that one event never pairs an
 * active model with a candidate of another moment (a promotion swaps both at once).
 *
 * @param candidate null when no candidate is named
 */
public record ModelLineup(KnowledgeModel active, KnowledgeModel candidate) {

    public ModelLineup {
        Objects.requireNonNull(active, "active");
    }

    public static ModelLineup of(KnowledgeModel active) {
        return new ModelLineup(active, null);
    }

    public boolean hasCandidate() {
        return candidate != null;
    }
}
