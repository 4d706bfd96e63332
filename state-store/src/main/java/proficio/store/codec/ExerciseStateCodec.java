package proficio.store.codec;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import proficio.model.state.ExerciseState;
import proficio.model.state.RecentEvents;

/**
 * Version 1, about 45 bytes for a typical state:
 * <pre>
 * u8      format version (1)
 * 3 bytes history bits (20 used), big-endian
 * varint  done
 * varint  correct
 * varint  last time done, epoch ms
 * u8      number of recent-event fingerprints (0..4), then 8 bytes each, oldest first
 * </pre>
 * A newer version adds fields after these; the mastery issue will add version 2.
 */
public final class ExerciseStateCodec {

    public static final byte V1 = 1;

    private ExerciseStateCodec() {
    }

    public static byte[] encode(ExerciseState s) {
        long[] recent = s.recentEvents().fingerprints();
        ByteBuffer out = ByteBuffer.allocate(1 + 3 + Varints.size(s.done()) + Varints.size(s.correct())
                + Varints.size(s.lastTimeDoneMs()) + 1 + 8 * recent.length);
        out.put(V1);
        int h = s.history();
        out.put((byte) (h >>> 16)).put((byte) (h >>> 8)).put((byte) h);
        Varints.write(out, s.done());
        Varints.write(out, s.correct());
        Varints.write(out, s.lastTimeDoneMs());
        out.put((byte) recent.length);
        for (long f : recent) {
            out.putLong(f);
        }
        return out.array();
    }

    public static ExerciseState decode(byte[] bytes) {
        if (bytes.length == 0 || bytes[0] != V1) {
            throw new CorruptStateException("exercise state: unknown format version "
                    + (bytes.length == 0 ? "(empty value)" : bytes[0]));
        }
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
            if (in.hasRemaining()) {
                throw new CorruptStateException("exercise state v1: " + in.remaining() + " bytes after the last field");
            }
            return new ExerciseState(history, done, correct, last, RecentEvents.ofFingerprints(recent));
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new CorruptStateException("exercise state v1: " + e, e);
        }
    }
}
