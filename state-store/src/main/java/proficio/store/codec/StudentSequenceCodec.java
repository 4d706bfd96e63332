package proficio.store.codec;

import java.nio.ByteBuffer;
import proficio.model.state.StudentSequence;

/**
 * The {@code sequence} store value, a {@link StudentSequence}. Version 1, fixed size, 26 bytes:
 * <pre>
 * u8      format version (1)
 * 8 bytes history bits, big-endian, bit 0 the most recent answer (only the low {@code length} bits may be set)
 * u8      length: answers the bits hold (0..64)
 * 8 bytes fingerprint of the latest answer's exercise, big-endian (0 before any answer)
 * 4 bytes run length in that exercise, big-endian (0..2^31-1)
 * 4 bytes exercises started, big-endian (0..2^31-1)
 * </pre>
 * Fixed width rather than varints: the value is rewritten on every applied answer, and a fixed layout
 * costs one allocation and no size pass. Every field is checked on the way in: an unknown version, a
 * wrong length, a length over 64, history bits above the length, a negative counter, a run or
 * exercise without an answer, or answers without a run are {@link CorruptStateException}, never a
 * silently different sequence.
 */
public final class StudentSequenceCodec {

    public static final byte V1 = 1;
    public static final int V1_SIZE = 1 + 8 + 1 + 8 + 4 + 4;

    private StudentSequenceCodec() {
    }

    public static byte[] encode(StudentSequence s) {
        return ByteBuffer.allocate(V1_SIZE)
                .put(V1)
                .putLong(s.history())
                .put((byte) s.length())
                .putLong(s.lastExercise())
                .putInt(s.run())
                .putInt(s.exercisesStarted())
                .array();
    }

    public static StudentSequence decode(byte[] bytes) {
        if (bytes.length == 0 || bytes[0] != V1) {
            throw new CorruptStateException("student sequence: unknown format version "
                    + (bytes.length == 0 ? "(empty value)" : bytes[0]));
        }
        if (bytes.length != V1_SIZE) {
            throw new CorruptStateException("student sequence v1: expected " + V1_SIZE + " bytes, got " + bytes.length);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
        long history = in.getLong();
        int length = in.get() & 0xFF;
        long lastExercise = in.getLong();
        int run = in.getInt();
        int started = in.getInt();
        if (length > StudentSequence.MAX_HISTORY) {
            throw new CorruptStateException("student sequence v1: length " + length + " is more than "
                    + StudentSequence.MAX_HISTORY);
        }
        if (length < StudentSequence.MAX_HISTORY && (history >>> length) != 0) {
            throw new CorruptStateException("student sequence v1: history bits set above length " + length);
        }
        if (run < 0 || started < 0) {
            throw new CorruptStateException("student sequence v1: negative counter (run " + run
                    + ", exercises started " + started + ")");
        }
        if (length == 0 && (run != 0 || started != 0 || lastExercise != 0)) {
            throw new CorruptStateException("student sequence v1: no answers, yet run " + run
                    + ", exercises started " + started + ", latest exercise " + Long.toHexString(lastExercise));
        }
        if (length > 0 && run == 0) {
            // exercises started may be 0 with answers: a student whose state predates the store starts
            // from an empty sequence, and answers in exercises begun before do not count as starts
            throw new CorruptStateException("student sequence v1: " + length + " answers, yet a run of 0");
        }
        return new StudentSequence(history, length, lastExercise, run, started);
    }
}
