package proficio.trainer.fit;

import java.util.ArrayList;
import java.util.List;
import proficio.trainer.replay.ExerciseRows;

/**
 * A contiguous run of rows the fit handles as one unit of work: rows {@code [from, to)} of one
 * exercise. Blocks have a fixed maximum size, independent of the thread count, and their partial
 * sums are always added in block order, so the fit gives the same bits on one thread or many.
 *
 * <p>Compressed by runs. Many columns change together and rarely: the 100 KnowledgeState values
 * move only on a student's first answer in some exercise, so consecutive rows of a student often
 * share them. Such "slow" columns are stored once per run of rows in which they all stay the same;
 * the other, "fast" columns once per row. The Hessian's slow×slow block, the bulk of the work, is
 * then accumulated once per run with the run's summed weight instead of once per row. The slow
 * columns are found from the data, so any feature set benefits: the columns that never change,
 * plus the largest group (at least {@value #MIN_GROUP}) of columns that change at exactly the same
 * rows. Exercises where that saves little are stored uncompressed (no slow columns, one run per row).
 */
final class RowBlock {

    /** Rows per block: big enough to amortise a task, small enough to spread 220k rows over cores. */
    static final int MAX_ROWS = 4096;
    /** Fewer columns changing together than this are not worth a run structure. */
    static final int MIN_GROUP = 8;

    final int d;
    final byte[] y;
    /** Rows of the exercise, [from, to): y and the scratch are indexed from {@code from}. */
    final int from;
    final int to;
    /** Fast columns: original index of each, and the values, (to - from) × f, row-major. */
    final int[] fastColumns;
    final double[] xf;
    /** Slow columns: original index of each, and the values once per run, runs × s, row-major. */
    final int[] slowColumns;
    final double[] xs;
    /** Run r covers rows runStart[r] .. runStart[r + 1] - 1, relative to {@code from}. */
    final int[] runStart;
    /** Scratch: p(1 - p) per row at the point of the last loss-and-gradient pass. */
    final double[] w;
    /** A fixed term added to each row's z (problem-type offsets), indexed like y; null for none. */
    final double[] offset;

    private RowBlock(int d, byte[] y, int from, int to, int[] fastColumns, double[] xf, int[] slowColumns, double[] xs,
                     int[] runStart, double[] offset) {
        this.d = d;
        this.y = y;
        this.from = from;
        this.to = to;
        this.fastColumns = fastColumns;
        this.xf = xf;
        this.slowColumns = slowColumns;
        this.xs = xs;
        this.runStart = runStart;
        this.w = new double[to - from];
        this.offset = offset;
    }

    int size() {
        return to - from;
    }

    int runs() {
        return runStart.length - 1;
    }

    static List<RowBlock> of(List<ExerciseRows> rows) {
        List<RowBlock> out = new ArrayList<>();
        for (ExerciseRows r : rows) {
            out.addAll(of(r));
        }
        return out;
    }

    static List<RowBlock> of(ExerciseRows rows) {
        return of(rows, null);
    }

    /** @param offset a fixed term per row of {@code rows} added to z, or null */
    static List<RowBlock> of(ExerciseRows rows, double[] offset) {
        if (offset != null && offset.length != rows.size()) {
            throw new IllegalArgumentException("offsets for " + offset.length + " rows, exercise has " + rows.size());
        }
        int n = rows.size();
        int d = rows.dimension();
        double[] x = rows.x();
        boolean[] slow = slowColumns(x, n, d);
        int s = 0;
        for (boolean b : slow) {
            s += b ? 1 : 0;
        }
        int[] slowCols = new int[s];
        int[] fastCols = new int[d - s];
        for (int c = 0, a = 0, b = 0; c < d; c++) {
            if (slow[c]) {
                slowCols[a++] = c;
            } else {
                fastCols[b++] = c;
            }
        }
        List<RowBlock> out = new ArrayList<>();
        for (int from = 0; from < n; from += MAX_ROWS) {
            int to = Math.min(n, from + MAX_ROWS);
            out.add(block(rows, from, to, fastCols, slowCols, offset));
        }
        return out;
    }

    private static RowBlock block(ExerciseRows rows, int from, int to, int[] fastCols, int[] slowCols, double[] offset) {
        int d = rows.dimension();
        double[] x = rows.x();
        int f = fastCols.length;
        int s = slowCols.length;
        int m = to - from;
        double[] xf = new double[m * f];
        for (int i = 0; i < m; i++) {
            int o = (from + i) * d;
            for (int j = 0; j < f; j++) {
                xf[i * f + j] = x[o + fastCols[j]];
            }
        }
        int[] starts = new int[m + 1];
        int runs = 0;
        for (int i = 0; i < m; i++) {
            if (i == 0 || s == 0 || differs(x, (from + i) * d, (from + i - 1) * d, slowCols)) {
                starts[runs++] = i;
            }
        }
        starts[runs] = m;
        int[] runStart = java.util.Arrays.copyOf(starts, runs + 1);
        double[] xs = new double[runs * s];
        for (int r = 0; r < runs; r++) {
            int o = (from + runStart[r]) * d;
            for (int j = 0; j < s; j++) {
                xs[r * s + j] = x[o + slowCols[j]];
            }
        }
        return new RowBlock(d, rows.y(), from, to, fastCols, xf, slowCols, xs, runStart, offset);
    }

    private static boolean differs(double[] x, int a, int b, int[] cols) {
        for (int c : cols) {
            if (Double.doubleToRawLongBits(x[a + c]) != Double.doubleToRawLongBits(x[b + c])) {
                return true;
            }
        }
        return false;
    }

    /**
     * The slow columns: those that never change, plus the largest group of columns that change at
     * exactly the same rows, when it has at least {@value #MIN_GROUP} columns and changes on at most
     * 70% of the rows. Otherwise none.
     */
    static boolean[] slowColumns(double[] x, int n, int d) {
        boolean[] slow = new boolean[d];
        if (n < 2) {
            return slow;
        }
        int[] changes = new int[d];
        for (int i = 1; i < n; i++) {
            int o = i * d;
            for (int c = 0; c < d; c++) {
                if (Double.doubleToRawLongBits(x[o + c]) != Double.doubleToRawLongBits(x[o - d + c])) {
                    changes[c]++;
                }
            }
        }
        // The change count most columns share (ties: the smaller count) is the candidate group's.
        java.util.Map<Integer, Integer> howMany = new java.util.TreeMap<>();
        for (int c = 0; c < d; c++) {
            if (changes[c] > 0) {
                howMany.merge(changes[c], 1, Integer::sum);
            }
        }
        int count = -1;
        int best = 0;
        for (var e : howMany.entrySet()) {
            if (e.getValue() > best) {
                best = e.getValue();
                count = e.getKey();
            }
        }
        boolean[] candidate = new boolean[d];
        int ref = -1;
        for (int c = 0; c < d; c++) {
            candidate[c] = count > 0 && changes[c] == count;
            if (candidate[c] && ref < 0) {
                ref = c;
            }
        }
        int alive = best;
        if (ref >= 0 && best >= MIN_GROUP && count <= 0.7 * n) {
            for (int i = 1; i < n && alive >= MIN_GROUP; i++) {
                int o = i * d;
                boolean refChanged = Double.doubleToRawLongBits(x[o + ref]) != Double.doubleToRawLongBits(x[o - d + ref]);
                for (int c = 0; c < d; c++) {
                    if (candidate[c] && (Double.doubleToRawLongBits(x[o + c])
                            != Double.doubleToRawLongBits(x[o - d + c])) != refChanged) {
                        candidate[c] = false;
                        alive--;
                    }
                }
            }
        }
        boolean group = ref >= 0 && alive >= MIN_GROUP && count <= 0.7 * n;
        int slowCount = 0;
        for (int c = 0; c < d; c++) {
            slow[c] = changes[c] == 0 || (group && candidate[c]);
            slowCount += slow[c] ? 1 : 0;
        }
        if (!group) {
            // Only constant columns: not worth runs unless there are many of them.
            if (slowCount < MIN_GROUP) {
                java.util.Arrays.fill(slow, false);
            }
        }
        return slow;
    }
}
