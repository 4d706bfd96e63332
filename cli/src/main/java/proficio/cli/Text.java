package proficio.cli;

import java.nio.charset.Charset;
import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.util.Locale;
import proficio.proto.v1.MasteryLevel;
import proficio.proto.v1.ThetaSource;

/** Small formatting helpers for the human-readable output. */
final class Text {

    private Text() {
    }

    /** An em dash where the terminal's encoding has one, else "-". */
    static String dash() {
        String enc = System.getProperty("stdout.encoding");
        try {
            Charset cs = enc == null ? Charset.defaultCharset() : Charset.forName(enc);
            return cs.newEncoder().canEncode('\u2014') ? "\u2014" : "-";
        } catch (RuntimeException e) {
            return "-";
        }
    }

    static String p4(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    /** "practiced", "level_two", ...: the level without its enum prefix. */
    static String level(MasteryLevel level) {
        return level.name().replace("MASTERY_LEVEL_", "").toLowerCase(Locale.ROOT);
    }

    /** An ISO-8601 instant, or "-" for an unset timestamp. */
    static String time(boolean set, Timestamp t) {
        return set ? Instant.ofEpochSecond(t.getSeconds(), t.getNanos()).toString() : "-";
    }

    static String thetaSource(ThetaSource s) {
        return switch (s) {
            case THETA_SOURCE_EXERCISE -> "exercise";
            case THETA_SOURCE_GLOBAL -> "global";
            default -> "unspecified";
        };
    }
}
