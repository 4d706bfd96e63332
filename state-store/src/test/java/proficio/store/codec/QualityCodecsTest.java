package proficio.store.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import proficio.model.predict.ThetaSource;
import proficio.model.quality.ModelRole;
import proficio.model.quality.QualityFigures;
import proficio.model.quality.QualityKey;

class QualityCodecsTest {

    @Test
    void key_isPinned_andRoundTrips() {
        QualityKey k = new QualityKey("ab", 1, "v1", ModelRole.CANDIDATE, ThetaSource.GLOBAL);
        byte[] b = QualityKeyCodec.encode(k);
        assertThat(HexFormat.of().formatHex(b)).isEqualTo("02" + "6162" + "80000001" + "02" + "7631" + "01" + "01");
        assertThat(QualityKeyCodec.decode(b)).isEqualTo(k);
    }

    @Test
    void keyOrder_keepsAnExerciseContiguousByDay_andTheOverAllRowComesFirst() {
        QualityKey[] ordered = {
            new QualityKey("", 20_000, "v", ModelRole.ACTIVE, ThetaSource.EXERCISE),
            new QualityKey("a", -3, "v", ModelRole.ACTIVE, ThetaSource.EXERCISE),
            new QualityKey("a", 20_000, "", ModelRole.ACTIVE, ThetaSource.EXERCISE), // a range bound
            new QualityKey("a", 20_000, "v", ModelRole.ACTIVE, ThetaSource.EXERCISE),
            new QualityKey("a", 20_000, "v", ModelRole.CANDIDATE, ThetaSource.EXERCISE),
            new QualityKey("a", 20_000, "w", ModelRole.ACTIVE, ThetaSource.GLOBAL),
            new QualityKey("a", 20_001, "", ModelRole.ACTIVE, ThetaSource.EXERCISE),
            new QualityKey("b", 0, "v", ModelRole.ACTIVE, ThetaSource.EXERCISE), // length-prefixed: shorter names first
            new QualityKey("ab", 0, "v", ModelRole.ACTIVE, ThetaSource.EXERCISE),
        };
        for (int i = 1; i < ordered.length; i++) {
            assertThat(Arrays.compareUnsigned(QualityKeyCodec.encode(ordered[i - 1]), QualityKeyCodec.encode(ordered[i])))
                    .as("%s < %s", ordered[i - 1], ordered[i]).isNegative();
        }
    }

    @Test
    void key_refusesTrailingBytesAndUnknownRoles() {
        byte[] b = QualityKeyCodec.encode(new QualityKey("a", 1, "v", ModelRole.ACTIVE, ThetaSource.EXERCISE));
        assertThatThrownBy(() -> QualityKeyCodec.decode(Arrays.copyOf(b, b.length + 1))).isInstanceOf(CorruptStateException.class);
        byte[] badRole = b.clone();
        badRole[badRole.length - 2] = 7;
        assertThatThrownBy(() -> QualityKeyCodec.decode(badRole)).isInstanceOf(CorruptStateException.class)
                .hasMessageContaining("role 7");
        assertThatThrownBy(() -> QualityKeyCodec.decode(new byte[] {5, 'a'})).isInstanceOf(CorruptStateException.class);
    }

    @Test
    void figures_arePinned_andRoundTrip() {
        QualityFigures f = QualityFigures.of(0.25, true).plus(0.95, false);
        byte[] b = QualityFiguresCodec.encode(f);
        assertThat(b).hasSize(1 + 1 + 16 + 20);
        assertThat(HexFormat.of().formatHex(b, 0, 2)).isEqualTo("0102");
        assertThat(HexFormat.of().formatHex(b, 18, 38)).isEqualTo("0000" + "0000" + "0101" + "0000" + "0000"
                + "0000" + "0000" + "0000" + "0000" + "0100");
        assertThat(QualityFiguresCodec.decode(b)).isEqualTo(f);
        assertThat(QualityFiguresCodec.decode(QualityFiguresCodec.encode(QualityFigures.EMPTY))).isEqualTo(QualityFigures.EMPTY);
    }

    @Test
    void figures_refuseUnknownVersionsAndTrailingBytes() {
        byte[] b = QualityFiguresCodec.encode(QualityFigures.of(0.5, true));
        byte[] v2 = b.clone();
        v2[0] = 2;
        assertThatThrownBy(() -> QualityFiguresCodec.decode(v2)).isInstanceOf(CorruptStateException.class)
                .hasMessageContaining("format version 2");
        assertThatThrownBy(() -> QualityFiguresCodec.decode(Arrays.copyOf(b, b.length + 1)))
                .isInstanceOf(CorruptStateException.class).hasMessageContaining("trailing");
        assertThatThrownBy(() -> QualityFiguresCodec.decode(Arrays.copyOf(b, 5))).isInstanceOf(CorruptStateException.class);
    }
}
