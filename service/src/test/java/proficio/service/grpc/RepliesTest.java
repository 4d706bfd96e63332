package proficio.service.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import proficio.model.catalogue.Exercise;
import proficio.model.catalogue.ExerciseCatalogue;
import proficio.model.mastery.MasteryLevel;
import proficio.proto.MasteryTransitions;
import proficio.proto.v1.RankedExercise;
import proficio.proto.v1.RankedExercises;
import proficio.service.mastery.Planning;

class RepliesTest {

    private static Exercise exercise(String name) {
        return new Exercise(name, "m", List.of(), List.of(), List.of());
    }

    /** The same reply built the ordinary way: a message of line messages, serialised by protobuf. */
    private static RankedExercises built(String student, String version, List<Planning.Ranked> lines) {
        RankedExercises.Builder b = RankedExercises.newBuilder().setStudentId(student).setModelVersion(version);
        for (Planning.Ranked r : lines) {
            b.addExercises(RankedExercise.newBuilder().setExercise(r.exercise()).setProbability(r.p())
                    .setLevel(MasteryTransitions.level(r.level())).setInCatalogue(r.inCatalogue()));
        }
        return b.build();
    }

    @Test
    void rankedAll_writesExactlyTheBytesProtobufWrites_forCatalogueAndOutsideLines() throws Exception {
        ExerciseCatalogue catalogue = ExerciseCatalogue.of(List.of(exercise("a"), exercise("fractions_ßé"),
                exercise("long_exercise_name_00042"), exercise("x".repeat(200))));
        // Proto3 leaves defaults out: p 0.0 (but not -0.0), and a long name needs a two-byte length.
        List<Planning.Ranked> lines = List.of(
                new Planning.Ranked("long_exercise_name_00042", 0.9, MasteryLevel.MASTERED, 2),
                new Planning.Ranked("outside_ü", 0.8, MasteryLevel.PRACTICED, -1),
                new Planning.Ranked("fractions_ßé", 0.7, MasteryLevel.UNPRACTICED, 1),
                new Planning.Ranked("x".repeat(200), -0.0, MasteryLevel.UNPRACTICED, 3),
                new Planning.Ranked("a", 0.0, MasteryLevel.LEVEL_TWO, 0),
                new Planning.Ranked("outside_" + "y".repeat(300), 1.0, MasteryLevel.UNPRACTICED, -1));

        byte[] encoded = Replies.rankedAll("s", "v1", Planning.RankedAll.of(catalogue, lines)).bytes();

        assertThat(encoded).isEqualTo(built("s", "v1", lines).toByteArray());
        RankedExercises reply = RankedExercises.parseFrom(encoded);
        assertThat(reply.getExercisesList()).extracting(RankedExercise::getExercise)
                .containsExactly("long_exercise_name_00042", "outside_ü", "fractions_ßé", "x".repeat(200), "a",
                        "outside_" + "y".repeat(300));
        assertThat(reply.getExercisesList()).extracting(RankedExercise::getInCatalogue)
                .containsExactly(true, false, true, true, true, false);
        assertThat(reply.getExercises(4).getLevel()).isEqualTo(proficio.proto.v1.MasteryLevel.MASTERY_LEVEL_LEVEL_TWO);
        // empty ids are left out too
        assertThat(Replies.rankedAll("", "", Planning.RankedAll.of(catalogue, List.of())).bytes())
                .isEqualTo(built("", "", List.of()).toByteArray()).isEmpty();
    }

    @Test
    void rankedAll_namesLinesFromTheirOwnCatalogue_afterAReload() throws Exception {
        ExerciseCatalogue catalogue = ExerciseCatalogue.of(List.of(exercise("a"), exercise("b"), exercise("c")));
        List<Planning.Ranked> lines = List.of(new Planning.Ranked("c", 0.5, MasteryLevel.PRACTICED, 2));
        byte[] first = Replies.rankedAll("s", "v1", Planning.RankedAll.of(catalogue, lines)).bytes();

        // A reloaded catalogue (a new object) with other names at the same indexes is named by its names,
        // and the first catalogue's reply is unchanged.
        ExerciseCatalogue reloaded = ExerciseCatalogue.of(List.of(exercise("b"), exercise("c"), exercise("d")));
        List<Planning.Ranked> after = List.of(new Planning.Ranked("d", 0.5, MasteryLevel.PRACTICED, 2),
                new Planning.Ranked("b", 0.4, MasteryLevel.UNPRACTICED, 0));
        assertThat(RankedExercises.parseFrom(Replies.rankedAll("s", "v2", Planning.RankedAll.of(reloaded, after)).bytes())
                .getExercisesList()).extracting(RankedExercise::getExercise).containsExactly("d", "b");
        assertThat(Replies.rankedAll("s", "v1", Planning.RankedAll.of(catalogue, lines)).bytes()).isEqualTo(first)
                .isEqualTo(built("s", "v1", lines).toByteArray());
    }
}
