package proficio.trainer.fit;

/**
 * A dense rows × cols matrix kept twice, by row and by column, so that both products the fit needs,
 * A·v and Aᵀ·u, are loops of independent multiply-adds over one contiguous array at a time (an "axpy"
 * per column or per row) that C2 turns into SIMD code. Either product written as dot products over
 * one layout would be a chain of dependent additions, bound by the adder's latency. Each row and
 * each column is an array of its own: with every operand at index 0 of its own array C2 vectorises
 * the loops, while the same loops over offsets into one shared array stayed scalar (JDK 25, about
 * 2× slower on the Gervet rows).
 *
 * <p>A matrix with few columns keeps no rows: there, Aᵀ·u is {@code cols} dot products (each with
 * four partial sums), cheaper than axpys over a handful of elements.
 *
 * <p>Each output element is summed in a fixed order whatever the SIMD width, so the same input gives
 * the same bits on any machine.
 */
final class TwoWayMatrix {

    /** Below this many columns the row layout is not kept. */
    static final int MIN_COLUMNS_FOR_ROWS = 16;

    final int rows;
    final int cols;
    /** byRow[r][c], or null (few columns); the arrays may be longer than cols. */
    private final double[][] byRow;
    /** byColumn[c][r]; the arrays may be longer than rows. */
    private final double[][] byColumn;

    /**
     * @param byRow    the values by row (may be null when {@code cols < MIN_COLUMNS_FOR_ROWS}), kept
     * @param byColumn the same values by column, kept
     */
    TwoWayMatrix(int rows, int cols, double[][] byRow, double[][] byColumn) {
        if (byColumn.length != cols || (byRow == null && cols >= MIN_COLUMNS_FOR_ROWS)
                || (byRow != null && byRow.length < rows)) {
            throw new IllegalArgumentException("layouts do not match " + rows + " × " + cols);
        }
        this.rows = rows;
        this.cols = cols;
        this.byRow = byRow;
        this.byColumn = byColumn;
    }

    /** A matrix from its rows (kept), with the columns made by a transposition in 8 × 8 tiles. */
    static TwoWayMatrix fromRows(int rows, int cols, double[][] byRow) {
        double[][] byColumn = new double[cols][rows];
        for (int r0 = 0; r0 < rows; r0 += 8) {
            int r1 = Math.min(rows, r0 + 8);
            for (int c0 = 0; c0 < cols; c0 += 8) {
                int c1 = Math.min(cols, c0 + 8);
                for (int r = r0; r < r1; r++) {
                    double[] row = byRow[r];
                    for (int c = c0; c < c1; c++) {
                        byColumn[c][r] = row[c];
                    }
                }
            }
        }
        return new TwoWayMatrix(rows, cols, cols >= MIN_COLUMNS_FOR_ROWS ? byRow : null, byColumn);
    }

    /** Column c (read-only; may be longer than rows). */
    double[] column(int c) {
        return byColumn[c];
    }

    /** out[r] += Σ_c v[c] · a[r][c], for every row: four columns at a time, each an axpy over the rows. */
    void addTimes(double[] v, double[] out) {
        final int m = rows;
        int c = 0;
        for (; c + 4 <= cols; c += 4) {
            double v0 = v[c];
            double v1 = v[c + 1];
            double v2 = v[c + 2];
            double v3 = v[c + 3];
            double[] t0 = byColumn[c];
            double[] t1 = byColumn[c + 1];
            double[] t2 = byColumn[c + 2];
            double[] t3 = byColumn[c + 3];
            for (int r = 0; r < m; r++) {
                out[r] += v0 * t0[r] + v1 * t1[r] + v2 * t2[r] + v3 * t3[r];
            }
        }
        for (; c < cols; c++) {
            double vc = v[c];
            double[] t = byColumn[c];
            for (int r = 0; r < m; r++) {
                out[r] += vc * t[r];
            }
        }
    }

    /** out[c] += Σ_r u[r] · a[r][c], for every column. */
    void addTransposeTimes(double[] u, double[] out) {
        if (byRow == null) {
            for (int c = 0; c < cols; c++) {
                out[c] += dot(u, byColumn[c], rows);
            }
            return;
        }
        final int n = cols;
        int r = 0;
        for (; r + 4 <= rows; r += 4) { // four rows at a time, each an axpy over the columns
            double u0 = u[r];
            double u1 = u[r + 1];
            double u2 = u[r + 2];
            double u3 = u[r + 3];
            double[] a0 = byRow[r];
            double[] a1 = byRow[r + 1];
            double[] a2 = byRow[r + 2];
            double[] a3 = byRow[r + 3];
            for (int c = 0; c < n; c++) {
                out[c] += u0 * a0[c] + u1 * a1[c] + u2 * a2[c] + u3 * a3[c];
            }
        }
        for (; r < rows; r++) {
            double ur = u[r];
            double[] a = byRow[r];
            for (int c = 0; c < n; c++) {
                out[c] += ur * a[c];
            }
        }
    }

    /**
     * out[j][k] += Σ_r c[r] · a[r][j] · a[r][k] for k ≥ j (the upper triangle of AᵀCA): four rows at a
     * time, each an axpy over a row.
     */
    void addWeightedGramUpper(double[] c, double[][] out) {
        if (byRow == null) {
            for (int j = 0; j < cols; j++) {
                double[] cj = byColumn[j];
                double[] weighted = new double[rows];
                for (int r = 0; r < rows; r++) {
                    weighted[r] = c[r] * cj[r];
                }
                for (int k = j; k < cols; k++) {
                    out[j][k] += dot(weighted, byColumn[k], rows);
                }
            }
            return;
        }
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
            double[] a0 = byRow[r];
            double[] a1 = byRow[r + 1];
            double[] a2 = byRow[r + 2];
            double[] a3 = byRow[r + 3];
            double c0 = c[r];
            double c1 = c[r + 1];
            double c2 = c[r + 2];
            double c3 = c[r + 3];
            for (int j = 0; j < cols; j++) {
                double b0 = c0 * a0[j];
                double b1 = c1 * a1[j];
                double b2 = c2 * a2[j];
                double b3 = c3 * a3[j];
                double[] o = out[j];
                for (int k = j; k < cols; k++) {
                    o[k] += b0 * a0[k] + b1 * a1[k] + b2 * a2[k] + b3 * a3[k];
                }
            }
        }
        for (; r < rows; r++) {
            double[] a = byRow[r];
            for (int j = 0; j < cols; j++) {
                double b = c[r] * a[j];
                double[] o = out[j];
                for (int k = j; k < cols; k++) {
                    o[k] += b * a[k];
                }
            }
        }
    }

    /** Σ_{r < m} a[r] b[r] with four partial sums (independent chains for the adder), added in a fixed order. */
    private static double dot(double[] a, double[] b, int m) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int r = 0;
        for (; r + 4 <= m; r += 4) {
            s0 += a[r] * b[r];
            s1 += a[r + 1] * b[r + 1];
            s2 += a[r + 2] * b[r + 2];
            s3 += a[r + 3] * b[r + 3];
        }
        for (; r < m; r++) {
            s0 += a[r] * b[r];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
