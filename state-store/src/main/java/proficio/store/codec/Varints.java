package proficio.store.codec;

import java.nio.ByteBuffer;

/** Unsigned LEB128 varints, as protobuf writes them: small counters take one byte. */
final class Varints {

    private Varints() {
    }

    static void write(ByteBuffer out, long value) {
        if (value < 0) {
            throw new IllegalArgumentException("varint must be >= 0: " + value);
        }
        while ((value & ~0x7FL) != 0) {
            out.put((byte) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.put((byte) value);
    }

    static long read(ByteBuffer in) {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = in.get();
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new IllegalArgumentException("varint longer than 10 bytes");
    }

    static int size(long value) {
        int n = 1;
        while ((value & ~0x7FL) != 0) {
            value >>>= 7;
            n++;
        }
        return n;
    }
}
