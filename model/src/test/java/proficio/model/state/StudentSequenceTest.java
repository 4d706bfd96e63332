package proficio.model.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import proficio.model.event.ProblemLog;
import proficio.model.feature.FeatureSpace;

class StudentSequenceTest {

    private final StudentReplay replay = new StudentReplay(new StateUpdate(new FeatureSpace(5L)));
    private int id;

    private void answer(String exercise, boolean correct) {
        replay.apply(ProblemLog.practice("e" + id++, "s", exercise, "t", correct, 1_000L * id));
    }

    @Test
    void foldsAnswersAcrossExercises_inEventOrder() {
        answer("add", true);
        answer("add", false);
        answer("sub", false);
        answer("sub", true);
        answer("sub", true);

        StudentSequence s = replay.sequence();

        assertThat(s.length()).isEqualTo(5);
        assertThat(s.history()).isEqualTo(0b10011L); // newest in bit 0: right, right, wrong, wrong, right
        assertThat(s.correctAt(0)).isTrue();
        assertThat(s.correctAt(2)).isFalse();
        assertThat(s.run()).isEqualTo(3);
        assertThat(s.lastWasIn("sub")).isTrue();
        assertThat(s.lastWasIn("add")).isFalse();
        assertThat(s.exercisesStarted()).isEqualTo(2);

        answer("add", true); // back to add: a new run of one; add was started already
        assertThat(replay.sequence().run()).isEqualTo(1);
        assertThat(replay.sequence().lastWasIn("add")).isTrue();
        assertThat(replay.sequence().exercisesStarted()).isEqualTo(2);
        // the totals are the sums of the exercise counters
        assertThat(replay.sequence().answers()).isEqualTo(6)
                .isEqualTo(replay.exercise("add").done() + replay.exercise("sub").done());
        assertThat(replay.sequence().correctAnswers()).isEqualTo(4)
                .isEqualTo(replay.exercise("add").correct() + replay.exercise("sub").correct());
    }

    @Test
    void startingAt_keepsTheTotals_withNoHistory_andCountsOnFromThem() {
        StudentSequence migrated = StudentSequence.startingAt(40, 25);

        assertThat(migrated.length()).isZero();
        assertThat(migrated.lastWasIn("add")).isFalse();
        StudentSequence next = migrated.withAnswer("add", true, false);
        assertThat(next.answers()).isEqualTo(41);
        assertThat(next.correctAnswers()).isEqualTo(26);
        assertThat(next.length()).isEqualTo(1);
        assertThatThrownBy(() -> StudentSequence.startingAt(3, 4)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keepsTheLast64Answers() {
        for (int i = 0; i < 70; i++) {
            answer("add", i % 2 == 0);
        }
        StudentSequence s = replay.sequence();
        assertThat(s.length()).isEqualTo(StudentSequence.MAX_HISTORY);
        assertThat(s.run()).isEqualTo(70);
        assertThat(s.correctAt(0)).isFalse(); // answer 69 was wrong
        assertThat(s.correctAt(63)).isTrue(); // answer 6, the oldest kept, was right
        assertThatThrownBy(() -> s.correctAt(64)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void duplicateEvent_leavesItUnchanged() {
        ProblemLog log = ProblemLog.practice("same", "s", "add", "t", true, 1_000);
        replay.apply(log);
        StudentSequence once = replay.sequence();
        replay.apply(log);
        assertThat(replay.sequence()).isEqualTo(once);
        assertThat(once.length()).isEqualTo(1);
    }

    @Test
    void empty_hasNothing_andBitsBeyondTheLengthAreDropped() {
        assertThat(StudentSequence.EMPTY.lastWasIn("add")).isFalse();
        assertThat(new StudentSequence(-1L, 3, 0L, 0, 0, 3, 0).history()).isEqualTo(0b111L);
        assertThatThrownBy(() -> new StudentSequence(0L, 65, 0L, 0, 0, 65, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
