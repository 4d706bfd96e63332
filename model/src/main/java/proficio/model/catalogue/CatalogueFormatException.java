package proficio.model.catalogue;

/** A catalogue file that cannot be read, with the file, the line (1-based; 0 when none) and the problem. */
public final class CatalogueFormatException extends RuntimeException {

    private final String source;
    private final int line;
    private final String problem;

    public CatalogueFormatException(String source, int line, String problem) {
        super(source + (line > 0 ? ":" + line : "") + ": " + problem);
        this.source = source;
        this.line = line;
        this.problem = problem;
    }

    public String source() {
        return source;
    }

    public int line() {
        return line;
    }

    public String problem() {
        return problem;
    }
}
