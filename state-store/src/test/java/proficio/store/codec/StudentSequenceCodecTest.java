package proficio.store.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import proficio.model.state.RecentEvents;
import proficio.model.state.StudentSequence;

/** Format version 2 of the {@code sequence} store value: 1 version byte + 41 bytes of fields, fixed size. */
class StudentSequenceCodecTest {

    private static StudentSequence roundTrip(StudentSequence s) {
        return StudentSequenceCodec.decode(StudentSequenceCodec.encode(s));
    }

    @Test
    void empty_roundTrips_in42Bytes() {
        byte[] bytes = StudentSequenceCodec.encode(StudentSequence.EMPTY);

        assertThat(bytes).hasSize(42).hasSize(StudentSequenceCodec.V2_SIZE);
        assertThat(bytes[0]).isEqualTo((byte) 2);
        assertThat(Arrays.copyOfRange(bytes, 1, 42)).containsOnly(0);
        assertThat(StudentSequenceCodec.decode(bytes)).isEqualTo(StudentSequence.EMPTY);
    }

    @Test
    void sequencesFoldedByWithAnswer_roundTripExactly_throughAndPastTheFull64Answers() {
        Random random = new Random(26);
        String[] exercises = {"addition_1", "fractions", "分数", "x"};
        StudentSequence s = StudentSequence.EMPTY;
        for (int n = 1; n <= 200; n++) {
            String e = exercises[random.nextInt(exercises.length)];
            s = s.withAnswer(e, random.nextBoolean(), random.nextInt(4) == 0);
            byte[] bytes = StudentSequenceCodec.encode(s);

            assertThat(bytes).hasSize(42);
            StudentSequence back = StudentSequenceCodec.decode(bytes);
            assertThat(back).as("after %d answers", n).isEqualTo(s);
            assertThat(back.lastWasIn(e)).isTrue();
        }
        assertThat(s.length()).isEqualTo(StudentSequence.MAX_HISTORY);
        assertThat(s.answers()).isEqualTo(200);
    }

    @Test
    void extremes_roundTrip_allBitsSet_negativeFingerprint_largeCounters() {
        StudentSequence full = new StudentSequence(-1L, 64, Long.MIN_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE,
                Long.MAX_VALUE, Long.MAX_VALUE);
        StudentSequence sparse = new StudentSequence(1L << 62, 63, -2L, 1, 0, 1_000, 0); // none a start (migrated)
        StudentSequence migrated = StudentSequence.startingAt(5_000_000_000L, 3_000_000_000L);

        assertThat(roundTrip(full)).isEqualTo(full);
        assertThat(roundTrip(sparse)).isEqualTo(sparse);
        assertThat(roundTrip(migrated)).isEqualTo(migrated);
    }

    @Test
    void layout_isVersionThenBigEndianFields() {
        StudentSequence s = new StudentSequence(0b1011L, 4, RecentEvents.fingerprint("addition_1"), 3, 2, 17, 9);
        ByteBuffer in = ByteBuffer.wrap(StudentSequenceCodec.encode(s));

        assertThat(in.get()).isEqualTo((byte) 2);
        assertThat(in.getLong()).isEqualTo(0b1011L);
        assertThat(in.get()).isEqualTo((byte) 4);
        assertThat(in.getLong()).isEqualTo(RecentEvents.fingerprint("addition_1"));
        assertThat(in.getInt()).isEqualTo(3);
        assertThat(in.getInt()).isEqualTo(2);
        assertThat(in.getLong()).isEqualTo(17);
        assertThat(in.getLong()).isEqualTo(9);
        assertThat(in.hasRemaining()).isFalse();
    }

    @Test
    void decode_emptyValue_isCorrupt() {
        assertThatThrownBy(() -> StudentSequenceCodec.decode(new byte[0]))
                .isInstanceOf(CorruptStateException.class)
                .hasMessageContaining("student sequence").hasMessageContaining("empty value");
    }

    @Test
    void decode_unknownVersion_isCorruptNamingIt() {
        byte[] bytes = StudentSequenceCodec.encode(StudentSequence.EMPTY);
        bytes[0] = 1; // version 1, which had no totals

        assertThatThrownBy(() -> StudentSequenceCodec.decode(bytes))
                .isInstanceOf(CorruptStateException.class)
                .hasMessageContaining("unknown format version 1");
    }

    @Test
    void decode_aKnowledgeStateValue_isCorrupt_notMisread() {
        byte[] knowledge = KnowledgeStateCodec.encode(proficio.model.state.KnowledgeState.zero());
        knowledge[0] = StudentSequenceCodec.V2; // even with this store's version byte

        assertThatThrownBy(() -> StudentSequenceCodec.decode(knowledge))
                .isInstanceOf(CorruptStateException.class)
                .hasMessageContaining("expected 42 bytes, got 401");
    }

    @Test
    void decode_truncatedOrTrailing_isCorruptNamingBothLengths() {
        byte[] good = StudentSequenceCodec.encode(StudentSequence.EMPTY.withAnswer("a", true, true));

        assertThatThrownBy(() -> StudentSequenceCodec.decode(Arrays.copyOf(good, 41)))
                .isInstanceOf(CorruptStateException.class).hasMessageContaining("expected 42 bytes, got 41");
        assertThatThrownBy(() -> StudentSequenceCodec.decode(Arrays.copyOf(good, 43)))
                .isInstanceOf(CorruptStateException.class).hasMessageContaining("expected 42 bytes, got 43");
        assertThatThrownBy(() -> StudentSequenceCodec.decode(new byte[] {2}))
                .isInstanceOf(CorruptStateException.class).hasMessageContaining("got 1");
    }

    @Test
    void decode_lengthOver64_isCorrupt() {
        byte[] bytes = StudentSequenceCodec.encode(new StudentSequence(-1L, 64, 5L, 1, 1, 64, 64));
        bytes[9] = 65;

        assertThatThrownBy(() -> StudentSequenceCodec.decode(bytes))
                .isInstanceOf(CorruptStateException.class).hasMessageContaining("length 65");
    }

    @Test
    void decode_historyBitsAboveTheLength_isCorrupt_notSilentlyMasked() {
        byte[] bytes = StudentSequenceCodec.encode(new StudentSequence(0b11L, 2, 5L, 1, 1, 2, 2));
        bytes[1] = (byte) 0x80; // bit 63

        assertThatThrownBy(() -> StudentSequenceCodec.decode(bytes))
                .isInstanceOf(CorruptStateException.class).hasMessageContaining("above length 2");
    }

    @Test
    void decode_negativeCounters_areCorrupt() {
        byte[] run = StudentSequenceCodec.encode(new StudentSequence(1L, 1, 5L, 1, 1, 1, 1));
        run[18] = (byte) 0xFF; // the run's top byte
        byte[] started = StudentSequenceCodec.encode(new StudentSequence(1L, 1, 5L, 1, 1, 1, 1));
        started[22] = (byte) 0xFF; // exercises started's top byte

        assertThatThrownBy(() -> StudentSequenceCodec.decode(run))
                .isInstanceOf(CorruptStateException.class).hasMessageContaining("negative counter");
        assertThatThrownBy(() -> StudentSequenceCodec.decode(started))
                .isInstanceOf(CorruptStateException.class).hasMessageContaining("negative counter");
    }

    @Test
    void decode_countersWithoutAnswers_orAnswersWithoutARun_areCorrupt() {
        byte[] runWithoutAnswers = StudentSequenceCodec.encode(StudentSequence.EMPTY);
        runWithoutAnswers[25] = 3; // exercises started = 3, no answers in the history
        runWithoutAnswers[33] = 3; // (and 3 answers in all, so only that check can fail)
        byte[] answersWithoutRun = StudentSequenceCodec.encode(new StudentSequence(1L, 1, 5L, 1, 1, 1, 1));
        answersWithoutRun[21] = 0; // run = 0

        assertThatThrownBy(() -> StudentSequenceCodec.decode(runWithoutAnswers))
                .isInstanceOf(CorruptStateException.class).hasMessageContaining("no answers");
        assertThatThrownBy(() -> StudentSequenceCodec.decode(answersWithoutRun))
                .isInstanceOf(CorruptStateException.class).hasMessageContaining("a run of 0");
    }

    @Test
    void decode_totalsOutOfRange_areCorrupt() {
        byte[] moreRightThanAnswers = StudentSequenceCodec.encode(new StudentSequence(1L, 1, 5L, 1, 1, 1, 1));
        moreRightThanAnswers[41] = 2; // right answers 2 of 1
        byte[] fewerAnswersThanHistory = StudentSequenceCodec.encode(new StudentSequence(0b111L, 3, 5L, 3, 1, 3, 3));
        fewerAnswersThanHistory[33] = 2; // 2 answers in all, 3 in the history
        fewerAnswersThanHistory[41] = 2;

        assertThatThrownBy(() -> StudentSequenceCodec.decode(moreRightThanAnswers))
                .isInstanceOf(CorruptStateException.class).hasMessageContaining("totals out of range");
        assertThatThrownBy(() -> StudentSequenceCodec.decode(fewerAnswersThanHistory))
                .isInstanceOf(CorruptStateException.class).hasMessageContaining("totals out of range");
    }
}
