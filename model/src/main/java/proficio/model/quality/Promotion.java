package proficio.model.quality;

import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Whether a candidate model's live figures beat the active model's: over a window of days, on the
 * answers both scored, each with at least a floor of samples, by mean log-likelihood.
 *
 * <p>The candidate is scored in the same pass as the active model, so on a day it was candidate all
 * day both scored the same answers. The active model's figures are taken on the days the candidate
 * has figures only; on the day the candidate arrived the active one also scored the answers before it
 * (a small mismatch that a window of several days dilutes).
 */
public final class Promotion {

    private Promotion() {
    }

    /**
     * @param promote   whether the candidate beats the active model
     * @param active    the active version's figures on the candidate's days
     * @param candidate the candidate's figures
     * @param reason    why, in words, with the numbers
     */
    public record Verdict(boolean promote, QualityFigures active, QualityFigures candidate, String reason) {
    }

    /**
     * @param rows       quality cells over the window (any exercises; one exercise's, or the over-all row's)
     * @param minSamples the floor each model must reach
     */
    public static Verdict decide(List<QualityRow> rows, String activeVersion, String candidateVersion, long minSamples) {
        if (activeVersion.equals(candidateVersion)) {
            throw new IllegalArgumentException("the candidate " + candidateVersion + " is the active version");
        }
        QualityFigures candidate = QualityFigures.EMPTY;
        TreeSet<Integer> days = new TreeSet<>();
        for (QualityRow r : rows) {
            QualityKey k = r.key();
            if (k.role() == ModelRole.CANDIDATE && k.modelVersion().equals(candidateVersion)) {
                candidate = candidate.plus(r.figures());
                days.add(k.epochDay());
            }
        }
        QualityFigures active = QualityFigures.EMPTY;
        for (QualityRow r : rows) {
            QualityKey k = r.key();
            if (k.role() == ModelRole.ACTIVE && k.modelVersion().equals(activeVersion) && days.contains(k.epochDay())) {
                active = active.plus(r.figures());
            }
        }
        String figures = String.format(Locale.ROOT, "candidate %s mean log-likelihood %.6f over %d answers, active %s %.6f over %d",
                candidateVersion, candidate.meanLogLikelihood(), candidate.samples(), activeVersion,
                active.meanLogLikelihood(), active.samples());
        if (candidate.samples() < minSamples || active.samples() < minSamples) {
            return new Verdict(false, active, candidate, "too few answers: " + figures + " (floor " + minSamples + " each)");
        }
        if (candidate.meanLogLikelihood() > active.meanLogLikelihood()) {
            return new Verdict(true, active, candidate, "live " + figures);
        }
        return new Verdict(false, active, candidate, "not better live: " + figures);
    }
}
