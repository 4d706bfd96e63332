package proficio.trainer.fit;

import java.util.Arrays;
import proficio.trainer.replay.ExerciseRows;

/**
 * The rows of one exercise as the per-exercise fit reads them: compressed by runs, as {@link RowBlock}
 * explains (columns that change together and rarely, the KnowledgeState, are stored once per run of
 * rows in which they stay equal), and each part kept as a {@link TwoWayMatrix} so X·θ and Xᵀr are SIMD
 * loops. On the Gervet rows an exercise of 1,666 × 107 doubles becomes ~560 runs × 101 plus 1,666 × 6.
 *
 * <p>Built in one pass over the rows. Which columns are slow is decided on the first
 * {@value #SAMPLE_ROWS} rows ({@link RowBlock#slowColumns}); runs are then cut wherever any slow column
 * changes, compared exactly, so the choice only affects how much is saved, never the result.
 */
final class RunMatrix {

    /** Rows the slow columns are chosen on: enough to see the pattern, a small share of the pass. */
    static final int SAMPLE_ROWS = 256;

    final int n;
    final int d;
    final int[] fastColumns;
    final int[] slowColumns;
    /** n × fast columns. */
    final TwoWayMatrix fast;
    /** runs × slow columns; null when there are no slow columns. */
    final TwoWayMatrix slow;
    /** Run r covers rows runStart[r] .. runStart[r + 1] - 1. */
    final int[] runStart;
    /** The run of each row. */
    final int[] runOf;
    /** Slow columns with one value over the whole exercise (the intercept), and that value. */
    final int[] constantColumns;
    final double[] constantValues;
    /** The other slow columns, and each one's index among the slow columns. */
    final int[] varyingSlowColumns;
    final int[] varyingSlowIndex;

    private RunMatrix(int n, int d, int[] fastColumns, int[] slowColumns, TwoWayMatrix fast, TwoWayMatrix slow,
                      int[] runStart) {
        this.n = n;
        this.d = d;
        this.fastColumns = fastColumns;
        this.slowColumns = slowColumns;
        this.fast = fast;
        this.slow = slow;
        this.runStart = runStart;
        this.runOf = new int[n];
        for (int r = 0; r < runStart.length - 1; r++) {
            Arrays.fill(runOf, runStart[r], runStart[r + 1], r);
        }
        int constants = 0;
        boolean[] constant = new boolean[slowColumns.length];
        for (int j = 0; j < slowColumns.length; j++) {
            double[] c = slow.column(j);
            constant[j] = true;
            for (int r = 1; r < slow.rows && constant[j]; r++) {
                constant[j] = Double.doubleToRawLongBits(c[r]) == Double.doubleToRawLongBits(c[0]);
            }
            constants += constant[j] ? 1 : 0;
        }
        constantColumns = new int[constants];
        constantValues = new double[constants];
        varyingSlowColumns = new int[slowColumns.length - constants];
        varyingSlowIndex = new int[slowColumns.length - constants];
        for (int j = 0, a = 0, b = 0; j < slowColumns.length; j++) {
            if (constant[j]) {
                constantColumns[a] = slowColumns[j];
                constantValues[a++] = slow.column(j)[0];
            } else {
                varyingSlowColumns[b] = slowColumns[j];
                varyingSlowIndex[b++] = j;
            }
        }
    }

    int runs() {
        return runStart.length - 1;
    }

    static RunMatrix of(ExerciseRows rows) {
        int n = rows.size();
        int d = rows.dimension();
        double[] x = rows.x();
        boolean[] isSlow = RowBlock.slowColumns(x, Math.min(n, SAMPLE_ROWS), d);
        int s = 0;
        for (boolean b : isSlow) {
            s += b ? 1 : 0;
        }
        int[] slowCols = new int[s];
        int[] fastCols = new int[d - s];
        for (int c = 0, a = 0, b = 0; c < d; c++) {
            if (isSlow[c]) {
                slowCols[a++] = c;
            } else {
                fastCols[b++] = c;
            }
        }
        int[] segments = segments(isSlow);
        int f = fastCols.length;
        // One pass over the rows, each read once while in L1: its fast values, and when a run starts
        // (a slow value differs from the row before, bit for bit) its slow values as the run's row.
        double[][] fastByColumn = new double[f][n];
        double[][] fastByRow = f >= TwoWayMatrix.MIN_COLUMNS_FOR_ROWS ? new double[n][] : null;
        double[][] slowRows = new double[s == 0 ? 0 : n][];
        int[] starts = new int[n + 1];
        int runs = 0;
        for (int i = 0; i < n; i++) {
            int o = i * d;
            for (int j = 0; j < f; j++) {
                fastByColumn[j][i] = x[o + fastCols[j]];
            }
            if (fastByRow != null) {
                double[] row = new double[f];
                for (int j = 0; j < f; j++) {
                    row[j] = x[o + fastCols[j]];
                }
                fastByRow[i] = row;
            }
            if (s > 0 && (i == 0 || !sameOnSegments(x, o, o - d, segments))) {
                double[] row = new double[s];
                for (int k = 0, w = 0; k < segments.length; k += 2) {
                    int len = segments[k + 1] - segments[k];
                    System.arraycopy(x, o + segments[k], row, w, len);
                    w += len;
                }
                slowRows[runs] = row;
                starts[runs++] = i;
            }
        }
        TwoWayMatrix fast = new TwoWayMatrix(n, f, fastByRow, fastByColumn);
        if (s == 0) {
            return new RunMatrix(n, d, fastCols, slowCols, fast, null, new int[] {0, n});
        }
        starts[runs] = n;
        double[][] slowByRow = Arrays.copyOf(slowRows, runs);
        return new RunMatrix(n, d, fastCols, slowCols, fast, TwoWayMatrix.fromRows(runs, s, slowByRow),
                Arrays.copyOf(starts, runs + 1));
    }

    /** The slow columns as [from, to) ranges, flattened: contiguous ranges compare and copy as blocks. */
    private static int[] segments(boolean[] isSlow) {
        int[] out = new int[isSlow.length + 1];
        int k = 0;
        for (int c = 0; c < isSlow.length; c++) {
            if (isSlow[c] && (c == 0 || !isSlow[c - 1])) {
                out[k++] = c;
            }
            if (isSlow[c] && (c + 1 == isSlow.length || !isSlow[c + 1])) {
                out[k++] = c + 1;
            }
        }
        return Arrays.copyOf(out, k);
    }

    /** Bit-for-bit equality (Arrays.equals on doubles compares bits, NaN included) of two rows' slow ranges. */
    private static boolean sameOnSegments(double[] x, int a, int b, int[] segments) {
        for (int k = 0; k < segments.length; k += 2) {
            if (!Arrays.equals(x, a + segments[k], a + segments[k + 1], x, b + segments[k], b + segments[k + 1])) {
                return false;
            }
        }
        return true;
    }

    /**
     * z_i = θ·x_i (+ offset_i) for every row.
     *
     * @param offset a fixed term per row, or null
     * @param z      out, n
     * @param zRuns  scratch, {@link #runs()}
     */
    void margins(double[] theta, double[] offset, double[] z, double[] zRuns) {
        Arrays.fill(z, 0);
        fast.addTimes(gather(theta, fastColumns), z);
        if (slow != null) {
            Arrays.fill(zRuns, 0);
            slow.addTimes(gather(theta, slowColumns), zRuns);
            for (int i = 0; i < n; i++) {
                z[i] += zRuns[runOf[i]];
            }
        }
        if (offset != null) {
            for (int i = 0; i < n; i++) {
                z[i] += offset[i];
            }
        }
    }

    /**
     * grad += Xᵀ u.
     *
     * @param uRuns scratch, {@link #runs()}
     */
    void addTransposeTimes(double[] u, double[] grad, double[] uRuns) {
        double[] gf = new double[fastColumns.length];
        fast.addTransposeTimes(u, gf);
        for (int j = 0; j < gf.length; j++) {
            grad[fastColumns[j]] += gf[j];
        }
        if (slow != null) {
            runSums(u, uRuns);
            double[] gs = new double[slowColumns.length];
            slow.addTransposeTimes(uRuns, gs);
            for (int j = 0; j < gs.length; j++) {
                grad[slowColumns[j]] += gs[j];
            }
        }
    }

    /** out[r] = Σ of u over the rows of run r; returns out. */
    double[] runSums(double[] u, double[] out) {
        Arrays.fill(out, 0);
        for (int i = 0; i < n; i++) {
            out[runOf[i]] += u[i];
        }
        return out;
    }

    private static double[] gather(double[] theta, int[] columns) {
        double[] out = new double[columns.length];
        for (int j = 0; j < columns.length; j++) {
            out[j] = theta[columns[j]];
        }
        return out;
    }
}
