package proficio.loadtest.mastery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import proficio.model.catalogue.CatalogueFile;
import proficio.model.catalogue.ExerciseCatalogue;
import proficio.model.event.CardType;
import proficio.model.event.ProblemLog;

class BenchDataTest {

    private static final long ANCHOR = 1_714_521_600_000L; // 2024-05-01T00:00Z

    @Test
    void generate_isTheSameForTheSameSeed() {
        BenchData a = BenchData.generate(500, 60, 3, 7, ANCHOR);
        BenchData b = BenchData.generate(500, 60, 3, 7, ANCHOR);
        assertThat(a.catalogue()).isEqualTo(b.catalogue());
        assertThat(a.studentAnswers()).isEqualTo(b.studentAnswers());
        assertThat(a.otherAnswers()).isEqualTo(b.otherAnswers());
        assertThat(BenchData.generate(500, 60, 3, 8, ANCHOR).studentAnswers()).isNotEqualTo(a.studentAnswers());
    }

    @Test
    void catalogue_isValidAndSurvivesTheFileFormat() throws Exception {
        ExerciseCatalogue c = BenchData.generate(5000, 300, 0, 1, ANCHOR).catalogue();
        assertThat(c.size()).isEqualTo(5000);
        assertThat(c.missions()).hasSize(5000 / BenchData.MISSION_SIZE);
        assertThat(c.hasCovering()).isTrue();
        assertThat(c.exercises()).anySatisfy(e -> assertThat(e.prerequisites()).hasSize(2));
        StringBuilder text = new StringBuilder();
        CatalogueFile.write(c, text);
        assertThat(CatalogueFile.read(new StringReader(text.toString()), "bench.txt")).isEqualTo(c);
    }

    @Test
    void student_attemptsExactlyTheAskedExercises_inTimeOrder_beforeTheAnchor() {
        BenchData d = BenchData.generate(5000, 300, 20, 1, ANCHOR);
        Set<String> attempted = d.studentAnswers().stream().map(ProblemLog::exercise).collect(Collectors.toSet());
        assertThat(attempted).hasSize(300).allSatisfy(e -> assertThat(d.catalogue().contains(e)).isTrue());
        assertThat(d.studentAnswers()).allSatisfy(a -> {
            assertThat(a.studentId()).isEqualTo(d.student());
            assertThat(a.timeDoneMs()).isLessThan(ANCHOR);
        });
        assertThat(d.studentAnswers()).isSortedAccordingTo((x, y) -> Long.compare(x.timeDoneMs(), y.timeDoneMs()));
        // a sixth of the exercises end with a mastery card (the MASTERED group)
        assertThat(d.studentAnswers().stream().filter(a -> a.cardType() == CardType.MASTERY).count())
                .isEqualTo(300 - 150 - 100);
        assertThat(d.otherAnswers()).hasSize(20 * 40);
        assertThat(d.studentAnswers().stream().map(ProblemLog::eventId).distinct().count())
                .isEqualTo(d.studentAnswers().size());
    }

    @Test
    void generate_refusesMoreAttemptedThanTheCatalogueHolds() {
        assertThatThrownBy(() -> BenchData.generate(10, 11, 0, 1, ANCHOR))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("attempted 11");
    }
}
