package proficio.trainer.replay;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link RowSet} on disk, so replay workers can hand their rows to fit workers through a shared
 * volume. Binary, big-endian, versioned; written to a temporary name and moved into place, so a
 * reader never sees half a file.
 */
public final class RowFiles {

    private static final int MAGIC = 0x50524F57; // "PROW"
    private static final int VERSION = 2;
    private static final int CHUNK = 8192;

    private RowFiles() {
    }

    public static void write(RowSet rows, Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20))) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeUTF(rows.featureSet());
            out.writeLong(rows.seed());
            out.writeInt(rows.dimension());
            out.writeInt(rows.scoreNames().size());
            for (String s : rows.scoreNames()) {
                out.writeUTF(s);
            }
            out.writeInt(rows.exercises().size());
            ByteBuffer buf = ByteBuffer.allocate(CHUNK * 8).order(ByteOrder.BIG_ENDIAN);
            for (ExerciseRows e : rows.exercises()) {
                out.writeUTF(e.exercise());
                out.writeInt(e.size());
                writeDoubles(out, buf, e.x());
                out.write(e.y());
                for (long t : e.time()) {
                    out.writeLong(t);
                }
                writeStrings(out, e.student());
                writeStrings(out, e.problemType());
                for (boolean h : e.holdOut()) {
                    out.writeBoolean(h);
                }
                for (double[] s : e.scores()) {
                    writeDoubles(out, buf, s);
                }
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public static RowSet read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 20))) {
            if (in.readInt() != MAGIC) {
                throw new IOException(file + " is not a row file");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new IOException(file + " has row-file version " + version + "; this build reads " + VERSION);
            }
            String featureSet = in.readUTF();
            long seed = in.readLong();
            int d = in.readInt();
            int scoreCount = in.readInt();
            List<String> scoreNames = new ArrayList<>();
            for (int i = 0; i < scoreCount; i++) {
                scoreNames.add(in.readUTF());
            }
            int exercises = in.readInt();
            ByteBuffer buf = ByteBuffer.allocate(CHUNK * 8).order(ByteOrder.BIG_ENDIAN);
            List<ExerciseRows> out = new ArrayList<>(exercises);
            for (int k = 0; k < exercises; k++) {
                String exercise = in.readUTF();
                int n = in.readInt();
                double[] x = readDoubles(in, buf, Math.multiplyExact(n, d));
                byte[] y = new byte[n];
                in.readFully(y);
                long[] time = new long[n];
                for (int i = 0; i < n; i++) {
                    time[i] = in.readLong();
                }
                String[] student = readStrings(in, n);
                String[] problemType = readStrings(in, n);
                boolean[] holdOut = new boolean[n];
                for (int i = 0; i < n; i++) {
                    holdOut[i] = in.readBoolean();
                }
                double[][] scores = new double[scoreCount][];
                for (int s = 0; s < scoreCount; s++) {
                    scores[s] = readDoubles(in, buf, n);
                }
                out.add(new ExerciseRows(exercise, n, d, x, y, time, student, problemType, holdOut, scores));
            }
            if (in.read() != -1) {
                throw new IOException(file + " has bytes after its last exercise");
            }
            return new RowSet(featureSet, seed, d, scoreNames, out);
        } catch (EOFException e) {
            throw new IOException(file + " ends early: it is truncated", e);
        }
    }

    /** A table of the distinct strings, then an index per row. */
    private static void writeStrings(DataOutputStream out, String[] values) throws IOException {
        Map<String, Integer> ids = new HashMap<>();
        List<String> table = new ArrayList<>();
        int[] idx = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            idx[i] = ids.computeIfAbsent(values[i], s -> {
                table.add(s);
                return table.size() - 1;
            });
        }
        out.writeInt(table.size());
        for (String s : table) {
            out.writeUTF(s);
        }
        for (int i : idx) {
            out.writeInt(i);
        }
    }

    private static String[] readStrings(DataInputStream in, int n) throws IOException {
        String[] table = new String[in.readInt()];
        for (int i = 0; i < table.length; i++) {
            table[i] = in.readUTF();
        }
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            out[i] = table[in.readInt()];
        }
        return out;
    }

    private static void writeDoubles(DataOutputStream out, ByteBuffer buf, double[] a) throws IOException {
        for (int off = 0; off < a.length; off += CHUNK) {
            int len = Math.min(CHUNK, a.length - off);
            buf.clear();
            buf.asDoubleBuffer().put(a, off, len);
            out.write(buf.array(), 0, len * 8);
        }
    }

    private static double[] readDoubles(DataInputStream in, ByteBuffer buf, int count) throws IOException {
        double[] a = new double[count];
        for (int off = 0; off < count; off += CHUNK) {
            int len = Math.min(CHUNK, count - off);
            in.readFully(buf.array(), 0, len * 8);
            buf.clear();
            buf.asDoubleBuffer().get(a, off, len);
        }
        return a;
    }
}
