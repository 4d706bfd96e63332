package proficio.store.codec;

import java.nio.ByteBuffer;
import proficio.model.quality.QualityFigures;

/**
 * Quality figures, version 1: {@code version(1) varint(samples) sumLogLikelihood(8) sumBrier(8)}
 * then per calibration bin {@code varint(samples) varint(correct)}. About 40 bytes for a busy cell.
 */
public final class QualityFiguresCodec {

    static final byte VERSION = 1;

    private QualityFiguresCodec() {
    }

    public static byte[] encode(QualityFigures f) {
        int size = 1 + Varints.size(f.samples()) + 16;
        for (int i = 0; i < QualityFigures.BINS; i++) {
            size += Varints.size(f.binSamples()[i]) + Varints.size(f.binCorrect()[i]);
        }
        ByteBuffer out = ByteBuffer.allocate(size).put(VERSION);
        Varints.write(out, f.samples());
        out.putDouble(f.sumLogLikelihood()).putDouble(f.sumBrier());
        for (int i = 0; i < QualityFigures.BINS; i++) {
            Varints.write(out, f.binSamples()[i]);
            Varints.write(out, f.binCorrect()[i]);
        }
        return out.array();
    }

    public static QualityFigures decode(byte[] bytes) {
        if (bytes.length == 0 || bytes[0] != VERSION) {
            throw new CorruptStateException("quality figures: unknown format version "
                    + (bytes.length == 0 ? "(empty value)" : Byte.toString(bytes[0])));
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
            long samples = Varints.read(in);
            double ll = in.getDouble();
            double brier = in.getDouble();
            long[] bs = new long[QualityFigures.BINS];
            long[] bc = new long[QualityFigures.BINS];
            for (int i = 0; i < QualityFigures.BINS; i++) {
                bs[i] = Varints.read(in);
                bc[i] = Varints.read(in);
            }
            if (in.hasRemaining()) {
                throw new CorruptStateException("quality figures: " + in.remaining() + " trailing bytes");
            }
            return new QualityFigures(samples, ll, brier, bs, bc);
        } catch (CorruptStateException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CorruptStateException("quality figures of " + bytes.length + " bytes: " + e, e);
        }
    }
}
