package proficio.model.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import proficio.model.event.ProblemLog;
import proficio.model.feature.FeatureSpace;

/** DESIGN §3: only the first answer in an exercise moves the KnowledgeState, by that triple's component. */
class StateUpdateTest {

    private final FeatureSpace space = new FeatureSpace(7L);
    private final StateUpdate update = new StateUpdate(space);

    private static ProblemLog log(String id, String exercise, String type, boolean correct, long t) {
        return ProblemLog.practice(id, "s1", exercise, type, correct, t);
    }

    @Test
    void firstAnswerInAnExercise_addsExactlyThatTriplesComponent() {
        StateUpdate.Outcome o = update.apply(KnowledgeState.zero(), ExerciseState.EMPTY,
                log("e1", "addition", "t1", false, 1_000));

        assertThat(o.duplicate()).isFalse();
        assertThat(o.knowledgeChanged()).isTrue();
        assertThat(o.knowledge()).isEqualTo(KnowledgeState.zero().plus(space.component("addition", "t1", false)));
        assertThat(o.knowledge()).isNotEqualTo(KnowledgeState.zero());
        // the wrong-answer triple, not the right-answer one
        assertThat(o.knowledge()).isNotEqualTo(KnowledgeState.zero().plus(space.component("addition", "t1", true)));
        assertThat(o.exercise()).isEqualTo(ExerciseState.EMPTY.withAnswer(false, 1_000, "e1"));
    }

    @Test
    void laterAnswersInTheSameExercise_leaveKnowledgeUnchanged() {
        StateUpdate.Outcome first = update.apply(KnowledgeState.zero(), ExerciseState.EMPTY,
                log("e1", "addition", "t1", true, 1_000));
        StateUpdate.Outcome second = update.apply(first.knowledge(), first.exercise(),
                log("e2", "addition", "t2", false, 2_000));
        StateUpdate.Outcome third = update.apply(second.knowledge(), second.exercise(),
                log("e3", "addition", "t1", true, 3_000));

        assertThat(second.knowledgeChanged()).isFalse();
        assertThat(third.knowledgeChanged()).isFalse();
        assertThat(second.knowledge()).isEqualTo(first.knowledge());
        assertThat(third.knowledge()).isEqualTo(first.knowledge());
        // the exercise state does move
        assertThat(third.exercise().done()).isEqualTo(3);
        assertThat(third.exercise().correct()).isEqualTo(2);
    }

    @Test
    void duplicateEventId_isAppliedOnce() {
        ProblemLog e1 = log("e1", "addition", "t1", true, 1_000);
        StateUpdate.Outcome first = update.apply(KnowledgeState.zero(), ExerciseState.EMPTY, e1);
        StateUpdate.Outcome again = update.apply(first.knowledge(), first.exercise(), e1);

        assertThat(again.duplicate()).isTrue();
        assertThat(again.knowledgeChanged()).isFalse();
        assertThat(again.knowledge()).isEqualTo(first.knowledge());
        assertThat(again.exercise()).isEqualTo(first.exercise());
        assertThat(again.exercise().done()).isEqualTo(1);
    }

    @Test
    void replay_firstAnswerInASecondExercise_addsThatExercisesComponent() {
        StudentReplay r = new StudentReplay(update);

        assertThat(r.apply(log("e1", "addition", "t1", true, 1_000))).isTrue();
        KnowledgeState afterFirst = KnowledgeState.zero().plus(space.component("addition", "t1", true));
        assertThat(r.knowledge()).isEqualTo(afterFirst);

        r.apply(log("e2", "addition", "t2", false, 2_000));
        r.apply(log("e3", "addition", "t1", false, 3_000));
        assertThat(r.knowledge()).isEqualTo(afterFirst);

        r.apply(log("e4", "subtraction", "", false, 4_000));
        KnowledgeState afterSecond = afterFirst.plus(space.component("subtraction", "", false));
        assertThat(r.knowledge()).isEqualTo(afterSecond);

        r.apply(log("e5", "subtraction", "", true, 5_000));
        r.apply(log("e6", "addition", "t3", true, 6_000));
        assertThat(r.knowledge()).isEqualTo(afterSecond);

        assertThat(r.exercise("addition").done()).isEqualTo(4);
        assertThat(r.exercise("subtraction").done()).isEqualTo(2);
        assertThat(r.exercise("never-seen")).isEqualTo(ExerciseState.EMPTY);
        assertThat(r.exercises()).containsOnlyKeys("addition", "subtraction");
    }

    @Test
    void replay_duplicateOfAFirstAnswer_doesNotAddTheComponentTwice() {
        StudentReplay r = new StudentReplay(update);
        ProblemLog e1 = log("e1", "addition", "t1", true, 1_000);
        r.apply(e1);
        KnowledgeState k = r.knowledge();
        ExerciseState ex = r.exercise("addition");

        assertThat(r.apply(e1)).isFalse();
        assertThat(r.knowledge()).isEqualTo(k);
        assertThat(r.exercise("addition")).isEqualTo(ex);
    }

    @Test
    void replay_duplicateLaterInTheExercise_isAppliedOnce() {
        StudentReplay r = new StudentReplay(update);
        r.apply(log("e1", "addition", "t1", true, 1_000));
        r.apply(log("e2", "addition", "t1", false, 2_000));
        r.apply(log("e3", "addition", "t1", true, 3_000));
        ExerciseState before = r.exercise("addition");

        assertThat(r.apply(log("e2", "addition", "t1", false, 2_000))).isFalse();
        assertThat(r.exercise("addition")).isEqualTo(before);
        assertThat(r.exercise("addition").done()).isEqualTo(3);
    }

    @Test
    void sameEventsUnderTheSameSeed_giveBitIdenticalKnowledge() {
        StudentReplay a = new StudentReplay(new StateUpdate(new FeatureSpace(7L)));
        StudentReplay b = new StudentReplay(new StateUpdate(new FeatureSpace(7L)));
        StudentReplay other = new StudentReplay(new StateUpdate(new FeatureSpace(8L)));
        for (StudentReplay r : new StudentReplay[] {a, b, other}) {
            r.apply(log("e1", "addition", "t1", true, 1_000));
            r.apply(log("e2", "fractions", "t9", false, 2_000));
        }
        assertThat(a.knowledge()).isEqualTo(b.knowledge());
        assertThat(a.knowledge().toArray()).containsExactly(b.knowledge().toArray());
        assertThat(a.knowledge()).isNotEqualTo(other.knowledge());
    }
}
