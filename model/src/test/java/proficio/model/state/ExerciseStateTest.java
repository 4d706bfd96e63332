package proficio.model.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExerciseStateTest {

    private static ExerciseState answered(boolean... oldestFirst) {
        ExerciseState s = ExerciseState.EMPTY;
        for (int i = 0; i < oldestFirst.length; i++) {
            s = s.withAnswer(oldestFirst[i], 1_000L + i, "e" + i);
        }
        return s;
    }

    @Test
    void empty_hasNothing() {
        ExerciseState s = ExerciseState.EMPTY;
        assertThat(s.isEmpty()).isTrue();
        assertThat(s.history()).isZero();
        assertThat(s.done()).isZero();
        assertThat(s.correct()).isZero();
        assertThat(s.lastTimeDoneMs()).isZero();
        assertThat(s.recentEvents().size()).isZero();
        assertThat(s.historyLength()).isZero();
        assertThat(s.correctInHistory()).isZero();
    }

    @Test
    void withAnswer_putsTheMostRecentAnswerInBitZero() {
        // R, W, R, R (oldest first) -> bits (newest = bit 0): 1,1,0,1 read from bit 3 down = 0b1011
        ExerciseState s = answered(true, false, true, true);
        assertThat(s.history()).isEqualTo(0b1011);
        assertThat(s.correctAt(0)).isTrue();
        assertThat(s.correctAt(1)).isTrue();
        assertThat(s.correctAt(2)).isFalse();
        assertThat(s.correctAt(3)).isTrue();
        assertThat(s.historyLength()).isEqualTo(4);
        assertThat(s.correctInHistory()).isEqualTo(3);
        assertThat(s.isEmpty()).isFalse();
    }

    @Test
    void withAnswer_doesNotChangeTheReceiver() {
        ExerciseState before = answered(true);
        ExerciseState after = before.withAnswer(false, 5_000, "x");
        assertThat(before).isEqualTo(answered(true));
        assertThat(after).isNotEqualTo(before);
    }

    @Test
    void correctAt_rejectsAgesOutsideTheKeptHistory() {
        ExerciseState s = answered(true, true);
        assertThatThrownBy(() -> s.correctAt(2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> s.correctAt(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> ExerciseState.EMPTY.correctAt(0)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void history_keepsOnlyTheLast20Bits_whileCountersStayUncapped() {
        // 30 answers: 10 wrong then 20 right; then 1 wrong -> window is 19 R then W (newest).
        boolean[] answers = new boolean[30];
        Arrays.fill(answers, 10, 30, true);
        ExerciseState s = answered(answers);
        assertThat(s.historyLength()).isEqualTo(20);
        assertThat(s.history()).isEqualTo((1 << 20) - 1);
        assertThat(s.correctInHistory()).isEqualTo(20);
        assertThat(s.done()).isEqualTo(30);
        assertThat(s.correct()).isEqualTo(20);

        ExerciseState t = s.withAnswer(false, 9_999, "w");
        assertThat(t.history()).isEqualTo(((1 << 20) - 1) & ~1);  // bit 20 shifted out, bit 0 = wrong
        assertThat(t.correctInHistory()).isEqualTo(19);
        assertThat(t.correctAt(0)).isFalse();
        assertThat(t.correctAt(19)).isTrue();
        assertThatThrownBy(() -> t.correctAt(20)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(t.done()).isEqualTo(31);
        assertThat(t.correct()).isEqualTo(20);
    }

    @Test
    void counters_countEveryAnswerAndEveryRightOne() {
        ExerciseState s = answered(true, false, false, true, true);
        assertThat(s.done()).isEqualTo(5);
        assertThat(s.correct()).isEqualTo(3);
    }

    @Test
    void lastTimeDone_isTheLatestEventTime_evenWhenAnswersArriveOutOfOrder() {
        ExerciseState s = ExerciseState.EMPTY.withAnswer(true, 5_000, "a").withAnswer(true, 3_000, "b");
        assertThat(s.lastTimeDoneMs()).isEqualTo(5_000);
        assertThat(s.withAnswer(false, 7_000, "c").lastTimeDoneMs()).isEqualTo(7_000);
    }

    @Test
    void recentEvents_keepsTheLastFour_droppingTheOldest() {
        ExerciseState s = ExerciseState.EMPTY;
        for (String id : List.of("e1", "e2", "e3", "e4")) {
            s = s.withAnswer(true, 1, id);
        }
        assertThat(RecentEvents.CAPACITY).isEqualTo(4);
        assertThat(s.recentEvents().fingerprints()).containsExactly(fp("e1"), fp("e2"), fp("e3"), fp("e4"));
        assertThat(s.hasSeen("e1")).isTrue();

        s = s.withAnswer(true, 1, "e5");
        assertThat(s.recentEvents().fingerprints()).containsExactly(fp("e2"), fp("e3"), fp("e4"), fp("e5"));
        assertThat(s.hasSeen("e1")).isFalse();
        assertThat(s.hasSeen("e2")).isTrue();
        assertThat(s.hasSeen("e5")).isTrue();
        assertThat(s.hasSeen("e6")).isFalse();
    }

    private static long fp(String id) {
        return RecentEvents.fingerprint(id);
    }

    @Test
    void constructor_masksHistoryBitsBeyondDone() {
        // done = 2 -> only the low two bits are meaningful: 0b111 -> 0b11
        ExerciseState s = new ExerciseState(0b111, 2, 2, 0, RecentEvents.NONE);
        assertThat(s.history()).isEqualTo(0b11);
        assertThat(new ExerciseState(-1, 0, 0, 0, RecentEvents.NONE).history()).isZero();
        assertThat(new ExerciseState(-1, 100, 50, 0, RecentEvents.NONE).history()).isEqualTo((1 << 20) - 1);
    }

    @Test
    void constructor_rejectsBadCounters() {
        assertThatThrownBy(() -> new ExerciseState(0, -1, 0, 0, RecentEvents.NONE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExerciseState(0, 1, -1, 0, RecentEvents.NONE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExerciseState(0, 2, 3, 0, RecentEvents.NONE))
                .isInstanceOf(IllegalArgumentException.class);
        // the boundary correct == done is fine
        assertThat(new ExerciseState(0b11, 2, 2, 0, RecentEvents.NONE).correct()).isEqualTo(2);
    }

    @Test
    void constructor_rejectsMissingRecentEvents_andMoreThanFourAreRefused() {
        assertThatThrownBy(() -> RecentEvents.ofFingerprints(1, 2, 3, 4, 5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExerciseState(0, 0, 0, 0, null))
                .isInstanceOf(NullPointerException.class);
    }
}
