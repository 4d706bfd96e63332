package proficio.trainer.input;

import java.nio.charset.StandardCharsets;

/**
 * Worker {@code index} of {@code count}: which students (files), Kafka partitions and exercises
 * this worker handles. The hash is fixed (FNV-1a, 64-bit, over the UTF-8 bytes), so every worker
 * of a Job, on any JVM, agrees on who owns what.
 *
 * @param index this worker, 0-based
 * @param count the number of workers
 */
public record Shard(int index, int count) {

    /** The one worker that does everything. */
    public static final Shard ALL = new Shard(0, 1);

    public Shard {
        if (count < 1) {
            throw new IllegalArgumentException("worker count must be at least 1, was " + count);
        }
        if (index < 0 || index >= count) {
            throw new IllegalArgumentException("worker index must be in [0, " + count + "), was " + index);
        }
    }

    public boolean ownsStudent(String studentId) {
        return owns(studentId);
    }

    public boolean ownsExercise(String exercise) {
        return owns(exercise);
    }

    /** Kafka partition p belongs to worker p % count. */
    public boolean ownsPartition(int partition) {
        return partition % count == index;
    }

    public boolean isAll() {
        return count == 1;
    }

    private boolean owns(String name) {
        return count == 1 || Math.floorMod(stableHash(name), (long) count) == index;
    }

    /** FNV-1a 64 over the UTF-8 bytes; the same on every JVM. */
    public static long stableHash(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    @Override
    public String toString() {
        return "worker " + index + " of " + count;
    }
}
