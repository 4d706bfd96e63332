package proficio.store;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import proficio.model.predict.ThetaSource;
import proficio.model.quality.ModelRole;
import proficio.model.quality.QualityFigures;
import proficio.model.quality.QualityKey;
import proficio.model.quality.QualityRow;

/**
 * Reads quality cells from one partition's {@code quality} store. A partition holds the answers of
 * its students only: a whole series is the sum over every partition (see docs/quality.md).
 */
public final class QualityReader {

    private final ReadOnlyKeyValueStore<QualityKey, QualityFigures> quality;

    public QualityReader(ReadOnlyKeyValueStore<QualityKey, QualityFigures> quality) {
        this.quality = quality;
    }

    /** One exercise's cells (or the over-all row's, {@link QualityKey#ALL_EXERCISES}) on days {@code [fromDay, toDay]}: one range scan. */
    public List<QualityRow> series(String exercise, int fromDay, int toDay) {
        List<QualityRow> out = new ArrayList<>();
        // No version is empty, so (exercise, toDay + 1, "") is above every key of toDay and below every later one.
        QualityKey from = new QualityKey(exercise, fromDay, "", ModelRole.ACTIVE, ThetaSource.EXERCISE);
        QualityKey to = new QualityKey(exercise, toDay + 1, "", ModelRole.ACTIVE, ThetaSource.EXERCISE);
        try (KeyValueIterator<QualityKey, QualityFigures> it = quality.range(from, to)) {
            it.forEachRemaining(kv -> {
                if (kv.key.epochDay() <= toDay) {
                    out.add(new QualityRow(kv.key, kv.value));
                }
            });
        }
        return out;
    }

    /** Every exercise's own cells on days {@code [fromDay, toDay]} (not the over-all row): a scan of the whole store. */
    public List<QualityRow> eachExercise(int fromDay, int toDay) {
        List<QualityRow> out = new ArrayList<>();
        try (KeyValueIterator<QualityKey, QualityFigures> it = quality.all()) {
            it.forEachRemaining(kv -> {
                QualityKey k = kv.key;
                if (!k.exercise().equals(QualityKey.ALL_EXERCISES) && k.epochDay() >= fromDay && k.epochDay() <= toDay) {
                    out.add(new QualityRow(k, kv.value));
                }
            });
        }
        return out;
    }
}
