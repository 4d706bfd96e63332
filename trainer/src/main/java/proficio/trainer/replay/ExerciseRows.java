package proficio.trainer.replay;

import java.util.Arrays;
import java.util.Objects;

/**
 * The training rows of one exercise: per attempt, the feature vector just before it (row-major,
 * {@code n × d} doubles, contiguous, as the fit's hot loop reads it), whether it was right, its
 * time, the student, the problem type, whether it is held out, and the probabilities scoring models gave it during
 * the replay. Rows are in canonical order: by student id, then each student's attempts in log order,
 * whatever order the log interleaved them in, so any split of the replay merges back to the same rows.
 * Arrays are shared, not copied: treat them as read-only.
 */
public final class ExerciseRows {

    private final String exercise;
    private final int n;
    private final int d;
    private final double[] x;
    private final byte[] y;
    private final long[] time;
    private final String[] student;
    private final String[] problemType;
    private final boolean[] holdOut;
    private final double[][] scores;

    public ExerciseRows(String exercise, int n, int d, double[] x, byte[] y, long[] time, String[] student,
                        String[] problemType, boolean[] holdOut, double[][] scores) {
        this.exercise = Objects.requireNonNull(exercise);
        if (x.length != (long) n * d || y.length != n || time.length != n || student.length != n
                || problemType.length != n || holdOut.length != n) {
            throw new IllegalArgumentException("row arrays of exercise " + exercise + " do not have " + n + " rows");
        }
        for (double[] s : scores) {
            if (s.length != n) {
                throw new IllegalArgumentException("a score array of exercise " + exercise + " does not have " + n + " rows");
            }
        }
        this.n = n;
        this.d = d;
        this.x = x;
        this.y = y;
        this.time = time;
        this.student = student;
        this.problemType = problemType;
        this.holdOut = holdOut;
        this.scores = scores;
    }

    public String exercise() {
        return exercise;
    }

    public int size() {
        return n;
    }

    public int dimension() {
        return d;
    }

    /** Row-major features: row i is {@code x[i*d .. i*d+d)}. */
    public double[] x() {
        return x;
    }

    /** 1 right, 0 wrong. */
    public byte[] y() {
        return y;
    }

    public long[] time() {
        return time;
    }

    public String[] student() {
        return student;
    }

    /** The problem type of each row's attempt ("" when the log has none). */
    public String[] problemType() {
        return problemType;
    }

    public boolean[] holdOut() {
        return holdOut;
    }

    /** {@code scores()[m][i]}: scoring model m's probability for row i. */
    public double[][] scores() {
        return scores;
    }

    public double[] row(int i) {
        return Arrays.copyOfRange(x, i * d, i * d + d);
    }

    /** The rows at {@code index}, in that order. */
    public ExerciseRows select(int[] index) {
        int m = index.length;
        double[] nx = new double[m * d];
        byte[] ny = new byte[m];
        long[] nt = new long[m];
        String[] ns = new String[m];
        String[] np = new String[m];
        boolean[] nh = new boolean[m];
        double[][] nsc = new double[scores.length][m];
        for (int k = 0; k < m; k++) {
            int i = index[k];
            System.arraycopy(x, i * d, nx, k * d, d);
            ny[k] = y[i];
            nt[k] = time[i];
            ns[k] = student[i];
            np[k] = problemType[i];
            nh[k] = holdOut[i];
            for (int s = 0; s < scores.length; s++) {
                nsc[s][k] = scores[s][i];
            }
        }
        return new ExerciseRows(exercise, m, d, nx, ny, nt, ns, np, nh, nsc);
    }

    /** The same rows with hold-out flags replaced. */
    public ExerciseRows withHoldOut(boolean[] flags) {
        return new ExerciseRows(exercise, n, d, x, y, time, student, problemType, flags, scores);
    }

    /** Only the columns at {@code columns}, in that order (for a baseline on a subset of the features). */
    public ExerciseRows columns(int[] columns) {
        int nd = columns.length;
        double[] nx = new double[n * nd];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < nd; c++) {
                nx[i * nd + c] = x[i * d + columns[c]];
            }
        }
        return new ExerciseRows(exercise, n, nd, nx, y, time, student, problemType, holdOut, scores);
    }

    /**
     * These rows and {@code others}' rows of the same exercise, in canonical order (by student, each
     * student's rows in the order they had). A student's rows must all be in one of the parts, as a
     * split of the replay by student guarantees.
     */
    public static ExerciseRows concat(String exercise, int d, int scoreCount, java.util.List<ExerciseRows> parts) {
        int total = 0;
        for (ExerciseRows p : parts) {
            total += p.n;
        }
        double[] nx = new double[total * d];
        byte[] ny = new byte[total];
        long[] nt = new long[total];
        String[] ns = new String[total];
        String[] np = new String[total];
        boolean[] nh = new boolean[total];
        double[][] nsc = new double[scoreCount][total];
        int at = 0;
        for (ExerciseRows p : parts) {
            System.arraycopy(p.x, 0, nx, at * d, p.n * d);
            System.arraycopy(p.y, 0, ny, at, p.n);
            System.arraycopy(p.time, 0, nt, at, p.n);
            System.arraycopy(p.student, 0, ns, at, p.n);
            System.arraycopy(p.problemType, 0, np, at, p.n);
            System.arraycopy(p.holdOut, 0, nh, at, p.n);
            for (int s = 0; s < scoreCount; s++) {
                System.arraycopy(p.scores[s], 0, nsc[s], at, p.n);
            }
            at += p.n;
        }
        return new ExerciseRows(exercise, total, d, nx, ny, nt, ns, np, nh, nsc).canonical();
    }

    /** Rows sorted by student id, stably: each student's rows keep their order. */
    public ExerciseRows canonical() {
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> student[a].compareTo(student[b])); // TimSort: stable
        boolean sorted = true;
        int[] index = new int[n];
        for (int i = 0; i < n; i++) {
            index[i] = order[i];
            sorted &= index[i] == i;
        }
        return sorted ? this : select(index);
    }
}
