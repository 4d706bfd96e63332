package proficio.model.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class QualityFiguresTest {

    @Test
    void oneAnswer_handWorked() {
        QualityFigures right = QualityFigures.of(0.8, true);
        assertThat(right.samples()).isEqualTo(1);
        assertThat(right.sumLogLikelihood()).isCloseTo(Math.log(0.8), within(1e-15));
        assertThat(right.sumBrier()).isCloseTo(0.04, within(1e-15));
        assertThat(right.binSamples()).containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 1, 0);
        assertThat(right.binCorrect()).containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 1, 0);

        QualityFigures wrong = QualityFigures.of(0.8, false);
        assertThat(wrong.sumLogLikelihood()).isCloseTo(Math.log(0.2), within(1e-15));
        assertThat(wrong.sumBrier()).isCloseTo(0.64, within(1e-15));
        assertThat(wrong.binCorrect()).containsOnly(0);
    }

    @Test
    void sums_addUp_andMeansAreOverSamples() {
        QualityFigures f = QualityFigures.EMPTY.plus(0.8, true).plus(0.3, false).plus(0.05, false);
        assertThat(f.samples()).isEqualTo(3);
        assertThat(f.meanLogLikelihood()).isCloseTo((Math.log(0.8) + Math.log(0.7) + Math.log(0.95)) / 3, within(1e-15));
        assertThat(f.meanBrier()).isCloseTo((0.04 + 0.09 + 0.0025) / 3, within(1e-15));
        assertThat(f.binSamples()).containsExactly(1, 0, 0, 1, 0, 0, 0, 0, 1, 0);
        assertThat(f.plus(f)).isEqualTo(QualityFigures.EMPTY.plus(0.8, true).plus(0.3, false).plus(0.05, false)
                .plus(0.8, true).plus(0.3, false).plus(0.05, false));
    }

    @Test
    void aConfidentMiss_costsAbout34Nats_notInfinity() {
        assertThat(QualityFigures.logLikelihood(1.0, false)).isCloseTo(Math.log(1e-15), within(1e-3)).isFinite();
        assertThat(QualityFigures.logLikelihood(0.0, true)).isCloseTo(-34.5388, within(1e-3));
        assertThat(QualityFigures.logLikelihood(1.0, true)).isCloseTo(0, within(1e-14));
    }

    @Test
    void bins_edges() {
        assertThat(QualityFigures.bin(0.0)).isZero();
        assertThat(QualityFigures.bin(0.0999)).isZero();
        assertThat(QualityFigures.bin(0.1)).isEqualTo(1);
        assertThat(QualityFigures.bin(0.95)).isEqualTo(9);
        assertThat(QualityFigures.bin(1.0)).isEqualTo(9);
        assertThatThrownBy(() -> QualityFigures.bin(Double.NaN)).hasMessageContaining("outside [0, 1]");
    }

    @Test
    void empty_hasNoMean() {
        assertThat(QualityFigures.EMPTY.meanLogLikelihood()).isNaN();
        assertThat(QualityFigures.EMPTY.plus(QualityFigures.EMPTY)).isEqualTo(QualityFigures.EMPTY);
    }

    @Test
    void epochDay_isTheUtcDayOfEventTime() {
        assertThat(QualityKey.epochDayOf(0)).isZero();
        assertThat(QualityKey.epochDayOf(86_400_000L - 1)).isZero();
        assertThat(QualityKey.epochDayOf(86_400_000L)).isEqualTo(1);
        assertThat(QualityKey.epochDayOf(-1)).isEqualTo(-1);
    }
}
