package proficio.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import proficio.model.mastery.MasteryState;
import proficio.model.state.ExerciseState;
import proficio.model.state.KnowledgeState;
import proficio.model.state.StudentSequence;

/**
 * Reads one student's state from three stores: their KnowledgeState, their StudentSequence and some
 * or all of their exercise states. The gRPC layer gets a {@link StudentSnapshot}, never a store.
 *
 * <p>The exercise values are read first: the processor writes the exercise value of an answer last,
 * so a snapshot that sees an answer in its exercise sees the KnowledgeState and sequence it caused
 * (or later ones) too; each is a point read of a small value.
 */
public final class StudentStateReader {

    private final ReadOnlyKeyValueStore<String, KnowledgeState> knowledge;
    private final ReadOnlyKeyValueStore<String, StudentSequence> sequence;
    private final ReadOnlyKeyValueStore<ExerciseKey, StoredExercise> exercises;

    public StudentStateReader(ReadOnlyKeyValueStore<String, KnowledgeState> knowledge,
                              ReadOnlyKeyValueStore<String, StudentSequence> sequence,
                              ReadOnlyKeyValueStore<ExerciseKey, StoredExercise> exercises) {
        this.knowledge = knowledge;
        this.sequence = sequence;
        this.exercises = exercises;
    }

    /**
     * All of the student's exercises, in name order. Hash maps that iterate in that order rather than
     * tree maps: planning looks up hundreds of exercises per call, and in a tree each lookup compares
     * names that share long prefixes (exercise_00042) a dozen times. The scan is already in name order
     * for ASCII names; the sort puts any other order right.
     */
    public StudentSnapshot readAll(String studentId) {
        List<KeyValue<ExerciseKey, StoredExercise>> rows = new ArrayList<>();
        boolean sorted = true;
        try (KeyValueIterator<ExerciseKey, StoredExercise> it = exercises.prefixScan(studentId, Schemas.STUDENT_PREFIX)) {
            while (it.hasNext()) {
                KeyValue<ExerciseKey, StoredExercise> kv = it.next();
                sorted &= rows.isEmpty() || rows.get(rows.size() - 1).key.exercise().compareTo(kv.key.exercise()) < 0;
                rows.add(kv);
            }
        }
        if (!sorted) {
            rows.sort(Comparator.comparing(kv -> kv.key.exercise()));
        }
        Map<String, ExerciseState> byExercise = LinkedHashMap.newLinkedHashMap(rows.size());
        Map<String, MasteryState> mastery = LinkedHashMap.newLinkedHashMap(rows.size());
        for (KeyValue<ExerciseKey, StoredExercise> kv : rows) {
            byExercise.put(kv.key.exercise(), kv.value.state());
            mastery.put(kv.key.exercise(), kv.value.mastery());
        }
        return new StudentSnapshot(studentId, knowledge.get(studentId), sequence.get(studentId), byExercise, mastery, true);
    }

    /**
     * Only the named exercises; the ones never attempted are absent from the snapshot. No sequence is
     * read: the feature sets that read it also read the totals over all exercises, so their callers
     * read the whole student ({@link #readAll}), and the calls that read a few exercises (Predict under
     * ka2014, the state of some exercises) are spared a third point read.
     */
    public StudentSnapshot read(String studentId, Collection<String> exerciseNames) {
        Map<String, ExerciseState> byExercise = new LinkedHashMap<>();
        Map<String, MasteryState> mastery = new LinkedHashMap<>();
        for (String e : exerciseNames) {
            StoredExercise s = exercises.get(new ExerciseKey(studentId, e));
            if (s != null) {
                byExercise.put(e, s.state());
                mastery.put(e, s.mastery());
            }
        }
        return new StudentSnapshot(studentId, knowledge.get(studentId), null, byExercise, mastery, false);
    }
}
