package proficio.service.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import proficio.model.catalogue.Exercise;
import proficio.model.catalogue.ExerciseCatalogue;
import proficio.model.mastery.MasteryLevel;
import proficio.proto.v1.RankedExercise;
import proficio.proto.v1.RankedExercises;
import proficio.service.mastery.Planning;

class RepliesTest {

    private static Exercise exercise(String name) {
        return new Exercise(name, "m", List.of(), List.of(), List.of());
    }

    @Test
    void rankedAll_namesEachLineFromTheCatalogue_orAsGivenOutsideIt_andSurvivesTheWire() throws Exception {
        ExerciseCatalogue catalogue = ExerciseCatalogue.of(List.of(exercise("a"), exercise("fractions_ßé"),
                exercise("long_exercise_name_00042")));
        List<Planning.Ranked> ranked = List.of(
                new Planning.Ranked("long_exercise_name_00042", 0.9, MasteryLevel.MASTERED, 2),
                new Planning.Ranked("outside_ü", 0.8, MasteryLevel.PRACTICED, -1),
                new Planning.Ranked("fractions_ßé", 0.7, MasteryLevel.UNPRACTICED, 1),
                new Planning.Ranked("a", 0.6, MasteryLevel.LEVEL_TWO, 0));

        RankedExercises reply = RankedExercises.parseFrom(
                Replies.rankedAll("s", "v1", ranked, catalogue).toByteArray());

        assertThat(reply.getStudentId()).isEqualTo("s");
        assertThat(reply.getModelVersion()).isEqualTo("v1");
        assertThat(reply.getExercisesList()).extracting(RankedExercise::getExercise)
                .containsExactly("long_exercise_name_00042", "outside_ü", "fractions_ßé", "a");
        assertThat(reply.getExercisesList()).extracting(RankedExercise::getProbability).containsExactly(0.9, 0.8, 0.7, 0.6);
        assertThat(reply.getExercisesList()).extracting(RankedExercise::getInCatalogue).containsExactly(true, false, true, true);
        assertThat(reply.getExercises(3).getLevel()).isEqualTo(proficio.proto.v1.MasteryLevel.MASTERY_LEVEL_LEVEL_TWO);

        // The entries kept for a catalogue are its own: a reloaded catalogue (a new object) with other
        // names at the same indexes is named by its names, and the first catalogue's reply is unchanged.
        ExerciseCatalogue reloaded = ExerciseCatalogue.of(List.of(exercise("b"), exercise("c"), exercise("d")));
        RankedExercises after = Replies.rankedAll("s", "v2", List.of(new Planning.Ranked("d", 0.5, MasteryLevel.PRACTICED, 2),
                new Planning.Ranked("b", 0.4, MasteryLevel.UNPRACTICED, 0)), reloaded);
        assertThat(after.getExercisesList()).extracting(RankedExercise::getExercise).containsExactly("d", "b");
        assertThat(after.getExercisesList()).extracting(RankedExercise::getProbability).containsExactly(0.5, 0.4);
        assertThat(Replies.rankedAll("s", "v1", ranked, catalogue)).isEqualTo(reply);
    }
}
