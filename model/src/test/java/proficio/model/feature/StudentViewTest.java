package proficio.model.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import proficio.model.event.ProblemLog;
import proficio.model.state.StateUpdate;
import proficio.model.state.StudentReplay;

class StudentViewTest {

    @Test
    void ofExercise_givesEveryFeatureSetTheReplaysVector_fromOneExerciseAndTheSequence() {
        StudentReplay replay = new StudentReplay(new StateUpdate(new FeatureSpace(9L)));
        String[] exercises = {"add", "add", "sub", "mul", "sub", "sub", "add", "mul", "mul", "add"};
        for (int i = 0; i < exercises.length; i++) {
            replay.apply(ProblemLog.practice("e" + i, "s", exercises[i], "t" + i, i % 3 != 1, 1_000L * (i + 1)));
        }

        for (String name : FeatureSets.names()) {
            FeatureSet set = FeatureSets.byName(name).orElseThrow();
            for (String e : new String[] {"add", "sub", "mul", "never"}) {
                StudentView one = StudentView.ofExercise(e, replay.exercise(e), replay.knowledge(), replay.sequence());
                assertThat(set.vector(one, e)).as(set.name() + " " + e).isEqualTo(set.vector(replay, e));
            }
        }
        StudentView one = StudentView.ofExercise("add", replay.exercise("add"), replay.knowledge(), replay.sequence());
        assertThat(one.totalDone()).isEqualTo(replay.totalDone()).isEqualTo(10);
        assertThat(one.totalCorrect()).isEqualTo(replay.totalCorrect());
        assertThatThrownBy(() -> one.exercise("sub")).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("'add' only");
    }
}
