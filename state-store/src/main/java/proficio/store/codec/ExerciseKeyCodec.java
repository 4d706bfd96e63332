package proficio.store.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import proficio.store.ExerciseKey;

/** {@code varint(len(student)) student exercise}; see {@link ExerciseKey}. */
public final class ExerciseKeyCodec {

    private ExerciseKeyCodec() {
    }

    public static byte[] encode(ExerciseKey key) {
        byte[] s = key.studentId().getBytes(StandardCharsets.UTF_8);
        byte[] e = key.exercise().getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(Varints.size(s.length) + s.length + e.length);
        Varints.write(out, s.length);
        return out.put(s).put(e).array();
    }

    /** The bytes every key of {@code studentId} starts with, for a prefix scan. */
    public static byte[] studentPrefix(String studentId) {
        byte[] s = studentId.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(Varints.size(s.length) + s.length);
        Varints.write(out, s.length);
        return out.put(s).array();
    }

    public static ExerciseKey decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        long len;
        try {
            len = Varints.read(in);
        } catch (RuntimeException e) {
            throw new CorruptStateException("exercise key: bad student-id length: " + e, e);
        }
        if (len > bytes.length - in.position()) {
            throw new CorruptStateException("exercise key: student id of " + len + " bytes in a key of " + bytes.length);
        }
        String student = new String(bytes, in.position(), (int) len, StandardCharsets.UTF_8);
        int exerciseStart = in.position() + (int) len;
        String exercise = new String(bytes, exerciseStart, bytes.length - exerciseStart, StandardCharsets.UTF_8);
        return new ExerciseKey(student, exercise);
    }
}
