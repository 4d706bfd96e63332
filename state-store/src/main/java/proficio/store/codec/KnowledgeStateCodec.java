package proficio.store.codec;

import java.nio.ByteBuffer;
import proficio.model.state.KnowledgeState;

/**
 * Version 1: one format byte, then the 100 float32 values big-endian (401 bytes). Floats are
 * stored bit for bit, so a state read back equals the one written exactly.
 */
public final class KnowledgeStateCodec {

    public static final byte V1 = 1;
    public static final int V1_SIZE = 1 + 4 * KnowledgeState.DIMENSIONS;

    private KnowledgeStateCodec() {
    }

    public static byte[] encode(KnowledgeState state) {
        ByteBuffer out = ByteBuffer.allocate(V1_SIZE).put(V1);
        for (int i = 0; i < KnowledgeState.DIMENSIONS; i++) {
            out.putFloat(state.get(i));
        }
        return out.array();
    }

    public static KnowledgeState decode(byte[] bytes) {
        if (bytes.length == 0 || bytes[0] != V1) {
            throw new CorruptStateException("knowledge state: unknown format version "
                    + (bytes.length == 0 ? "(empty value)" : bytes[0]));
        }
        if (bytes.length != V1_SIZE) {
            throw new CorruptStateException("knowledge state v1: expected " + V1_SIZE + " bytes, got " + bytes.length);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
        float[] v = new float[KnowledgeState.DIMENSIONS];
        for (int i = 0; i < v.length; i++) {
            v[i] = in.getFloat();
        }
        return KnowledgeState.of(v);
    }
}
