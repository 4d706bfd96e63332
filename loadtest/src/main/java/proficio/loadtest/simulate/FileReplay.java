package proficio.loadtest.simulate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import proficio.proto.files.FileFormat;
import proficio.proto.files.MalformedRecordException;
import proficio.proto.files.ProblemLogReader;

/**
 * A dataset file (Gervet TSV, Junyi CSV, JSON lines: the readers {@code proficio send-file} uses)
 * replayed as a stream, in file order. Counts each student's answers per exercise as it goes.
 */
public final class FileReplay implements AnswerSource {

    private final ProblemLogReader reader;
    private final Map<String, Long> done = new HashMap<>();

    private FileReplay(ProblemLogReader reader) {
        this.reader = reader;
    }

    /** @param format null to guess it from the file; @param studentPrefix put before each student id */
    public static FileReplay open(Path file, FileFormat format, String studentPrefix) throws IOException {
        try {
            return new FileReplay(ProblemLogReader.open(file, format, studentPrefix));
        } catch (MalformedRecordException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public SourcedAnswer next() throws IOException {
        try {
            var log = reader.next();
            if (log == null) {
                return null;
            }
            long n = done.merge(log.studentId() + '\u0000' + log.exercise(), 1L, Long::sum);
            return new SourcedAnswer(log, n);
        } catch (MalformedRecordException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
