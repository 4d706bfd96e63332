package proficio.store.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import proficio.model.predict.ThetaSource;
import proficio.model.quality.ModelRole;
import proficio.model.quality.QualityKey;

/**
 * {@code varint(len(exercise)) exercise day(4) varint(len(version)) version role(1) source(1)};
 * the day big-endian with the sign bit flipped, so byte order is day order. One exercise's keys are
 * contiguous and ordered by day, so a day range of one exercise (or of the over-all row, exercise
 * "") is one range scan; no exercise's keys are a prefix of another's.
 */
public final class QualityKeyCodec {

    private static final ModelRole[] ROLES = ModelRole.values();
    private static final ThetaSource[] SOURCES = ThetaSource.values();

    private QualityKeyCodec() {
    }

    public static byte[] encode(QualityKey key) {
        byte[] e = key.exercise().getBytes(StandardCharsets.UTF_8);
        byte[] v = key.modelVersion().getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(Varints.size(e.length) + e.length + 4 + Varints.size(v.length) + v.length + 2);
        Varints.write(out, e.length);
        out.put(e).putInt(key.epochDay() ^ Integer.MIN_VALUE);
        Varints.write(out, v.length);
        return out.put(v).put((byte) key.role().ordinal()).put((byte) key.thetaSource().ordinal()).array();
    }

    public static QualityKey decode(byte[] bytes) {
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            String exercise = string(in);
            int day = in.getInt() ^ Integer.MIN_VALUE;
            String version = string(in);
            int role = in.get();
            int source = in.get();
            if (in.hasRemaining() || role < 0 || role >= ROLES.length || source < 0 || source >= SOURCES.length) {
                throw new CorruptStateException("quality key: role " + role + ", source " + source + ", "
                        + in.remaining() + " trailing bytes");
            }
            return new QualityKey(exercise, day, version, ROLES[role], SOURCES[source]);
        } catch (RuntimeException e) {
            if (e instanceof CorruptStateException c) {
                throw c;
            }
            throw new CorruptStateException("quality key of " + bytes.length + " bytes: " + e, e);
        }
    }

    private static String string(ByteBuffer in) {
        int len = Math.toIntExact(Varints.read(in));
        String s = new String(in.array(), in.position(), len, StandardCharsets.UTF_8);
        in.position(in.position() + len);
        return s;
    }
}
