package proficio.model.predict;

/**
 * Where a model's weights came from, kept with them and shown to whoever asks.
 *
 * @param trainedAtMs    when it was fitted, epoch milliseconds (0 when not known)
 * @param trainedOn      a description of the data it was fitted on
 * @param trainingRows   rows it was fitted on (0 when not known)
 * @param notes          free text: the method, a source paper, anything a reader should know
 */
public record Provenance(long trainedAtMs, String trainedOn, long trainingRows, String notes) {
    public Provenance {
        trainedOn = trainedOn == null ? "" : trainedOn;
        notes = notes == null ? "" : notes;
    }
}
