package proficio.store.codec;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import proficio.model.mastery.MasteryLevel;
import proficio.model.mastery.MasteryState;
import proficio.model.state.ExerciseState;
import proficio.model.state.RecentEvents;
import proficio.store.StoredExercise;

/**
 * The {@code exercise} store value. Version 1, about 45 bytes for a typical state:
 * <pre>
 * u8      format version (1)
 * 3 bytes history bits (20 used), big-endian
 * varint  done
 * varint  correct
 * varint  last time done, epoch ms
 * u8      number of recent-event fingerprints (0..4), then 8 bytes each, oldest first
 * </pre>
 * Version 2 (written now) is version 1's fields with the version byte 2, then the mastery state:
 * <pre>
 * u8      mastery level (MasteryLevel ordinal: 0 UNPRACTICED, 1 PRACTICED, 2 LEVEL_TWO, 3 MASTERED)
 * u8      flags: bit 0 struggling
 * varint  practice streak
 * varint  recent counted answers as bits (at most 30)
 * u8      how many of those bits hold answers (0..30)
 * varint  attempts
 * varint  last promotion, epoch ms (0 = none)
 * varint  review interval, ms (0 = none)
 * varint  next review due, epoch ms (0 = none)
 * </pre>
 * A version 1 value decodes with {@link MasteryState#INITIAL}: it was written before the service kept
 * mastery, so no level was ever earned under it. Unknown versions, wrong lengths and trailing bytes
 * are {@link CorruptStateException}.
 */
public final class ExerciseStateCodec {

    public static final byte V1 = 1;
    public static final byte V2 = 2;
    private static final MasteryLevel[] LEVELS = MasteryLevel.values();

    private ExerciseStateCodec() {
    }

    /** Writes the current version (2). */
    public static byte[] encode(StoredExercise value) {
        ExerciseState s = value.state();
        MasteryState m = value.mastery();
        ByteBuffer out = ByteBuffer.allocate(v1Size(s) + 3 + Varints.size(m.practiceStreak()) + Varints.size(m.recent())
                + Varints.size(m.attempts()) + Varints.size(m.lastPromotionMs()) + Varints.size(m.reviewIntervalMs())
                + Varints.size(m.nextReviewDueMs()));
        writeV1Fields(out, V2, s);
        out.put((byte) m.level().ordinal());
        out.put((byte) (m.struggling() ? 1 : 0));
        Varints.write(out, m.practiceStreak());
        Varints.write(out, m.recent());
        out.put((byte) m.recentCount());
        Varints.write(out, m.attempts());
        Varints.write(out, m.lastPromotionMs());
        Varints.write(out, m.reviewIntervalMs());
        Varints.write(out, m.nextReviewDueMs());
        return out.array();
    }

    /** Writes version 1, as stores written before mastery hold; kept for tests of the v1 reader. */
    static byte[] encodeV1(ExerciseState s) {
        ByteBuffer out = ByteBuffer.allocate(v1Size(s));
        writeV1Fields(out, V1, s);
        return out.array();
    }

    public static StoredExercise decode(byte[] bytes) {
        if (bytes.length == 0 || (bytes[0] != V1 && bytes[0] != V2)) {
            throw new CorruptStateException("exercise state: unknown format version "
                    + (bytes.length == 0 ? "(empty value)" : bytes[0]));
        }
        byte version = bytes[0];
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
            int history = ((in.get() & 0xFF) << 16) | ((in.get() & 0xFF) << 8) | (in.get() & 0xFF);
            long done = Varints.read(in);
            long correct = Varints.read(in);
            long last = Varints.read(in);
            long[] recent = new long[in.get() & 0xFF];
            for (int i = 0; i < recent.length; i++) {
                recent[i] = in.getLong();
            }
            ExerciseState state = new ExerciseState(history, done, correct, last, RecentEvents.ofFingerprints(recent));
            MasteryState mastery = version == V1 ? MasteryState.INITIAL : readMastery(in);
            if (in.hasRemaining()) {
                throw new CorruptStateException("exercise state v" + version + ": " + in.remaining()
                        + " bytes after the last field");
            }
            return new StoredExercise(state, mastery);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new CorruptStateException("exercise state v" + version + ": " + e, e);
        }
    }

    private static MasteryState readMastery(ByteBuffer in) {
        int level = in.get() & 0xFF;
        if (level >= LEVELS.length) {
            throw new IllegalArgumentException("mastery level " + level + " is not one of 0.." + (LEVELS.length - 1));
        }
        int flags = in.get() & 0xFF;
        if ((flags & ~1) != 0) {
            throw new IllegalArgumentException("unknown mastery flags " + flags);
        }
        int streak = toInt("practice streak", Varints.read(in));
        int recent = toInt("recent answers", Varints.read(in));
        int recentCount = in.get() & 0xFF;
        return new MasteryState(LEVELS[level], flags == 1, streak, recent, recentCount, Varints.read(in),
                Varints.read(in), Varints.read(in), Varints.read(in));
    }

    private static int toInt(String field, long v) {
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(field + " " + v + " does not fit an int");
        }
        return (int) v;
    }

    private static int v1Size(ExerciseState s) {
        return 1 + 3 + Varints.size(s.done()) + Varints.size(s.correct()) + Varints.size(s.lastTimeDoneMs()) + 1
                + 8 * s.recentEvents().fingerprints().length;
    }

    private static void writeV1Fields(ByteBuffer out, byte version, ExerciseState s) {
        long[] recent = s.recentEvents().fingerprints();
        out.put(version);
        int h = s.history();
        out.put((byte) (h >>> 16)).put((byte) (h >>> 8)).put((byte) h);
        Varints.write(out, s.done());
        Varints.write(out, s.correct());
        Varints.write(out, s.lastTimeDoneMs());
        out.put((byte) recent.length);
        for (long f : recent) {
            out.putLong(f);
        }
    }
}
