package proficio.model.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ThetaTest {

    @Test
    void dot_sumsWeightTimesValue() {
        // 1*0.5 + 2*0.25 + (-4)*0.125 = 0.5 + 0.5 - 0.5 = 0.5 (all exact in binary)
        assertThat(Theta.of(1, 2, -4).dot(new double[] {0.5, 0.25, 0.125})).isEqualTo(0.5);
    }

    @Test
    void probability_isTheSigmoidOfTheDotProduct() {
        // z = 1*0.5 + 2*0.25 = 1 -> p = 1 / (1 + e^-1) = 1 / 1.36787944117144233 = 0.7310585786300049
        assertThat(Theta.of(1, 2).probability(new double[] {0.5, 0.25})).isCloseTo(0.7310585786300049, within(1e-15));
        // z = 0 -> exactly one half
        assertThat(Theta.of(1, -2).probability(new double[] {0.5, 0.25})).isEqualTo(0.5);
        // z = ln 3 -> 1 / (1 + 1/3) = 3/4
        assertThat(Theta.of(Math.log(3)).probability(new double[] {1})).isCloseTo(0.75, within(1e-15));
        // z = -ln 3 -> 1 / (1 + 3) = 1/4
        assertThat(Theta.of(-Math.log(3)).probability(new double[] {1})).isCloseTo(0.25, within(1e-15));
    }

    @Test
    void probability_clampsZAtPlusMinus100() {
        double sigmoidMinus100 = 1.0 / (1.0 + Math.exp(100));   // ~ 3.72e-44, still > 0
        double sigmoidPlus100 = 1.0 / (1.0 + Math.exp(-100));

        // Without the clamp, z = -1e6 gives 1 / (1 + inf) = 0 and z = -150 gives ~7.2e-66.
        assertThat(Theta.of(-1e6).probability(new double[] {1})).isEqualTo(sigmoidMinus100).isGreaterThan(0.0);
        assertThat(Theta.of(-150).probability(new double[] {1})).isEqualTo(sigmoidMinus100);
        assertThat(Theta.of(1e300, 1e300).probability(new double[] {1, 1})).isEqualTo(sigmoidPlus100);
        assertThat(Theta.of(1e6).probability(new double[] {1})).isEqualTo(sigmoidPlus100);
        // inside the limits there is no clamping
        assertThat(Theta.of(-99).probability(new double[] {1})).isEqualTo(1.0 / (1.0 + Math.exp(99)));
        assertThat(Theta.Z_LIMIT).isEqualTo(100.0);
    }

    @Test
    void dot_rejectsAVectorOfAnotherLength() {
        assertThatThrownBy(() -> Theta.of(1, 2).dot(new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Theta.of(1, 2).probability(new double[] {1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void of_rejectsNonFiniteWeights() {
        assertThatThrownBy(() -> Theta.of(1, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Theta.of(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Theta.of(Double.NEGATIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theta_isImmutable() {
        double[] w = {1, 2, 3};
        Theta t = Theta.of(w);
        w[0] = 99;
        t.toArray()[1] = 99;
        assertThat(t.toArray()).containsExactly(1, 2, 3);
        assertThat(t.get(0)).isEqualTo(1.0);
        assertThat(t.dimension()).isEqualTo(3);
        assertThat(t).isEqualTo(Theta.of(1, 2, 3)).hasSameHashCodeAs(Theta.of(1, 2, 3));
        assertThat(t).isNotEqualTo(Theta.of(1, 2, 4));
    }
}
