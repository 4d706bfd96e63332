package proficio.model.mastery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MasteryConfigTest {

    private static final long H = MasteryConfig.HOUR_MS;
    private static final long D = MasteryConfig.DAY_MS;

    @Test
    void defaults_areDesignSection4() {
        MasteryConfig c = MasteryConfig.DEFAULTS;
        assertThat(c.practiceStreakForPracticed()).isEqualTo(5);
        assertThat(c.masteryGateMs()).isEqualTo(16 * H);
        assertThat(c.straightToMasteredP()).isEqualTo(0.94);
        assertThat(c.challengeCardP()).isEqualTo(0.90);
        assertThat(new long[] {c.firstReviewShortMs(), c.firstReviewMediumMs(), c.firstReviewLongMs()})
                .containsExactly(4 * D, 8 * D, 32 * D);
        assertThat(c.firstReviewMediumFromP()).isEqualTo(0.94);
        assertThat(c.firstReviewLongFromP()).isEqualTo(0.97);
        assertThat(c.maxReviewIntervalMs()).isEqualTo(256 * D);
        assertThat(c.challengeSize()).isEqualTo(6);
        assertThat(c.maxAnalyticsCards()).isEqualTo(1);
        assertThat(c.strugglingWindow()).isEqualTo(5);
        assertThat(c.strugglingMinWrong()).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0} = {1} is refused, naming the field")
    @CsvSource({
            "practiceStreakForPracticed, 0",
            "masteryGateMs, -1",
            "straightToMasteredP, 1.5",
            "straightToMasteredP, NaN",
            "challengeCardP, -0.1",
            "firstReviewShortMs, 0",
            "firstReviewMediumMs, 1000",       // below the short interval
            "firstReviewLongMs, 100000000",    // below the medium interval
            "firstReviewMediumFromP, 2",
            "firstReviewLongFromP, 0.5",       // below the medium cut point
            "maxReviewIntervalMs, 86400000",   // below the long first interval
            "maxReviewIntervalMs, 9223372036854775807",
            "challengeSize, 0",
            "maxAnalyticsCards, -1",
            "maxAnalyticsCards, 7",            // more than the challenge holds
            "strugglingWindow, 0",
            "strugglingWindow, 31",
            "strugglingMinWrong, 0",
            "strugglingMinWrong, 6",           // more than the window
    })
    void invalidValue_isRefusedNamingTheField(String field, String value) {
        assertThatThrownBy(() -> with(field, value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(field + " must");
    }

    @Test
    void firstReviewInterval_byCutPoints() {
        MasteryConfig c = MasteryConfig.DEFAULTS;
        assertThat(c.firstReviewIntervalMs(0.9399)).isEqualTo(4 * D);
        assertThat(c.firstReviewIntervalMs(0.94)).isEqualTo(8 * D);
        assertThat(c.firstReviewIntervalMs(0.97)).isEqualTo(32 * D);
    }

    @Test
    void nextReviewInterval_doublesToTheCap() {
        MasteryConfig c = MasteryConfig.DEFAULTS;
        assertThat(c.nextReviewIntervalMs(4 * D)).isEqualTo(8 * D);
        assertThat(c.nextReviewIntervalMs(129 * D)).isEqualTo(256 * D);
        assertThat(c.nextReviewIntervalMs(Long.MAX_VALUE)).isEqualTo(256 * D);
        assertThat(c.nextReviewIntervalMs(0)).isEqualTo(4 * D);
    }

    /** DEFAULTS with one component replaced, through the canonical constructor. */
    static MasteryConfig with(String field, String value) throws Throwable {
        RecordComponent[] components = MasteryConfig.class.getRecordComponents();
        Object[] args = new Object[components.length];
        boolean found = false;
        for (int i = 0; i < components.length; i++) {
            RecordComponent rc = components[i];
            if (rc.getName().equals(field)) {
                found = true;
                Class<?> t = rc.getType();
                if (t == int.class) {
                    args[i] = Integer.parseInt(value);
                } else if (t == long.class) {
                    args[i] = Long.parseLong(value);
                } else {
                    args[i] = Double.parseDouble(value);
                }
            } else {
                args[i] = rc.getAccessor().invoke(MasteryConfig.DEFAULTS);
            }
        }
        assertThat(found).as("field " + field).isTrue();
        Constructor<MasteryConfig> ctor = MasteryConfig.class.getDeclaredConstructor(
                Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
        try {
            return ctor.newInstance(args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
