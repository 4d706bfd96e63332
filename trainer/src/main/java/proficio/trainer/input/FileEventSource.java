package proficio.trainer.input;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Collectors;
import proficio.model.event.ProblemLog;
import proficio.proto.files.FileFormat;
import proficio.proto.files.MalformedRecordException;
import proficio.proto.files.ProblemLogReader;
import proficio.trainer.Progress;

/**
 * Answer files (Gervet TSV, Junyi/Khan CSV, JSON lines: the readers {@code proficio send-file} uses),
 * read in the order given, each in file order, which is taken as log order. A file has no log time,
 * so an event's time_done stands in for it. A worker of a scale-out run reads every file and replays
 * the students whose id hashes to it ({@link Shard#ownsStudent}); record times still count every record. A line that is no record at all stops the run with the
 * file, line and problem; a record that parses but breaks a validation rule is counted and skipped.
 */
public final class FileEventSource implements EventSource {

    private final List<Path> files;
    private final FileFormat format;
    private final String studentPrefix;
    private final boolean holdOut;

    /**
     * @param format        null to tell each file's format from its header and name
     * @param studentPrefix put before every student id ("" for none)
     * @param holdOut       these files are the hold-out (their rows are for evaluation only)
     */
    public FileEventSource(List<Path> files, FileFormat format, String studentPrefix, boolean holdOut) {
        this.files = List.copyOf(files);
        this.format = format;
        this.studentPrefix = studentPrefix == null ? "" : studentPrefix;
        this.holdOut = holdOut;
    }

    public List<Path> files() {
        return files;
    }

    @Override
    public String describe() {
        return files.stream().map(Path::toString).collect(Collectors.joining(", "));
    }

    @Override
    public void read(Intake intake, Progress.Factory progress) throws IOException, MalformedRecordException {
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new MalformedRecordException(file, 0, "no such file");
            }
            try (ProblemLogReader reader = open(file);
                 Progress p = progress.start("read " + file.getFileName(), countLines(file), "lines")) {
                long lastLine = 0;
                ProblemLog log;
                while ((log = next(reader, file)) != null) {
                    long line = reader.lineNumber();
                    if (!intake.shard().ownsStudent(log.studentId())) {
                        intake.otherWorker();
                        continue;
                    }
                    intake.offer(log, log.studentId(), log.timeDoneMs(), () -> file.getFileName() + ":" + line, holdOut);
                    if (line - lastLine >= 4096) {
                        p.step(line - lastLine);
                        lastLine = line;
                    }
                }
                p.step(reader.lineNumber() - lastLine);
            }
        }
    }

    private ProblemLogReader open(Path file) throws IOException, MalformedRecordException {
        try {
            return ProblemLogReader.open(file, format, studentPrefix, false);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new MalformedRecordException(file, 1, "not UTF-8 text (is it an answer file?)");
        }
    }

    private static ProblemLog next(ProblemLogReader reader, Path file) throws IOException, MalformedRecordException {
        try {
            return reader.next();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new MalformedRecordException(file, reader.lineNumber() + 1, "not UTF-8 text (is it an answer file?)");
        }
    }

    /** Newlines in the file (a last line without one counted too): the progress bar's total. */
    static long countLines(Path file) throws IOException {
        long lines = 0;
        byte last = '\n';
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(1 << 20);
            while (ch.read(buf) > 0) {
                buf.flip();
                while (buf.hasRemaining()) {
                    last = buf.get();
                    if (last == '\n') {
                        lines++;
                    }
                }
                buf.clear();
            }
        }
        return last == '\n' ? lines : lines + 1;
    }
}
