package proficio.model.mastery;

import java.util.function.ToDoubleFunction;
import proficio.model.catalogue.ExerciseCatalogue;

/**
 * Predictions by exercise name that can also answer by position in a catalogue. The planner's scan for
 * challenge cards walks the catalogue by index; with these it reads p by index instead of looking each
 * of thousands of names up again.
 */
public interface CataloguePredictions extends ToDoubleFunction<String> {

    /** The catalogue the indexes refer to. */
    ExerciseCatalogue catalogue();

    /** p of the catalogue's exercise at {@code index}: the same value as {@code applyAsDouble} of its name. */
    double atCatalogueIndex(int index);
}
