package proficio.model.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import proficio.model.event.ProblemLog;
import proficio.model.feature.FeatureSpace;
import proficio.model.feature.Ka2014FeatureSet;

class StudentReplayTest {

    private final StateUpdate update = new StateUpdate(new FeatureSpace(11L));
    private final Ka2014FeatureSet set = Ka2014FeatureSet.INSTANCE;

    @Test
    void vectorBefore_isTheFeatureSetsVectorOfTheStateBeforeTheAnswerAndChangesNothing() {
        StudentReplay replay = new StudentReplay(update);
        replay.apply(ProblemLog.practice("e1", "s", "add", "t1", true, 1_000));
        ProblemLog next = ProblemLog.practice("e2", "s", "add", "t2", false, 2_000);
        KnowledgeState knowledgeBefore = replay.knowledge();
        ExerciseState exerciseBefore = replay.exercise("add");

        double[] x = replay.vectorBefore(next, set);

        assertThat(x).containsExactly(set.vector(proficio.model.feature.StudentView.ofOne("add", exerciseBefore, knowledgeBefore), "add"));
        assertThat(replay.exercise("add")).isEqualTo(exerciseBefore);
        assertThat(x[6]).isEqualTo(1.0); // percent correct of the one answer before: not yet the miss
        replay.apply(next);
        assertThat(replay.vectorBefore(next, set)[6]).isEqualTo(0.5);
    }

    @Test
    void vectorBefore_aFirstAnswerInANewExerciseSeesTheKnowledgeOfEarlierExercisesOnly() {
        StudentReplay replay = new StudentReplay(update);
        replay.apply(ProblemLog.practice("e1", "s", "add", "t1", true, 1_000));
        ProblemLog first = ProblemLog.practice("e2", "s", "sub", "t9", true, 2_000);

        double[] x = replay.vectorBefore(first, set);

        assertThat(x[7]).isEqualTo(replay.knowledge().get(0)).isNotZero();
        assertThat(x[6]).isEqualTo(0.8); // no answers in "sub" yet: the prior
        replay.apply(first);
        assertThat(replay.knowledge().get(0)).isNotEqualTo((float) x[7]);
    }

    @Test
    void isDuplicate_onlyForAnEventIdAlreadyAppliedInThatExercise() {
        StudentReplay replay = new StudentReplay(update);
        ProblemLog e1 = ProblemLog.practice("e1", "s", "add", "t1", true, 1_000);
        assertThat(replay.isDuplicate(e1)).isFalse();

        replay.apply(e1);

        assertThat(replay.isDuplicate(e1)).isTrue();
        assertThat(replay.isDuplicate(ProblemLog.practice("e2", "s", "add", "t1", true, 2_000))).isFalse();
    }
}
