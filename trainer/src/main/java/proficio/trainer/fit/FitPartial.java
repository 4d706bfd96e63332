package proficio.trainer.fit;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One fit worker's output: the global theta it used and the thetas of the exercises it owns. Written
 * to a shared volume by each worker of a scale-out fit, combined by {@link #merge}.
 *
 * @param workerIndex this worker
 * @param workerCount workers in the Job
 * @param settings    the settings it fitted with, in words (all workers must agree)
 * @param global      the global fit (every worker computes the same, bit for bit)
 * @param exercises   its exercises' fits
 */
public record FitPartial(int workerIndex, int workerCount, String settings, GlobalFit global, List<ExerciseFit> exercises) {

    private static final int MAGIC = 0x50464954; // "PFIT"
    private static final int VERSION = 1;

    /**
     * The fits of all workers as one result, exactly as one worker would have fitted it: each worker of
     * 0..count-1 present once, the same settings and the same global theta (bit for bit) everywhere,
     * each exercise fitted once.
     */
    public static FitResult merge(List<FitPartial> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("no fit partials to merge");
        }
        FitPartial first = parts.get(0);
        Set<Integer> seen = new HashSet<>();
        Set<String> exercises = new HashSet<>();
        List<ExerciseFit> all = new ArrayList<>();
        double exerciseSeconds = 0;
        for (FitPartial p : parts) {
            if (p.workerCount != first.workerCount) {
                throw new IllegalArgumentException("partials from " + first.workerCount + " and " + p.workerCount + " workers");
            }
            if (!seen.add(p.workerIndex)) {
                throw new IllegalArgumentException("worker " + p.workerIndex + " appears twice");
            }
            if (!p.settings.equals(first.settings)) {
                throw new IllegalArgumentException("worker " + p.workerIndex + " fitted with other settings: " + p.settings);
            }
            if (!Arrays.equals(p.global.theta(), first.global.theta())) {
                throw new IllegalArgumentException("worker " + p.workerIndex + " has another global theta than worker "
                        + first.workerIndex + "; the workers did not see the same rows");
            }
            for (ExerciseFit e : p.exercises) {
                if (!exercises.add(e.exercise())) {
                    throw new IllegalArgumentException("exercise " + e.exercise() + " was fitted by two workers");
                }
                all.add(e);
            }
        }
        if (seen.size() != first.workerCount) {
            List<Integer> missing = new ArrayList<>();
            for (int i = 0; i < first.workerCount; i++) {
                if (!seen.contains(i)) {
                    missing.add(i);
                }
            }
            throw new IllegalArgumentException("partials of workers " + missing + " are missing");
        }
        GlobalFit g = first.global;
        return new FitResult(g.theta(), g.rows(), g.iterations(), g.converged(), all, g.seconds(), exerciseSeconds);
    }

    public void write(Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(workerIndex);
            out.writeInt(workerCount);
            out.writeUTF(settings);
            writeTheta(out, global.theta());
            out.writeLong(global.rows());
            out.writeDouble(global.logLoss());
            out.writeInt(global.iterations());
            out.writeBoolean(global.converged());
            out.writeDouble(global.seconds());
            out.writeInt(exercises.size());
            for (ExerciseFit e : exercises) {
                out.writeUTF(e.exercise());
                writeTheta(out, e.theta());
                out.writeInt(e.rows());
                out.writeDouble(e.logLoss());
                out.writeDouble(e.objective());
                out.writeInt(e.iterations());
                out.writeBoolean(e.converged());
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public static FitPartial read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != MAGIC) {
                throw new IOException(file + " is not a fit partial");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new IOException(file + " has fit-partial version " + version + "; this build reads " + VERSION);
            }
            int index = in.readInt();
            int count = in.readInt();
            String settings = in.readUTF();
            GlobalFit global = new GlobalFit(readTheta(in), in.readLong(), in.readDouble(), in.readInt(), in.readBoolean(),
                    in.readDouble());
            int n = in.readInt();
            List<ExerciseFit> exercises = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                exercises.add(new ExerciseFit(in.readUTF(), readTheta(in), in.readInt(), in.readDouble(), in.readDouble(),
                        in.readInt(), in.readBoolean()));
            }
            return new FitPartial(index, count, settings, global, exercises);
        } catch (EOFException e) {
            throw new IOException(file + " ends early: it is truncated", e);
        }
    }

    private static void writeTheta(DataOutputStream out, double[] t) throws IOException {
        out.writeInt(t.length);
        for (double w : t) {
            out.writeDouble(w);
        }
    }

    private static double[] readTheta(DataInputStream in) throws IOException {
        double[] t = new double[in.readInt()];
        for (int i = 0; i < t.length; i++) {
            t[i] = in.readDouble();
        }
        return t;
    }
}
