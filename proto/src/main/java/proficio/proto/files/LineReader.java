package proficio.proto.files;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import proficio.model.event.ProblemLog;
import proficio.model.event.ProblemLogValidator;
import proficio.model.event.Violation;

/**
 * Line-oriented reading shared by the formats: line numbers (1-based, the header included), blank
 * lines skipped, and (when validating) every record checked with the service's own
 * {@link ProblemLogValidator} so a bad answer stops the upload here instead of landing in the DLQ.
 */
abstract class LineReader implements ProblemLogReader {

    /** No future-skew limit here: the service judges that against the time the record is logged. */
    private static final ProblemLogValidator VALIDATOR = new ProblemLogValidator(Long.MAX_VALUE);

    protected final Path file;
    protected final String fileName;
    protected final String studentPrefix;
    private final BufferedReader in;
    private boolean validate = true;
    private long lineNumber;
    private long recordIndex;

    LineReader(Path file, BufferedReader in, String studentPrefix) {
        this.file = file;
        this.fileName = file.getFileName().toString();
        this.in = in;
        this.studentPrefix = studentPrefix == null ? "" : studentPrefix;
    }

    /** Whether {@link #next} checks each record with the validator (the default) or leaves it to the caller. */
    final LineReader validating(boolean on) {
        this.validate = on;
        return this;
    }

    @Override
    public final long lineNumber() {
        return lineNumber;
    }

    @Override
    public final Path file() {
        return file;
    }

    /** Reads the header line (line 1); null for an empty file. */
    protected String readHeader() throws IOException {
        String line = in.readLine();
        if (line == null) {
            return null;
        }
        lineNumber++;
        return line.startsWith("\uFEFF") ? line.substring(1) : line;
    }

    @Override
    public final ProblemLog next() throws IOException, MalformedRecordException {
        String line;
        while ((line = in.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            ProblemLog log;
            try {
                log = parse(line, lineNumber, recordIndex);
            } catch (IllegalArgumentException e) {
                throw malformed(e.getMessage());
            }
            if (validate) {
                Optional<Violation> v = VALIDATOR.validate(log, log.studentId(), System.currentTimeMillis());
                if (v.isPresent()) {
                    throw malformed(v.get().toString());
                }
            }
            recordIndex++;
            return log;
        }
        return null;
    }

    /**
     * Turns one non-blank line into an answer.
     *
     * @param recordIndex 0 for the file's first record, counting records only
     * @throws IllegalArgumentException with the problem, in words
     */
    protected abstract ProblemLog parse(String line, long lineNumber, long recordIndex);

    /** {@code <file name>:<line number>}: the same file sent twice is applied once. */
    protected String eventId(long lineNumber) {
        return fileName + ":" + lineNumber;
    }

    protected MalformedRecordException malformed(String problem) {
        return new MalformedRecordException(file, lineNumber, problem);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    static long parseLong(String column, String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(column + " must be an integer, was '" + value + "'");
        }
    }

    static int parseInt(String column, String value) {
        long v = parseLong(column, value);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(column + " is out of range: " + value);
        }
        return (int) v;
    }
}
