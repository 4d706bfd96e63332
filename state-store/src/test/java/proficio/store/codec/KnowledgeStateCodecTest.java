package proficio.store.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import proficio.model.state.KnowledgeState;

/** Format version 1 of the {@code knowledge} store value (STYLE 9): 1 version byte + 100 float32 big-endian. */
class KnowledgeStateCodecTest {

    private static final float SUBNORMAL = Float.MIN_NORMAL / 3;

    @Test
    void v1_roundTripIsBitExact_forSignedZeroSubnormalsAndExtremes() {
        float[] v = new float[KnowledgeState.DIMENSIONS];
        float[] specials = {-0.0f, 0.0f, Float.MIN_VALUE, -Float.MIN_VALUE, SUBNORMAL, -SUBNORMAL,
                Float.MIN_NORMAL, Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY,
                Float.NEGATIVE_INFINITY, 1.0f / 3, -0.1f};
        for (int i = 0; i < v.length; i++) {
            v[i] = specials[i % specials.length];
        }
        KnowledgeState state = KnowledgeState.of(v);

        KnowledgeState back = KnowledgeStateCodec.decode(KnowledgeStateCodec.encode(state));

        assertThat(back).isEqualTo(state);
        for (int i = 0; i < v.length; i++) {
            assertThat(Float.floatToRawIntBits(back.get(i))).as("bits of value %d", i)
                    .isEqualTo(Float.floatToRawIntBits(v[i]));
        }
    }

    @Test
    void v1_negativeZeroIsNotReadBackAsPositiveZero() {
        float[] v = new float[KnowledgeState.DIMENSIONS];
        v[17] = -0.0f;

        KnowledgeState back = KnowledgeStateCodec.decode(KnowledgeStateCodec.encode(KnowledgeState.of(v)));

        assertThat(Float.floatToRawIntBits(back.get(17))).isEqualTo(0x8000_0000);
        assertThat(back).isNotEqualTo(KnowledgeState.zero());
    }

    @Test
    void v1_roundTripsRandomStatesExactly() {
        Random random = new Random(401);
        for (int n = 0; n < 500; n++) {
            float[] v = new float[KnowledgeState.DIMENSIONS];
            for (int i = 0; i < v.length; i++) {
                // any non-NaN bit pattern: normal, subnormal, zero, infinity
                float f;
                do {
                    f = Float.intBitsToFloat(random.nextInt());
                } while (Float.isNaN(f));
                v[i] = n % 2 == 0 ? f : (float) random.nextGaussian();
            }
            KnowledgeState state = KnowledgeState.of(v);
            byte[] bytes = KnowledgeStateCodec.encode(state);

            assertThat(bytes).hasSize(401);
            assertThat(KnowledgeStateCodec.decode(bytes)).isEqualTo(state);
        }
    }

    @Test
    void v1_layoutIsVersionByteThenBigEndianFloats() {
        float[] v = new float[KnowledgeState.DIMENSIONS];
        v[0] = 1.5f;           // 0x3FC00000
        v[99] = -2.0f;         // 0xC0000000
        byte[] bytes = KnowledgeStateCodec.encode(KnowledgeState.of(v));

        assertThat(bytes).hasSize(KnowledgeStateCodec.V1_SIZE).hasSize(401);
        assertThat(bytes[0]).isEqualTo((byte) 1);
        assertThat(Arrays.copyOfRange(bytes, 1, 5)).containsExactly(0x3F, 0xC0, 0x00, 0x00);
        assertThat(Arrays.copyOfRange(bytes, 397, 401)).containsExactly(0xC0, 0x00, 0x00, 0x00);
        assertThat(Arrays.copyOfRange(bytes, 5, 397)).containsOnly(0);
    }

    @Test
    void zeroState_roundTrips() {
        assertThat(KnowledgeStateCodec.decode(KnowledgeStateCodec.encode(KnowledgeState.zero())))
                .isEqualTo(KnowledgeState.zero());
    }

    @Test
    void decode_unknownVersionByte_isCorruptNamingTheVersion() {
        byte[] bytes = KnowledgeStateCodec.encode(KnowledgeState.zero());
        bytes[0] = 2;

        assertThatThrownBy(() -> KnowledgeStateCodec.decode(bytes))
                .isInstanceOf(CorruptStateException.class)
                .hasMessageContaining("knowledge state")
                .hasMessageContaining("unknown format version 2");
    }

    @Test
    void decode_versionZero_isCorrupt() {
        byte[] bytes = new byte[401];

        assertThatThrownBy(() -> KnowledgeStateCodec.decode(bytes))
                .isInstanceOf(CorruptStateException.class)
                .hasMessageContaining("unknown format version 0");
    }

    @Test
    void decode_emptyValue_isCorrupt() {
        assertThatThrownBy(() -> KnowledgeStateCodec.decode(new byte[0]))
                .isInstanceOf(CorruptStateException.class)
                .hasMessageContaining("empty value");
    }

    @Test
    void decode_tooShort_isCorruptNamingBothLengths() {
        byte[] bytes = Arrays.copyOf(KnowledgeStateCodec.encode(KnowledgeState.zero()), 400);

        assertThatThrownBy(() -> KnowledgeStateCodec.decode(bytes))
                .isInstanceOf(CorruptStateException.class)
                .hasMessageContaining("expected 401 bytes, got 400");
    }

    @Test
    void decode_tooLong_isCorruptNamingBothLengths() {
        byte[] bytes = Arrays.copyOf(KnowledgeStateCodec.encode(KnowledgeState.zero()), 402);

        assertThatThrownBy(() -> KnowledgeStateCodec.decode(bytes))
                .isInstanceOf(CorruptStateException.class)
                .hasMessageContaining("expected 401 bytes, got 402");
    }

    @Test
    void decode_versionByteOnly_isCorrupt() {
        assertThatThrownBy(() -> KnowledgeStateCodec.decode(new byte[] {1}))
                .isInstanceOf(CorruptStateException.class)
                .hasMessageContaining("got 1");
    }

    @Test
    void decode_readsBigEndianBitsAsWritten() {
        ByteBuffer b = ByteBuffer.allocate(401).put((byte) 1);
        for (int i = 0; i < KnowledgeState.DIMENSIONS; i++) {
            b.putInt(i == 3 ? 0x0000_0001 : 0); // smallest subnormal in slot 3
        }

        KnowledgeState s = KnowledgeStateCodec.decode(b.array());

        assertThat(s.get(3)).isEqualTo(Float.MIN_VALUE);
        assertThat(s.get(2)).isEqualTo(0.0f);
    }
}
