package proficio.proto.files;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import proficio.model.event.CardType;
import proficio.model.event.ProblemLog;

/**
 * Gervet et al.'s ASSISTments 2009 preprocessing: tab-separated, header
 * {@code user_id item_id timestamp correct skill_id}. Student = prefix + user_id, exercise = skill_id,
 * problem type = item_id, correct = 1/0. The timestamp there is always 0 and file order is time, so
 * a 0 timestamp becomes {@link #BASE_TIME} plus one second per record; any other timestamp is read
 * as Unix seconds.
 */
final class GervetTsvReader extends LineReader {

    /** Time of the first record when the file has no timestamps. */
    static final Instant BASE_TIME = Instant.parse("2009-09-01T00:00:00Z");
    private static final List<String> COLUMNS = List.of("user_id", "item_id", "timestamp", "correct", "skill_id");

    private final int columns;
    private final int user;
    private final int item;
    private final int timestamp;
    private final int correct;
    private final int skill;

    GervetTsvReader(Path file, BufferedReader in, String studentPrefix) throws IOException, MalformedRecordException {
        super(file, in, studentPrefix);
        String header = readHeader();
        if (header == null) {
            throw malformed("the file is empty; expected the header " + String.join("\\t", COLUMNS));
        }
        List<String> names = List.of(header.split("\t", -1)).stream().map(String::strip).toList();
        for (String c : COLUMNS) {
            if (!names.contains(c)) {
                throw malformed("the header has no column " + c + "; a gervet-tsv header is tab-separated "
                        + String.join(" ", COLUMNS) + ", was '" + header + "'");
            }
        }
        columns = names.size();
        user = names.indexOf("user_id");
        item = names.indexOf("item_id");
        timestamp = names.indexOf("timestamp");
        correct = names.indexOf("correct");
        skill = names.indexOf("skill_id");
    }

    @Override
    public FileFormat format() {
        return FileFormat.GERVET_TSV;
    }

    @Override
    protected ProblemLog parse(String line, long lineNumber, long recordIndex) {
        String[] f = line.split("\t", -1);
        if (f.length != columns) {
            throw new IllegalArgumentException("expected " + columns + " tab-separated fields as in the header, found "
                    + f.length);
        }
        boolean right = switch (f[correct].strip()) {
            case "1" -> true;
            case "0" -> false;
            default -> throw new IllegalArgumentException("correct must be 1 or 0, was '" + f[correct] + "'");
        };
        long ts = parseLong("timestamp", f[timestamp]);
        if (ts < 0) {
            throw new IllegalArgumentException("timestamp must not be negative, was " + ts);
        }
        long timeDoneMs = ts == 0
                ? BASE_TIME.toEpochMilli() + recordIndex * 1000L
                : Math.multiplyExact(ts, 1000L);
        return new ProblemLog(eventId(lineNumber), studentPrefix + f[user].strip(), f[skill].strip(),
                f[item].strip(), 0, right, timeDoneMs, 0, 0, right ? 1 : 0, CardType.PRACTICE, "");
    }
}
