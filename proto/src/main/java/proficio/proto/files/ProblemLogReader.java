package proficio.proto.files;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import proficio.model.event.ProblemLog;

/**
 * Reads answers from a file one at a time, validating each as it goes, so the caller can send them
 * in a streaming fashion and stop at the first malformed line.
 */
public interface ProblemLogReader extends AutoCloseable {

    /**
     * @return the next answer, or null at the end of the file
     * @throws MalformedRecordException for a line that is not a valid answer (file, line and problem named)
     */
    ProblemLog next() throws IOException, MalformedRecordException;

    /** The format being read. */
    FileFormat format();

    /** The file being read. */
    Path file();

    /** The line of the record {@link #next} returned last (1-based, the header counted). */
    long lineNumber();

    @Override
    void close() throws IOException;

    /**
     * Opens {@code file}.
     *
     * @param format        the format, or null to guess it from the header and the file name
     * @param studentPrefix put before every student id ("" for none)
     */
    static ProblemLogReader open(Path file, FileFormat format, String studentPrefix)
            throws IOException, MalformedRecordException {
        return open(file, format, studentPrefix, true);
    }

    /**
     * Opens {@code file}, as {@link #open(Path, FileFormat, String)} does.
     *
     * @param validate false to return records that parse but fail {@link proficio.model.event.ProblemLogValidator},
     *                 for a caller that validates, counts and skips them itself (the trainer); a line
     *                 that does not parse is an error either way
     */
    static ProblemLogReader open(Path file, FileFormat format, String studentPrefix, boolean validate)
            throws IOException, MalformedRecordException {
        FileFormat f = format;
        if (f == null) {
            String first;
            try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                first = r.readLine();
            }
            f = FileFormat.guess(file.getFileName().toString(), first);
            if (f == null) {
                throw new MalformedRecordException(file, 1, "cannot tell the format from the file name or the "
                        + "header; give --format gervet-tsv, junyi-csv or jsonl");
            }
        }
        BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        try {
            LineReader reader = switch (f) {
                case GERVET_TSV -> new GervetTsvReader(file, in, studentPrefix);
                case JUNYI_CSV -> new JunyiCsvReader(file, in, studentPrefix);
                case JSONL -> new JsonlReader(file, in, studentPrefix);
            };
            return reader.validating(validate);
        } catch (IOException | MalformedRecordException | RuntimeException e) {
            in.close();
            throw e;
        }
    }
}
