package proficio.model.quality;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import proficio.model.predict.ThetaSource;

/**
 * Adds quality cells up: cells read from several stores (partitions, instances) merged into one
 * series, and the per-exercise table the dashboard sorts.
 */
public final class QualitySummaries {

    /** By exercise name, then day, version, role, theta source. */
    public static final Comparator<QualityKey> KEY_ORDER = Comparator.comparing(QualityKey::exercise)
            .thenComparingInt(QualityKey::epochDay)
            .thenComparing(QualityKey::modelVersion)
            .thenComparing(QualityKey::role)
            .thenComparing(QualityKey::thetaSource);

    private QualitySummaries() {
    }

    /** One row per distinct key, its figures summed, in key order. */
    public static List<QualityRow> merge(List<QualityRow> rows) {
        TreeMap<QualityKey, QualityFigures> sum = new TreeMap<>(KEY_ORDER);
        for (QualityRow r : rows) {
            sum.merge(r.key(), r.figures(), QualityFigures::plus);
        }
        List<QualityRow> out = new ArrayList<>(sum.size());
        sum.forEach((k, f) -> out.add(new QualityRow(k, f)));
        return out;
    }

    /**
     * One exercise's line of the dashboard table over days {@code [fromDay, toDay]}.
     *
     * @param samples            answers scored by the active model (whichever version was active)
     * @param active             the active model's figures over the range
     * @param logLikelihoodChange mean log-likelihood of the active model over the later half of the range
     *                           minus the earlier half (NaN when a half has no answers): is it getting better?
     * @param candidate          the candidate's figures over the range (empty when none was scored)
     * @param candidateGain      candidate mean log-likelihood minus the active's on the same days (NaN without a candidate)
     * @param fallbackSamples    answers the active model scored through the global theta
     */
    public record ExerciseLine(String exercise, long samples, QualityFigures active, double logLikelihoodChange,
                               QualityFigures candidate, double candidateGain, long fallbackSamples) {
    }

    /** The table: one line per exercise in {@code rows} (the over-all row excluded), by exercise name. */
    public static List<ExerciseLine> table(List<QualityRow> rows, int fromDay, int toDay) {
        Map<String, List<QualityRow>> byExercise = new TreeMap<>();
        for (QualityRow r : inRange(rows, fromDay, toDay)) {
            byExercise.computeIfAbsent(r.key().exercise(), e -> new ArrayList<>()).add(r);
        }
        List<ExerciseLine> out = new ArrayList<>(byExercise.size());
        byExercise.forEach((exercise, rs) -> out.add(line(exercise, rs, fromDay, toDay)));
        return out;
    }

    /**
     * Every exercise of {@code rows} together (the over-all row excluded, so nothing counts twice), as
     * one line named {@link QualityKey#ALL_EXERCISES}: the same figures as {@link #table}'s lines, over
     * all their answers. Its samples are the sum of the table's.
     */
    public static ExerciseLine overall(List<QualityRow> rows, int fromDay, int toDay) {
        return line(QualityKey.ALL_EXERCISES, inRange(rows, fromDay, toDay), fromDay, toDay);
    }

    private static List<QualityRow> inRange(List<QualityRow> rows, int fromDay, int toDay) {
        List<QualityRow> out = new ArrayList<>(rows.size());
        for (QualityRow r : rows) {
            int d = r.key().epochDay();
            if (!r.key().exercise().equals(QualityKey.ALL_EXERCISES) && d >= fromDay && d <= toDay) {
                out.add(r);
            }
        }
        return out;
    }

    private static ExerciseLine line(String exercise, List<QualityRow> rs, int fromDay, int toDay) {
        int mid = fromDay + (toDay - fromDay + 1) / 2; // later half starts here
        QualityFigures active = QualityFigures.EMPTY;
        QualityFigures early = QualityFigures.EMPTY;
        QualityFigures late = QualityFigures.EMPTY;
        QualityFigures candidate = QualityFigures.EMPTY;
        long fallback = 0;
        Map<Integer, QualityFigures> activeByDay = new LinkedHashMap<>();
        TreeSet<Integer> candidateDays = new TreeSet<>();
        for (QualityRow r : rs) {
            if (r.key().role() == ModelRole.ACTIVE) {
                active = active.plus(r.figures());
                activeByDay.merge(r.key().epochDay(), r.figures(), QualityFigures::plus);
                if (r.key().epochDay() < mid) {
                    early = early.plus(r.figures());
                } else {
                    late = late.plus(r.figures());
                }
                if (r.key().thetaSource() == ThetaSource.GLOBAL) {
                    fallback += r.figures().samples();
                }
            } else {
                candidate = candidate.plus(r.figures());
                candidateDays.add(r.key().epochDay());
            }
        }
        QualityFigures activeOnCandidateDays = QualityFigures.EMPTY;
        for (int d : candidateDays) {
            activeOnCandidateDays = activeOnCandidateDays.plus(activeByDay.getOrDefault(d, QualityFigures.EMPTY));
        }
        double gain = candidate.samples() == 0 ? Double.NaN
                : candidate.meanLogLikelihood() - activeOnCandidateDays.meanLogLikelihood();
        return new ExerciseLine(exercise, active.samples(), active,
                late.meanLogLikelihood() - early.meanLogLikelihood(), candidate, gain, fallback);
    }
}
