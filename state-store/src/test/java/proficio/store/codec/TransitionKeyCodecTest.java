package proficio.store.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import proficio.store.TransitionKey;

class TransitionKeyCodecTest {

    @Test
    void encode_isPinned_andRoundTrips() {
        TransitionKey k = new TransitionKey("ab", 1L, 2L, 0);
        byte[] b = TransitionKeyCodec.encode(k);
        assertThat(HexFormat.of().formatHex(b))
                .isEqualTo("02" + "6162" + "8000000000000001" + "8000000000000002" + "80000000");
        assertThat(TransitionKeyCodec.decode(b)).isEqualTo(k);
    }

    @Test
    void byteOrder_isTimeOrder_thenOffset_thenIndex_forNegativeTimesToo() {
        TransitionKey[] ordered = {
            new TransitionKey("s", Long.MIN_VALUE, 0, 0),
            new TransitionKey("s", -5L, 9, 0),
            new TransitionKey("s", 0L, 0, 0),
            new TransitionKey("s", 1_700_000_000_000L, 3, 0),
            new TransitionKey("s", 1_700_000_000_000L, 3, 1),
            new TransitionKey("s", 1_700_000_000_000L, 4, 0),
            new TransitionKey("s", Long.MAX_VALUE, 0, 0),
        };
        for (int i = 1; i < ordered.length; i++) {
            assertThat(Arrays.compareUnsigned(TransitionKeyCodec.encode(ordered[i - 1]), TransitionKeyCodec.encode(ordered[i])))
                    .as("%s < %s", ordered[i - 1], ordered[i]).isNegative();
        }
    }
}
