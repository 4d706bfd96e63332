package proficio.proto.files;

import java.nio.file.Path;

/** A line of an input file that cannot become a valid ProblemLog: names the file, the line and the problem. */
public final class MalformedRecordException extends Exception {

    private final Path file;
    private final long line;
    private final String problem;

    public MalformedRecordException(Path file, long line, String problem) {
        super(file + ", line " + line + ": " + problem);
        this.file = file;
        this.line = line;
        this.problem = problem;
    }

    public Path file() {
        return file;
    }

    public long line() {
        return line;
    }

    public String problem() {
        return problem;
    }
}
