package proficio.model.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import proficio.model.predict.ThetaSource;

class QualitySummariesTest {

    private static QualityRow row(String exercise, int day, String version, ModelRole role, ThetaSource source, double p,
                                  boolean correct) {
        return new QualityRow(new QualityKey(exercise, day, version, role, source), QualityFigures.of(p, correct));
    }

    @Test
    void merge_sumsEqualKeys_inKeyOrder() {
        List<QualityRow> merged = QualitySummaries.merge(List.of(
                row("b", 1, "v", ModelRole.ACTIVE, ThetaSource.EXERCISE, 0.6, true),
                row("a", 2, "v", ModelRole.ACTIVE, ThetaSource.EXERCISE, 0.6, true),
                row("b", 1, "v", ModelRole.ACTIVE, ThetaSource.EXERCISE, 0.7, false),
                row("a", 1, "v", ModelRole.CANDIDATE, ThetaSource.EXERCISE, 0.6, true)));
        assertThat(merged).extracting(r -> r.key().exercise() + r.key().epochDay() + r.key().role())
                .containsExactly("a1CANDIDATE", "a2ACTIVE", "b1ACTIVE");
        assertThat(merged.get(2).figures()).isEqualTo(QualityFigures.of(0.6, true).plus(0.7, false));
    }

    @Test
    void table_changeIsLaterHalfMinusEarlierHalf_andGainIsOnTheCandidatesDays() {
        List<QualityRow> rows = List.of(
                row("e", 10, "a", ModelRole.ACTIVE, ThetaSource.EXERCISE, 0.5, true), // early half: ln 0.5
                row("e", 11, "a", ModelRole.ACTIVE, ThetaSource.EXERCISE, 0.8, true), // late half: ln 0.8
                row("e", 11, "c", ModelRole.CANDIDATE, ThetaSource.EXERCISE, 0.9, true),
                row("f", 10, "a", ModelRole.ACTIVE, ThetaSource.GLOBAL, 0.5, false),
                row("", 10, "a", ModelRole.ACTIVE, ThetaSource.EXERCISE, 0.5, true), // the over-all row: not a line
                row("e", 12, "a", ModelRole.ACTIVE, ThetaSource.EXERCISE, 0.1, true)); // outside the range
        List<QualitySummaries.ExerciseLine> t = QualitySummaries.table(rows, 10, 11);
        assertThat(t).extracting(QualitySummaries.ExerciseLine::exercise).containsExactly("e", "f");
        QualitySummaries.ExerciseLine e = t.get(0);
        assertThat(e.samples()).isEqualTo(2);
        assertThat(e.logLikelihoodChange()).isCloseTo(Math.log(0.8) - Math.log(0.5), within(1e-15));
        assertThat(e.candidate().samples()).isEqualTo(1);
        assertThat(e.candidateGain()).isCloseTo(Math.log(0.9) - Math.log(0.8), within(1e-15));
        QualitySummaries.ExerciseLine f = t.get(1);
        assertThat(f.fallbackSamples()).isEqualTo(1);
        assertThat(f.logLikelihoodChange()).as("no answers in the later half").isNaN();
        assertThat(f.candidateGain()).isNaN();
    }

    @Test
    void overall_isOneLineOverEveryExercise_withoutTheOverAllCells() {
        List<QualityRow> rows = List.of(
                row("e", 10, "a", ModelRole.ACTIVE, ThetaSource.EXERCISE, 0.5, true),
                row("e", 11, "a", ModelRole.ACTIVE, ThetaSource.EXERCISE, 0.8, true),
                row("e", 11, "c", ModelRole.CANDIDATE, ThetaSource.EXERCISE, 0.9, true),
                row("f", 10, "a", ModelRole.ACTIVE, ThetaSource.GLOBAL, 0.5, false),
                row("f", 11, "a", ModelRole.ACTIVE, ThetaSource.EXERCISE, 0.6, false),
                row("", 10, "a", ModelRole.ACTIVE, ThetaSource.EXERCISE, 0.5, true), // would count twice
                row("e", 12, "a", ModelRole.ACTIVE, ThetaSource.EXERCISE, 0.1, true)); // outside the range
        QualitySummaries.ExerciseLine all = QualitySummaries.overall(rows, 10, 11);
        assertThat(all.exercise()).isEqualTo(QualityKey.ALL_EXERCISES);
        assertThat(all.samples()).isEqualTo(QualitySummaries.table(rows, 10, 11).stream()
                .mapToLong(QualitySummaries.ExerciseLine::samples).sum()).isEqualTo(4);
        assertThat(all.fallbackSamples()).isEqualTo(1);
        double early = (Math.log(0.5) + Math.log(0.5)) / 2; // e and f on day 10
        double late = (Math.log(0.8) + Math.log(0.4)) / 2;  // e and f on day 11
        assertThat(all.logLikelihoodChange()).isCloseTo(late - early, within(1e-15));
        assertThat(all.candidateGain()).as("the candidate against every active answer of its day")
                .isCloseTo(Math.log(0.9) - late, within(1e-15));
    }
}
