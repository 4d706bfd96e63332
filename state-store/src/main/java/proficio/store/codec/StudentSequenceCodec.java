package proficio.store.codec;

import java.nio.ByteBuffer;
import proficio.model.state.StudentSequence;

/**
 * The {@code sequence} store value, a {@link StudentSequence}. Version 2, fixed size, 42 bytes:
 * <pre>
 * u8      format version (2)
 * 8 bytes history bits, big-endian, bit 0 the most recent answer (only the low {@code length} bits may be set)
 * u8      length: answers the bits hold (0..64)
 * 8 bytes fingerprint of the latest answer's exercise, big-endian (0 before any answer)
 * 4 bytes run length in that exercise, big-endian (0..2^31-1)
 * 4 bytes exercises started, big-endian (0..2^31-1)
 * 8 bytes answers applied, big-endian
 * 8 bytes of them right first time, big-endian
 * </pre>
 * Fixed width rather than varints: the value is rewritten on every applied answer, and a fixed layout
 * costs one allocation and no size pass. Every field is checked on the way in: an unknown version, a
 * wrong length, a length over 64 or over the answers, history bits above the length, a negative
 * counter, more right answers than answers, a run or exercise without an answer, or answers without a
 * run are {@link CorruptStateException}, never a silently different sequence. Version 1 (no totals)
 * lived on the development branch for an afternoon and is refused like any unknown version: rebuild
 * such a state by replay.
 */
public final class StudentSequenceCodec {

    public static final byte V2 = 2;
    public static final int V2_SIZE = 1 + 8 + 1 + 8 + 4 + 4 + 8 + 8;

    private StudentSequenceCodec() {
    }

    public static byte[] encode(StudentSequence s) {
        return ByteBuffer.allocate(V2_SIZE)
                .put(V2)
                .putLong(s.history())
                .put((byte) s.length())
                .putLong(s.lastExercise())
                .putInt(s.run())
                .putInt(s.exercisesStarted())
                .putLong(s.answers())
                .putLong(s.correctAnswers())
                .array();
    }

    public static StudentSequence decode(byte[] bytes) {
        if (bytes.length == 0 || bytes[0] != V2) {
            throw new CorruptStateException("student sequence: unknown format version "
                    + (bytes.length == 0 ? "(empty value)" : bytes[0]));
        }
        if (bytes.length != V2_SIZE) {
            throw new CorruptStateException("student sequence v2: expected " + V2_SIZE + " bytes, got " + bytes.length);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
        long history = in.getLong();
        int length = in.get() & 0xFF;
        long lastExercise = in.getLong();
        int run = in.getInt();
        int started = in.getInt();
        long answers = in.getLong();
        long correctAnswers = in.getLong();
        if (length > StudentSequence.MAX_HISTORY) {
            throw new CorruptStateException("student sequence v2: length " + length + " is more than "
                    + StudentSequence.MAX_HISTORY);
        }
        if (length < StudentSequence.MAX_HISTORY && (history >>> length) != 0) {
            throw new CorruptStateException("student sequence v2: history bits set above length " + length);
        }
        if (run < 0 || started < 0) {
            throw new CorruptStateException("student sequence v2: negative counter (run " + run
                    + ", exercises started " + started + ")");
        }
        if (length == 0 && (run != 0 || started != 0 || lastExercise != 0)) {
            throw new CorruptStateException("student sequence v2: no answers, yet run " + run
                    + ", exercises started " + started + ", latest exercise " + Long.toHexString(lastExercise));
        }
        if (length > 0 && run == 0) {
            // exercises started may be 0 with answers: a student whose state predates the store starts
            // from an empty sequence, and answers in exercises begun before do not count as starts
            throw new CorruptStateException("student sequence v2: " + length + " answers, yet a run of 0");
        }
        if (answers < 0 || correctAnswers < 0 || correctAnswers > answers || length > answers) {
            throw new CorruptStateException("student sequence v2: totals out of range (answers " + answers
                    + ", right " + correctAnswers + ", history length " + length + ")");
        }
        return new StudentSequence(history, length, lastExercise, run, started, answers, correctAnswers);
    }
}
