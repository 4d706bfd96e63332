package proficio.store.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import proficio.model.state.ExerciseState;
import proficio.model.state.RecentEvents;
import proficio.model.mastery.MasteryState;
import proficio.store.StoredExercise;

/** Format version 1 of the {@code exercise} store value, read by today's decoder (STYLE 9). */
class ExerciseStateCodecTest {

    /** A hand-built state whose v1 bytes were worked out by hand (see {@link #GOLDEN_V1}). */
    private static final ExerciseState GOLDEN_STATE = new ExerciseState(0xABCDE, 300, 200, 1_700_000_000_123L,
            RecentEvents.ofFingerprints(0x0102030405060708L, 0xFFEEDDCCBBAA9988L));

    /**
     * version 01 | history 0A BC DE | done 300 = AC 02 | correct 200 = C8 01 |
     * last 1700000000123 = FB D0 95 FF BC 31 | 02 fingerprints | 0102030405060708 | FFEEDDCCBBAA9988
     */
    private static final String GOLDEN_V1 =
            "01" + "0abcde" + "ac02" + "c801" + "fbd095ffbc31" + "02" + "0102030405060708" + "ffeeddccbbaa9988";

    private static ExerciseState roundTrip(ExerciseState s) {
        StoredExercise back = ExerciseStateCodec.decode(ExerciseStateCodec.encodeV1(s));
        assertThat(back.mastery()).isEqualTo(MasteryState.INITIAL);
        return back.state();
    }

    @Test
    void v1_goldenBytes_encodeExactly() {
        assertThat(HexFormat.of().formatHex(ExerciseStateCodec.encodeV1(GOLDEN_STATE))).isEqualTo(GOLDEN_V1);
    }

    @Test
    void v1_goldenBytes_decodeToTheHandBuiltState() {
        ExerciseState s = ExerciseStateCodec.decode(HexFormat.of().parseHex(GOLDEN_V1)).state();

        assertThat(s).isEqualTo(GOLDEN_STATE);
        assertThat(s.history()).isEqualTo(0xABCDE);
        assertThat(s.done()).isEqualTo(300);
        assertThat(s.correct()).isEqualTo(200);
        assertThat(s.lastTimeDoneMs()).isEqualTo(1_700_000_000_123L);
        assertThat(s.recentEvents().fingerprints()).containsExactly(0x0102030405060708L, 0xFFEEDDCCBBAA9988L);
    }

    @Test
    void v1_emptyState_isSevenBytesAndRoundTrips() {
        byte[] bytes = ExerciseStateCodec.encodeV1(ExerciseState.EMPTY);

        assertThat(HexFormat.of().formatHex(bytes)).isEqualTo("01" + "000000" + "00" + "00" + "00" + "00");
        assertThat(ExerciseStateCodec.decode(bytes)).isEqualTo(StoredExercise.EMPTY);
    }

    @Test
    void v1_roundTripsRandomStates() {
        Random random = new Random(20140101L);
        for (int n = 0; n < 5_000; n++) {
            ExerciseState s = randomState(random);

            ExerciseState back = roundTrip(s);

            assertThat(back).as("state %s", s).isEqualTo(s);
            assertThat(back.recentEvents().fingerprints()).containsExactly(s.recentEvents().fingerprints());
        }
    }

    @Test
    void v1_roundTripsCountersUpToLongMaxValue() {
        ExerciseState s = new ExerciseState(0xFFFFF, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE,
                RecentEvents.ofFingerprints(Long.MIN_VALUE, -1L, 0L, Long.MAX_VALUE));

        assertThat(roundTrip(s)).isEqualTo(s);
        assertThat(roundTrip(s).done()).isEqualTo(Long.MAX_VALUE);
        assertThat(roundTrip(s).recentEvents().fingerprints()).containsExactly(Long.MIN_VALUE, -1L, 0L, Long.MAX_VALUE);
    }

    @Test
    void v1_keepsEveryHistoryBitOfAFullWindow() {
        for (int bit = 0; bit < ExerciseState.MAX_HISTORY; bit++) {
            ExerciseState s = new ExerciseState(1 << bit, 25, 1, 1, RecentEvents.NONE);

            assertThat(roundTrip(s).history()).as("bit %d", bit).isEqualTo(1 << bit);
        }
    }

    @Test
    void v1_keepsRecentEventsOrder_soDuplicatesAreStillRecognisedAfterReading() {
        ExerciseState s = ExerciseState.EMPTY;
        for (String id : new String[] {"a", "b", "c", "d", "e"}) {
            s = s.withAnswer(true, 1_000, id);
        }

        ExerciseState back = roundTrip(s);

        assertThat(back.recentEvents().fingerprints()).containsExactly(s.recentEvents().fingerprints());
        assertThat(back.hasSeen("e")).isTrue();
        assertThat(back.hasSeen("b")).isTrue();
        assertThat(back.hasSeen("a")).isFalse(); // dropped: only the last 4 are kept
    }

    @Test
    void decode_everyTruncationOfValidBytes_isCorrupt() {
        Random random = new Random(7);
        for (int n = 0; n < 200; n++) {
            byte[] bytes = ExerciseStateCodec.encodeV1(n == 0 ? GOLDEN_STATE : randomState(random));
            for (int len = 0; len < bytes.length; len++) {
                byte[] truncated = Arrays.copyOf(bytes, len);
                assertThatThrownBy(() -> ExerciseStateCodec.decode(truncated))
                        .as("%d of %d bytes", len, bytes.length)
                        .isInstanceOf(CorruptStateException.class)
                        .hasMessageContaining("exercise state");
            }
        }
    }

    @Test
    void decode_emptyValue_isCorruptSayingSo() {
        assertThatThrownBy(() -> ExerciseStateCodec.decode(new byte[0]))
                .isInstanceOf(CorruptStateException.class)
                .hasMessageContaining("empty value");
    }

    @Test
    void decode_unknownVersionByte_isCorruptNamingTheVersion() {
        byte[] bytes = ExerciseStateCodec.encodeV1(GOLDEN_STATE);
        bytes[0] = 3;

        assertThatThrownBy(() -> ExerciseStateCodec.decode(bytes))
                .isInstanceOf(CorruptStateException.class)
                .hasMessageContaining("unknown format version 3");
    }

    @Test
    void decode_moreThanFourFingerprints_isCorrupt() {
        byte[] bytes = HexFormat.of().parseHex("01" + "000000" + "05" + "00" + "01" + "05" + "00".repeat(40));

        assertThatThrownBy(() -> ExerciseStateCodec.decode(bytes))
                .isInstanceOf(CorruptStateException.class)
                .hasMessageContaining("exercise state v1");
    }

    @Test
    void decode_correctGreaterThanDone_isCorrupt() {
        byte[] bytes = HexFormat.of().parseHex("01" + "000000" + "01" + "02" + "01" + "00");

        assertThatThrownBy(() -> ExerciseStateCodec.decode(bytes))
                .isInstanceOf(CorruptStateException.class)
                .hasMessageContaining("exercise state v1");
    }

    @Test
    void decode_varintLongerThanTenBytes_isCorrupt() {
        byte[] bytes = HexFormat.of().parseHex("01" + "000000" + "ff".repeat(11) + "01" + "00" + "00" + "00");

        assertThatThrownBy(() -> ExerciseStateCodec.decode(bytes))
                .isInstanceOf(CorruptStateException.class)
                .hasMessageContaining("exercise state v1");
    }

    static ExerciseState randomState(Random random) {
        long done = switch (random.nextInt(4)) {
            case 0 -> random.nextInt(25);
            case 1 -> random.nextInt(1_000_000);
            case 2 -> random.nextLong() & Long.MAX_VALUE;
            default -> Long.MAX_VALUE - random.nextInt(3);
        };
        long correct = done == 0 ? 0 : (random.nextLong() & Long.MAX_VALUE) % (done + (done == Long.MAX_VALUE ? 0 : 1));
        long last = random.nextBoolean() ? random.nextLong() & Long.MAX_VALUE : 1_000_000_000_000L + random.nextInt();
        long[] recent = new long[random.nextInt(RecentEvents.CAPACITY + 1)];
        for (int i = 0; i < recent.length; i++) {
            recent[i] = random.nextLong();
        }
        return new ExerciseState(random.nextInt(), done, correct, last, RecentEvents.ofFingerprints(recent));
    }

    @Test
    void decode_refusesBytesAfterTheLastField() {
        byte[] ok = ExerciseStateCodec.encodeV1(proficio.model.state.ExerciseState.EMPTY.withAnswer(true, 5, "e1"));
        byte[] longer = java.util.Arrays.copyOf(ok, ok.length + 1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ExerciseStateCodec.decode(longer))
                .isInstanceOf(CorruptStateException.class).hasMessageContaining("1 bytes after the last field");
    }
}
