package proficio.trainer.replay;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import proficio.model.event.ProblemLog;
import proficio.model.feature.FeatureSet;
import proficio.model.feature.FeatureSpace;
import proficio.model.predict.KnowledgeModel;
import proficio.model.state.StateUpdate;
import proficio.model.state.StudentReplay;
import proficio.trainer.input.EventSink;

/**
 * Folds each student's events, in order, through {@link StudentReplay} (the fold the service runs)
 * and emits one row per attempt: the feature vector just before it, as the service would have
 * predicted from, then the answer. Duplicated event ids are skipped as the service skips them.
 *
 * <p>Scoring models (the active model, for instance) are asked through {@link KnowledgeModel#predict}
 * for every row, with the attempt's problem type, from the same state, so their hold-out scores are what the service would have
 * answered. A scoring model under another feature-space seed gets a replay of its own.
 *
 * <p>Not thread-safe; fed by one source at a time. Memory: one StudentReplay per student plus the rows.
 */
public final class Replayer implements EventSink {

    private final FeatureSet featureSet;
    private final StateUpdate update;
    private final List<KnowledgeModel> scoring;
    private final Map<String, StudentReplay> students = new HashMap<>();
    /** Replays for scoring models whose seed differs from the training replay's, by seed. */
    private final Map<Long, Map<String, StudentReplay>> otherSeeds = new HashMap<>();
    private final Map<String, RowBuffer> rows = new LinkedHashMap<>();
    private final Map<String, String> studentIds = new HashMap<>();
    private final Map<String, String> problemTypes = new HashMap<>();
    private long duplicates;

    public Replayer(FeatureSet featureSet, FeatureSpace featureSpace, List<KnowledgeModel> scoring) {
        this.featureSet = featureSet;
        this.update = new StateUpdate(featureSpace);
        this.scoring = List.copyOf(scoring);
        for (KnowledgeModel m : this.scoring) {
            if (m.featureSpace().seed() != featureSpace.seed()) {
                otherSeeds.putIfAbsent(m.featureSpace().seed(), new HashMap<>());
            }
        }
    }

    @Override
    public void accept(ProblemLog log, boolean holdOut) {
        StudentReplay replay = students.computeIfAbsent(log.studentId(), s -> new StudentReplay(update));
        if (replay.isDuplicate(log)) {
            duplicates++;
            return;
        }
        double[] x = replay.vectorBefore(log, featureSet);
        double[] p = new double[scoring.size()];
        for (int m = 0; m < p.length; m++) {
            KnowledgeModel model = scoring.get(m);
            StudentReplay from = model.featureSpace().seed() == update.featureSpace().seed() ? replay
                    : otherReplay(model.featureSpace().seed(), log.studentId());
            p[m] = model.predict(log.exercise(), log.problemType(), from).probability();
        }
        for (long seed : otherSeeds.keySet()) {
            otherReplay(seed, log.studentId()).apply(log);
        }
        replay.apply(log);
        String student = studentIds.computeIfAbsent(log.studentId(), s -> s);
        String type = problemTypes.computeIfAbsent(log.problemType(), s -> s);
        rows.computeIfAbsent(log.exercise(), e -> new RowBuffer(featureSet.dimension(), p.length))
                .add(x, log.correct(), log.timeDoneMs(), student, type, holdOut, p);
    }

    private StudentReplay otherReplay(long seed, String studentId) {
        return otherSeeds.get(seed).computeIfAbsent(studentId,
                s -> new StudentReplay(new StateUpdate(new FeatureSpace(seed))));
    }

    /** Events skipped because their id had been applied before. */
    public long duplicates() {
        return duplicates;
    }

    public int students() {
        return students.size();
    }

    /** The rows so far, in canonical order. */
    public RowSet rows() {
        List<ExerciseRows> out = new ArrayList<>();
        rows.forEach((exercise, buffer) -> out.add(buffer.build(exercise).canonical()));
        return new RowSet(featureSet.name(), update.featureSpace().seed(), featureSet.dimension(),
                scoring.stream().map(KnowledgeModel::version).toList(), out);
    }

    /** Growable columns of one exercise's rows. */
    private static final class RowBuffer {
        private final int d;
        private int n;
        private double[] x;
        private byte[] y = new byte[16];
        private long[] time = new long[16];
        private String[] student = new String[16];
        private String[] problemType = new String[16];
        private boolean[] holdOut = new boolean[16];
        private double[][] scores;

        RowBuffer(int d, int scoreCount) {
            this.d = d;
            this.x = new double[16 * d];
            this.scores = new double[scoreCount][16];
        }

        void add(double[] row, boolean correct, long t, String s, String type, boolean h, double[] p) {
            if (row.length != d) {
                throw new IllegalStateException("feature vector of " + row.length + ", expected " + d);
            }
            if (n == y.length) {
                int cap = n * 2;
                x = java.util.Arrays.copyOf(x, cap * d);
                y = java.util.Arrays.copyOf(y, cap);
                time = java.util.Arrays.copyOf(time, cap);
                student = java.util.Arrays.copyOf(student, cap);
                problemType = java.util.Arrays.copyOf(problemType, cap);
                holdOut = java.util.Arrays.copyOf(holdOut, cap);
                for (int m = 0; m < scores.length; m++) {
                    scores[m] = java.util.Arrays.copyOf(scores[m], cap);
                }
            }
            System.arraycopy(row, 0, x, n * d, d);
            y[n] = (byte) (correct ? 1 : 0);
            time[n] = t;
            student[n] = s;
            problemType[n] = type;
            holdOut[n] = h;
            for (int m = 0; m < scores.length; m++) {
                scores[m][n] = p[m];
            }
            n++;
        }

        ExerciseRows build(String exercise) {
            double[][] sc = new double[scores.length][];
            for (int m = 0; m < scores.length; m++) {
                sc[m] = java.util.Arrays.copyOf(scores[m], n);
            }
            return new ExerciseRows(exercise, n, d, java.util.Arrays.copyOf(x, n * d), java.util.Arrays.copyOf(y, n),
                    java.util.Arrays.copyOf(time, n), java.util.Arrays.copyOf(student, n),
                    java.util.Arrays.copyOf(problemType, n), java.util.Arrays.copyOf(holdOut, n), sc);
        }
    }
}
