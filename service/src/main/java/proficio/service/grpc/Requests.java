package proficio.service.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import proficio.model.event.ProblemLogValidator;

/** Argument checks for the gRPC calls: INVALID_ARGUMENT naming the field and the reason. */
final class Requests {

    private Requests() {
    }

    static String studentId(String value) {
        return id("student_id", value);
    }

    /** Exercise names: each non-blank and not too long, no repeats, at most {@code max}. */
    static List<String> exercises(List<String> values, int max) {
        if (values.size() > max) {
            throw invalid("exercises", "at most " + max + " per call, got " + values.size());
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            String e = id("exercises[" + i + "]", values.get(i));
            if (!seen.add(e)) {
                throw invalid("exercises[" + i + "]", "'" + e + "' is listed twice");
            }
        }
        return values;
    }

    static StatusRuntimeException invalid(String field, String reason) {
        return Status.INVALID_ARGUMENT.withDescription(field + ": " + reason).asRuntimeException();
    }

    /** A limit in 0..max; 0 means {@code dflt}. */
    static int limit(String field, int value, int dflt, int max) {
        if (value < 0 || value > max) {
            throw invalid(field, "must be in 0.." + max + " (0: " + dflt + "), was " + value);
        }
        return value == 0 ? dflt : value;
    }

    /** A mission name: may be empty (exercises without a mission), not too long. */
    static String mission(String value) {
        if (value.length() > ProblemLogValidator.MAX_ID_LENGTH) {
            throw invalid("mission", "longer than " + ProblemLogValidator.MAX_ID_LENGTH + " characters");
        }
        return value;
    }

    /** A wait: unset → {@code dflt}; negative or over {@code max} refused. */
    static java.time.Duration timeout(boolean set, com.google.protobuf.Duration value, java.time.Duration dflt,
                                      java.time.Duration max) {
        if (!set) {
            return dflt;
        }
        java.time.Duration d = java.time.Duration.ofSeconds(value.getSeconds(), value.getNanos());
        if (d.isNegative() || d.compareTo(max) > 0) {
            throw invalid("timeout", "must be between 0 and " + max.toSeconds() + " s, was " + d);
        }
        return d;
    }

    private static String id(String field, String value) {
        if (value.isBlank()) {
            throw invalid(field, "missing or blank");
        }
        if (value.length() > ProblemLogValidator.MAX_ID_LENGTH) {
            throw invalid(field, "longer than " + ProblemLogValidator.MAX_ID_LENGTH + " characters");
        }
        return value;
    }
}
