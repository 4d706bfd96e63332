package proficio.model.quality;

/** One cell of the quality figures: what it is about, and the figures. */
public record QualityRow(QualityKey key, QualityFigures figures) {
}
