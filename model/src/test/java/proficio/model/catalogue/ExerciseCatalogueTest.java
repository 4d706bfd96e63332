package proficio.model.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExerciseCatalogueTest {

    @Test
    void lookups() {
        ExerciseCatalogue c = ExerciseCatalogue.of(List.of(
                new Exercise("a", "m1", List.of("t"), List.of(), List.of()),
                new Exercise("b", "m1", List.of(), List.of("a"), List.of("a")),
                new Exercise("c", "", List.of(), List.of(), List.of("a"))));
        assertThat(c.size()).isEqualTo(3);
        assertThat(c.contains("b")).isTrue();
        assertThat(c.contains("z")).isFalse();
        assertThat(c.find("a")).get().extracting(Exercise::problemTypes).isEqualTo(List.of("t"));
        assertThat(c.get(2).name()).isEqualTo("c");
        assertThat(c.coveredBy("a")).containsExactly("b", "c");
        assertThat(c.hasCovering()).isTrue();
        assertThat(c.inMission("")).extracting(Exercise::name).containsExactly("c");
        assertThat(c.inMission("nope")).isEmpty();
        assertThat(ExerciseCatalogue.EMPTY.size()).isZero();
        assertThat(ExerciseCatalogue.EMPTY.hasCovering()).isFalse();
    }

    @Test
    void invalidCatalogue_isRefusedNamingTheExercise() {
        assertThatThrownBy(() -> ExerciseCatalogue.of(List.of(Exercise.of("a", ""), Exercise.of("a", ""))))
                .hasMessage("exercise 'a': listed twice (first on position 1)");
        assertThatThrownBy(() -> ExerciseCatalogue.of(List.of(
                new Exercise("a", "", List.of(), List.of("b"), List.of()),
                new Exercise("b", "", List.of(), List.of("a"), List.of()))))
                .hasMessage("exercise 'b': prerequisite cycle: a -> b -> a");
    }

    @Test
    void longPrerequisiteChain_isCheckedWithoutRecursion() {
        List<Exercise> chain = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            chain.add(new Exercise("e" + i, "", List.of(), i == 0 ? List.of() : List.of("e" + (i - 1)), List.of()));
        }
        assertThat(ExerciseCatalogue.of(chain).size()).isEqualTo(100_000);
    }

    @Test
    void exerciseNames_areChecked() {
        assertThatThrownBy(() -> Exercise.of(" a", "")).hasMessageContaining("leading or trailing whitespace");
        assertThatThrownBy(() -> Exercise.of("a|b", "")).hasMessageContaining("contains '|'");
        assertThatThrownBy(() -> Exercise.of("a,b", "")).hasMessageContaining("contains ','");
        assertThatThrownBy(() -> Exercise.of("x".repeat(257), "")).hasMessageContaining("longer than 256");
        assertThatThrownBy(() -> Exercise.of("a", "m|n")).hasMessageStartingWith("mission");
    }
}
