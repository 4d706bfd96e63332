package proficio.model.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import proficio.model.predict.ThetaSource;

class PromotionTest {

    private static QualityRow row(int day, String version, ModelRole role, double p, boolean correct, int times) {
        QualityFigures f = QualityFigures.EMPTY;
        for (int i = 0; i < times; i++) {
            f = f.plus(p, correct);
        }
        return new QualityRow(new QualityKey("", day, version, role, ThetaSource.EXERCISE), f);
    }

    /** Answers right 80% of the time; the active model says 0.5, the candidate 0.8. */
    private static List<QualityRow> window(int days, int perDay) {
        List<QualityRow> rows = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            rows.add(row(d, "a", ModelRole.ACTIVE, 0.5, true, perDay * 8 / 10));
            rows.add(row(d, "a", ModelRole.ACTIVE, 0.5, false, perDay * 2 / 10));
            rows.add(row(d, "c", ModelRole.CANDIDATE, 0.8, true, perDay * 8 / 10));
            rows.add(row(d, "c", ModelRole.CANDIDATE, 0.8, false, perDay * 2 / 10));
        }
        return rows;
    }

    @Test
    void betterCandidate_overTheFloor_isPromoted() {
        Promotion.Verdict v = Promotion.decide(window(3, 100), "a", "c", 300);
        assertThat(v.promote()).isTrue();
        assertThat(v.candidate().samples()).isEqualTo(300);
        assertThat(v.active().samples()).isEqualTo(300);
        assertThat(v.reason()).contains("candidate c mean log-likelihood -0.500402 over 300").contains("active a -0.693147");
    }

    @Test
    void belowTheFloor_isNotPromoted_andSaysSo() {
        Promotion.Verdict v = Promotion.decide(window(3, 100), "a", "c", 301);
        assertThat(v.promote()).isFalse();
        assertThat(v.reason()).startsWith("too few answers").contains("floor 301");
    }

    @Test
    void worseCandidate_isNotPromoted() {
        Promotion.Verdict v = Promotion.decide(window(3, 100), "c-as-active", "a", 1);
        assertThat(v.promote()).isFalse();
        v = Promotion.decide(swapRoles(window(2, 50)), "c", "a", 10);
        assertThat(v.promote()).isFalse();
        assertThat(v.reason()).startsWith("not better live");
    }

    @Test
    void activeIsComparedOnTheCandidatesDaysOnly() {
        List<QualityRow> rows = new ArrayList<>(window(2, 100));
        // A day before the candidate existed, where the active model was perfect: must not count.
        rows.add(row(-1, "a", ModelRole.ACTIVE, 0.999, true, 1000));
        Promotion.Verdict v = Promotion.decide(rows, "a", "c", 100);
        assertThat(v.active().samples()).isEqualTo(200);
        assertThat(v.promote()).isTrue();
    }

    @Test
    void otherVersionsAreIgnored() {
        List<QualityRow> rows = new ArrayList<>(window(1, 100));
        rows.add(row(0, "older", ModelRole.ACTIVE, 0.999, true, 1000));
        assertThat(Promotion.decide(rows, "a", "c", 50).active().samples()).isEqualTo(100);
    }

    private static List<QualityRow> swapRoles(List<QualityRow> rows) {
        return rows.stream().map(r -> new QualityRow(new QualityKey(r.key().exercise(), r.key().epochDay(),
                r.key().modelVersion(), r.key().role() == ModelRole.ACTIVE ? ModelRole.CANDIDATE : ModelRole.ACTIVE,
                r.key().thetaSource()), r.figures())).toList();
    }
}
