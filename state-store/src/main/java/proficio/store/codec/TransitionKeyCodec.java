package proficio.store.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import proficio.store.TransitionKey;

/**
 * {@code varint(len(student)) student time(8) offset(8) index(4)}, big-endian; {@code time} and
 * {@code offset} with the sign bit flipped, so byte order is numeric order for every long (RocksDB
 * compares keys as unsigned bytes). One student's keys are contiguous and time-ordered.
 */
public final class TransitionKeyCodec {

    private static final int TAIL = 8 + 8 + 4;

    private TransitionKeyCodec() {
    }

    public static byte[] encode(TransitionKey key) {
        byte[] s = key.studentId().getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(Varints.size(s.length) + s.length + TAIL);
        Varints.write(out, s.length);
        return out.put(s)
                .putLong(key.eventTimeMs() ^ Long.MIN_VALUE)
                .putLong(key.offset() ^ Long.MIN_VALUE)
                .putInt(key.index() ^ Integer.MIN_VALUE)
                .array();
    }

    public static TransitionKey decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        long len;
        try {
            len = Varints.read(in);
        } catch (RuntimeException e) {
            throw new CorruptStateException("transition key: bad student-id length: " + e, e);
        }
        if (len != bytes.length - in.position() - TAIL) {
            throw new CorruptStateException("transition key: student id of " + len + " bytes in a key of " + bytes.length);
        }
        String student = new String(bytes, in.position(), (int) len, StandardCharsets.UTF_8);
        in.position(in.position() + (int) len);
        long time = in.getLong() ^ Long.MIN_VALUE;
        long offset = in.getLong() ^ Long.MIN_VALUE;
        int index = in.getInt() ^ Integer.MIN_VALUE;
        return new TransitionKey(student, time, offset, index);
    }
}
