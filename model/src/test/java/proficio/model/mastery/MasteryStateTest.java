package proficio.model.mastery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static proficio.model.mastery.MasteryLevel.LEVEL_TWO;
import static proficio.model.mastery.MasteryLevel.MASTERED;
import static proficio.model.mastery.MasteryLevel.PRACTICED;
import static proficio.model.mastery.MasteryLevel.UNPRACTICED;

import org.junit.jupiter.api.Test;

class MasteryStateTest {

    @Test
    void initial_isUnpracticedAndNeverAttempted() {
        assertThat(MasteryState.INITIAL.level()).isEqualTo(UNPRACTICED);
        assertThat(MasteryState.INITIAL.neverAttempted()).isTrue();
        assertThat(MasteryState.INITIAL.nextDueMs(MasteryConfig.DEFAULTS)).isZero();
        assertThat(MasteryState.INITIAL.struggling()).isFalse();
    }

    @Test
    void reviewSchedule_onlyForMastered_andBothOrNeither() {
        assertThatThrownBy(() -> new MasteryState(LEVEL_TWO, false, 0, 0, 0, 1, 1, 5, 10))
                .hasMessageContaining("nextReviewDueMs").hasMessageContaining("LEVEL_TWO");
        assertThatThrownBy(() -> new MasteryState(MASTERED, false, 0, 0, 0, 1, 1, 5, 0))
                .hasMessageContaining("reviewIntervalMs and nextReviewDueMs");
        assertThatThrownBy(() -> new MasteryState(PRACTICED, false, -1, 0, 0, 1, 1, 0, 0))
                .hasMessageStartingWith("practiceStreak");
        assertThatThrownBy(() -> new MasteryState(PRACTICED, false, 0, 0, 31, 1, 1, 0, 0))
                .hasMessageStartingWith("recentCount");
        assertThatThrownBy(() -> new MasteryState(PRACTICED, false, 0, 0, 0, -1, 1, 0, 0))
                .hasMessageStartingWith("attempts");
    }

    @Test
    void recentBits_beyondTheCountAreDropped_andWrongsCountedInTheWindow() {
        MasteryState s = new MasteryState(UNPRACTICED, false, 0, 0b1111_0110, 4, 4, 0, 0, 0);
        assertThat(s.recent()).isEqualTo(0b0110);
        assertThat(s.wrongInLatest(5)).isEqualTo(2); // only 4 kept: 0110 has two wrong
        assertThat(s.wrongInLatest(1)).isEqualTo(1);
        assertThat(s.wrongInLatest(2)).isEqualTo(1);
    }

    @Test
    void nextDue_isTheMasteryCardForPracticedAndLevelTwo_theReviewForMastered() {
        MasteryConfig c = MasteryConfig.DEFAULTS;
        assertThat(new MasteryState(PRACTICED, false, 0, 0, 0, 5, 1_000, 0, 0).nextDueMs(c))
                .isEqualTo(1_000 + c.masteryGateMs());
        assertThat(new MasteryState(MASTERED, false, 0, 0, 0, 5, 1_000, 7, 1_007).nextDueMs(c)).isEqualTo(1_007);
    }

    @Test
    void levels_upAndDown() {
        assertThat(PRACTICED.up()).isEqualTo(LEVEL_TWO);
        assertThat(LEVEL_TWO.up()).isEqualTo(MASTERED);
        assertThat(MASTERED.up()).isEqualTo(MASTERED);
        assertThat(LEVEL_TWO.downToPracticed()).isEqualTo(PRACTICED);
        assertThat(PRACTICED.downToPracticed()).isEqualTo(PRACTICED);
        assertThat(MASTERED.downToPracticed()).isEqualTo(LEVEL_TWO);
    }
}
