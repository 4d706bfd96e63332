package proficio.proto.files;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import java.io.BufferedReader;
import java.nio.file.Path;
import proficio.model.event.ProblemLog;
import proficio.proto.ProblemLogs;

/**
 * One {@code proficio.v1.ProblemLog} per line in protobuf JSON; unknown fields are an error. A
 * record without an event_id gets {@code <file name>:<line number>}; the student prefix is put
 * before student_id.
 */
final class JsonlReader extends LineReader {

    private final JsonFormat.Parser parser = JsonFormat.parser();

    JsonlReader(Path file, BufferedReader in, String studentPrefix) {
        super(file, in, studentPrefix);
    }

    @Override
    public FileFormat format() {
        return FileFormat.JSONL;
    }

    @Override
    protected ProblemLog parse(String line, long lineNumber, long recordIndex) {
        proficio.proto.v1.ProblemLog.Builder b = proficio.proto.v1.ProblemLog.newBuilder();
        try {
            parser.merge(line, b);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("not a ProblemLog in protobuf JSON: " + e.getMessage());
        }
        if (b.getEventId().isEmpty()) {
            b.setEventId(eventId(lineNumber));
        }
        if (!b.getStudentId().isEmpty()) {
            b.setStudentId(studentPrefix + b.getStudentId());
        }
        try {
            return ProblemLogs.toModel(b.build());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("time_done is out of range");
        }
    }
}
