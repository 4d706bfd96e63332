package proficio.service.streams;

import org.apache.kafka.streams.state.KeyValueStore;
import proficio.model.predict.Prediction;
import proficio.model.quality.ModelRole;
import proficio.model.quality.QualityFigures;
import proficio.model.quality.QualityKey;

/**
 * Adds one scored answer to the {@code quality} store: to its exercise's cell and to the over-all
 * cell of the same day, model version, role and theta source. Two read-modify-writes per scoring
 * model; the store is cached, so within a commit interval they are map look-ups, not RocksDB reads.
 */
final class QualityTally {

    private final KeyValueStore<QualityKey, QualityFigures> quality;

    QualityTally(KeyValueStore<QualityKey, QualityFigures> quality) {
        this.quality = quality;
    }

    /** Counts {@code p}, given just before an answer at {@code timeDoneMs} that was {@code correct}. */
    void add(String exercise, long timeDoneMs, Prediction p, ModelRole role, boolean correct) {
        QualityKey cell = new QualityKey(exercise, QualityKey.epochDayOf(timeDoneMs), p.modelVersion(), role, p.thetaSource());
        bump(cell, p.probability(), correct);
        bump(cell.withExercise(QualityKey.ALL_EXERCISES), p.probability(), correct);
    }

    private void bump(QualityKey cell, double p, boolean correct) {
        QualityFigures f = quality.get(cell);
        quality.put(cell, (f == null ? QualityFigures.EMPTY : f).plus(p, correct));
    }
}
