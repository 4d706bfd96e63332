package proficio.trainer.input;

import java.io.IOException;
import proficio.proto.files.MalformedRecordException;
import proficio.trainer.Progress;

/**
 * Where the event log comes from: files or the {@code problem-logs} topic. A source reads every
 * record once, in an order that keeps each student's events in log order, and hands each to an
 * {@link Intake}, which validates it, counts what it refuses and passes the rest on.
 */
public interface EventSource {

    /** What is read, in words, for reports and the model's provenance. */
    String describe();

    /**
     * Reads everything.
     *
     * @throws MalformedRecordException a line of a file that is not a record at all (file, line, problem named)
     */
    void read(Intake intake, Progress.Factory progress) throws IOException, MalformedRecordException;
}
