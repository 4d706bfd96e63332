package proficio.service.quality;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * A range of UTC days of event time, both ends inclusive, as the quality calls take it: to_day unset
 * is today, from_day unset is 29 days before to_day (30 days), at most {@value #MAX_DAYS} days.
 */
record DayRange(LocalDate from, LocalDate to) {

    static final int MAX_DAYS = 366;
    static final int DEFAULT_DAYS = 30;

    static DayRange of(String fromField, String fromDay, String toField, String toDay, LocalDate today) {
        LocalDate to = toDay.isEmpty() ? today : day(toField, toDay);
        LocalDate from = fromDay.isEmpty() ? to.minusDays(DEFAULT_DAYS - 1) : day(fromField, fromDay);
        if (from.isAfter(to)) {
            throw invalid(fromField, from + " is after " + toField + " " + to);
        }
        if (to.toEpochDay() - from.toEpochDay() + 1 > MAX_DAYS) {
            throw invalid(fromField, "the range " + from + ".." + to + " is longer than " + MAX_DAYS + " days");
        }
        return new DayRange(from, to);
    }

    int fromDay() {
        return Math.toIntExact(from.toEpochDay());
    }

    int toDay() {
        return Math.toIntExact(to.toEpochDay());
    }

    private static LocalDate day(String field, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw invalid(field, "'" + value + "' is not a day as YYYY-MM-DD");
        }
    }

    static StatusRuntimeException invalid(String field, String reason) {
        return Status.INVALID_ARGUMENT.withDescription(field + ": " + reason).asRuntimeException();
    }
}
