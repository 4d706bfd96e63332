package proficio.cli;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import proficio.model.event.CardType;
import proficio.model.event.ProblemLog;
import proficio.model.event.ProblemLogValidator;
import proficio.model.event.Violation;

/**
 * The options that describe one answer, shared by {@code send} (straight to Kafka) and {@code record}
 * (through the service's RecordAttempt), so both build the same {@link ProblemLog} from the same flags.
 */
final class AnswerOptions {

    @Option(names = "--student", required = true, paramLabel = "S", description = "Student id (also the record key).")
    String student;

    @Option(names = "--exercise", required = true, paramLabel = "E", description = "Exercise (skill).")
    String exercise;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Outcome outcome;

    static final class Outcome {
        @Option(names = "--correct", required = true, description = "First answer right, no hint.")
        boolean correct;

        @Option(names = "--wrong", required = true, description = "Wrong first answer or a hint taken.")
        boolean wrong;
    }

    @Option(names = "--problem-type", paramLabel = "T", defaultValue = "", description = "Item template within the exercise.")
    String problemType;

    @Option(names = "--time", paramLabel = "ISO-8601|now", defaultValue = "now", converter = TimeConverter.class,
            description = "When it was answered, e.g. 2024-05-01T10:15:30Z (default: now).")
    Instant time;

    @Option(names = "--event-id", paramLabel = "ID", description = "Unique event id (default: a random UUID).")
    String eventId;

    @Option(names = "--card-type", paramLabel = "TYPE", defaultValue = "PRACTICE",
            description = "One of ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    CardType cardType;

    @Option(names = "--time-taken-ms", paramLabel = "N", defaultValue = "0", description = "Time spent, in ms.")
    long timeTakenMs;

    @Option(names = "--hints", paramLabel = "N", defaultValue = "0", description = "Hints taken.")
    int hints;

    @Option(names = "--task-id", paramLabel = "ID", defaultValue = "", description = "Practice task or mastery challenge.")
    String taskId;

    /**
     * The answer these options describe, checked by the ingest path's validator (all but the time skew,
     * which is the service's to judge against its log time); a violation is a usage error naming the option.
     */
    ProblemLog toLog(CommandSpec spec) {
        String id = eventId == null ? UUID.randomUUID().toString() : eventId;
        boolean correct = outcome.correct;
        ProblemLog log = new ProblemLog(id, student, exercise, problemType, 0, correct, time.toEpochMilli(),
                timeTakenMs, hints, correct ? 1 : 0, cardType, taskId);
        Optional<Violation> v = new ProblemLogValidator(Long.MAX_VALUE).validate(log, student, System.currentTimeMillis());
        if (v.isPresent()) {
            throw new ParameterException(spec.commandLine(), "Invalid " + optionOf(v.get().field()) + ": "
                    + v.get().field() + " " + v.get().reason());
        }
        return log;
    }

    private static String optionOf(String field) {
        return switch (field) {
            case "event_id" -> "--event-id";
            case "student_id" -> "--student";
            case "exercise" -> "--exercise";
            case "problem_type" -> "--problem-type";
            case "time_done" -> "--time";
            case "time_taken_ms" -> "--time-taken-ms";
            case "hint_count" -> "--hints";
            case "task_id" -> "--task-id";
            default -> "answer";
        };
    }

    /** "now" or an ISO-8601 instant / offset date-time. */
    static final class TimeConverter implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            if (value.equalsIgnoreCase("now")) {
                return Instant.now();
            }
            try {
                return Times.parse(value);
            } catch (TypeConversionException e) {
                throw new TypeConversionException("'" + value + "' is neither 'now' nor an ISO-8601 time "
                        + "such as 2024-05-01T10:15:30Z");
            }
        }
    }

    /** An ISO-8601 instant or offset date-time, for options that take a time (no "now"). */
    static final class Times implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            return parse(value);
        }

        static Instant parse(String value) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                try {
                    return OffsetDateTime.parse(value).toInstant();
                } catch (DateTimeParseException e2) {
                    throw new TypeConversionException("'" + value + "' is not an ISO-8601 time such as 2024-05-01T10:15:30Z");
                }
            }
        }
    }
}
