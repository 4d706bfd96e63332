package proficio.model.quality;

import java.util.Objects;
import proficio.model.predict.ThetaSource;

/**
 * What one cell of the quality figures is about: an exercise (or {@link #ALL_EXERCISES}), a UTC day
 * of event time, the model version that scored the answers, the role it had, and whether it used the
 * exercise's own theta or the global fallback (counted apart: a fallback's figures say nothing about
 * an exercise's fitted theta).
 *
 * @param epochDay days since 1970-01-01 (UTC) of the answers' {@code time_done}
 */
public record QualityKey(String exercise, int epochDay, String modelVersion, ModelRole role, ThetaSource thetaSource) {

    /** The exercise name of the row that sums every exercise (no real exercise is empty: validation refuses it). */
    public static final String ALL_EXERCISES = "";

    public QualityKey {
        Objects.requireNonNull(exercise, "exercise");
        Objects.requireNonNull(modelVersion, "modelVersion");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(thetaSource, "thetaSource");
    }

    /** The UTC day of an event time in milliseconds. */
    public static int epochDayOf(long eventTimeMs) {
        return Math.toIntExact(Math.floorDiv(eventTimeMs, 86_400_000L));
    }

    /** The same cell on another exercise (the over-all row, say). */
    public QualityKey withExercise(String other) {
        return new QualityKey(other, epochDay, modelVersion, role, thetaSource);
    }
}
