package proficio.trainer.replay;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import proficio.trainer.input.Shard;

/**
 * Every training row of a replay, per exercise, exercises sorted by name: the one order the fit
 * and the evaluation read rows in.
 *
 * @param featureSet  name of the feature set that made the vectors
 * @param seed        the feature-space seed of the replay
 * @param dimension   length of a vector
 * @param scoreNames  names of the models whose probabilities each row carries, in score order
 * @param exercises   the rows, sorted by exercise name, each exercise once
 */
public record RowSet(String featureSet, long seed, int dimension, List<String> scoreNames, List<ExerciseRows> exercises) {

    public RowSet {
        scoreNames = List.copyOf(scoreNames);
        List<ExerciseRows> sorted = new ArrayList<>(exercises);
        sorted.sort((a, b) -> a.exercise().compareTo(b.exercise()));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).exercise().equals(sorted.get(i - 1).exercise())) {
                throw new IllegalArgumentException("exercise " + sorted.get(i).exercise() + " appears twice");
            }
        }
        for (ExerciseRows e : sorted) {
            if (e.dimension() != dimension) {
                throw new IllegalArgumentException("exercise " + e.exercise() + " has vectors of " + e.dimension()
                        + ", expected " + dimension);
            }
            if (e.scores().length != scoreNames.size()) {
                throw new IllegalArgumentException("exercise " + e.exercise() + " has " + e.scores().length
                        + " scores, expected " + scoreNames.size());
            }
        }
        exercises = Collections.unmodifiableList(sorted);
    }

    public long size() {
        long n = 0;
        for (ExerciseRows e : exercises) {
            n += e.size();
        }
        return n;
    }

    public long positives() {
        long k = 0;
        for (ExerciseRows e : exercises) {
            for (byte b : e.y()) {
                k += b;
            }
        }
        return k;
    }

    /** The rows not held out. */
    public RowSet train() {
        return keep(false);
    }

    /** The held-out rows. */
    public RowSet holdOut() {
        return keep(true);
    }

    private RowSet keep(boolean heldOut) {
        List<ExerciseRows> out = new ArrayList<>();
        for (ExerciseRows e : exercises) {
            int m = 0;
            for (boolean h : e.holdOut()) {
                if (h == heldOut) {
                    m++;
                }
            }
            if (m == e.size()) {
                out.add(e);
            } else if (m > 0) {
                int[] index = new int[m];
                int k = 0;
                for (int i = 0; i < e.size(); i++) {
                    if (e.holdOut()[i] == heldOut) {
                        index[k++] = i;
                    }
                }
                out.add(e.select(index));
            }
        }
        return new RowSet(featureSet, seed, dimension, scoreNames, out);
    }

    /**
     * Marks the last {@code fraction} of the rows by time as held out (rows at the cut time included),
     * keeping rows already held out. Every row still had the whole history before it replayed.
     */
    public RowSet holdOutLastByTime(double fraction) {
        checkFraction(fraction);
        long[] times = new long[Math.toIntExact(size())];
        int k = 0;
        for (ExerciseRows e : exercises) {
            System.arraycopy(e.time(), 0, times, k, e.size());
            k += e.size();
        }
        if (times.length == 0) {
            return this;
        }
        Arrays.sort(times);
        int cut = (int) Math.min(times.length - 1, Math.floor((1.0 - fraction) * times.length));
        long cutTime = times[cut];
        return mark((e, i) -> e.time()[i] >= cutTime);
    }

    /** Marks the rows of about {@code fraction} of the students (chosen by a stable hash of the id) as held out. */
    public RowSet holdOutStudents(double fraction) {
        checkFraction(fraction);
        long buckets = 1_000_000;
        long limit = Math.round(fraction * buckets);
        return mark((e, i) -> Math.floorMod(Shard.stableHash("holdout:" + e.student()[i]), buckets) < limit);
    }

    private interface RowTest {
        boolean test(ExerciseRows e, int i);
    }

    private RowSet mark(RowTest test) {
        List<ExerciseRows> out = new ArrayList<>();
        for (ExerciseRows e : exercises) {
            boolean[] flags = e.holdOut().clone();
            for (int i = 0; i < e.size(); i++) {
                flags[i] |= test.test(e, i);
            }
            out.add(e.withHoldOut(flags));
        }
        return new RowSet(featureSet, seed, dimension, scoreNames, out);
    }

    private static void checkFraction(double fraction) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("a hold-out fraction must be in (0, 1), was " + fraction);
        }
    }

    /** Only the given columns of every vector, under a new feature-set name (for a baseline on a subset). */
    public RowSet columns(String name, int[] columns) {
        List<ExerciseRows> out = new ArrayList<>();
        for (ExerciseRows e : exercises) {
            out.add(e.columns(columns));
        }
        return new RowSet(name, seed, columns.length, scoreNames, out);
    }

    /** The rows of the exercises this worker fits. */
    public RowSet exercisesOf(Shard shard) {
        return new RowSet(featureSet, seed, dimension, scoreNames,
                exercises.stream().filter(e -> shard.ownsExercise(e.exercise())).toList());
    }

    public int scoreIndex(String name) {
        return scoreNames.indexOf(name);
    }

    /**
     * The row sets of several replay workers as one, exactly as one worker would have made it: each
     * exercise's rows in canonical order. Each student's rows must come from one part.
     */
    public static RowSet merge(List<RowSet> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("nothing to merge");
        }
        RowSet first = parts.get(0);
        Map<String, List<ExerciseRows>> byExercise = new TreeMap<>();
        for (RowSet p : parts) {
            if (!p.featureSet.equals(first.featureSet) || p.seed != first.seed || p.dimension != first.dimension
                    || !p.scoreNames.equals(first.scoreNames)) {
                throw new IllegalArgumentException("row sets differ: " + p.describe() + " vs " + first.describe());
            }
            for (ExerciseRows e : p.exercises) {
                byExercise.computeIfAbsent(e.exercise(), k -> new ArrayList<>()).add(e);
            }
        }
        List<ExerciseRows> out = new ArrayList<>();
        byExercise.forEach((exercise, rows) -> out.add(rows.size() == 1 ? rows.get(0)
                : ExerciseRows.concat(exercise, first.dimension, first.scoreNames.size(), rows)));
        return new RowSet(first.featureSet, first.seed, first.dimension, first.scoreNames, out);
    }

    public String describe() {
        return featureSet + " (seed " + seed + ", " + dimension + " features, scores " + scoreNames + ")";
    }
}
