package proficio.model.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProblemLogValidatorTest {

    private static final long LOGGED_AT = 1_700_000_000_000L;
    private static final long SKEW = 60_000L;
    private final ProblemLogValidator validator = new ProblemLogValidator(SKEW);

    private static ProblemLog log(String eventId, String studentId, String exercise, String problemType,
                                  int problemNumber, long timeDone, long timeTaken, int hints, int attempts) {
        return new ProblemLog(eventId, studentId, exercise, problemType, problemNumber, true, timeDone, timeTaken,
                hints, attempts, CardType.PRACTICE, "");
    }

    private static ProblemLog good() {
        return log("ev-1", "student-1", "addition_1", "type-a", 3, LOGGED_AT - 500, 12_000, 1, 2);
    }

    private Optional<String> field(ProblemLog log, String key) {
        return validator.validate(log, key, LOGGED_AT).map(Violation::field);
    }

    @Test
    void recordWithoutKey_isRefusedOnStudentId() {
        // Without the student id as key, a student's answers could land on several partitions.
        assertThat(validator.validate(good(), null, LOGGED_AT)).get()
                .satisfies(v -> assertThat(v.field()).isEqualTo("student_id"))
                .satisfies(v -> assertThat(v.reason()).contains("no key"));
    }

    @Test
    void goodEvent_passes() {
        assertThat(validator.validate(good(), "student-1", LOGGED_AT)).isEmpty();
        // empty problem type and zero counts are fine
        assertThat(validator.validate(log("e", "s", "x", "", 0, 1, 0, 0, 0), "s", LOGGED_AT)).isEmpty();
    }

    @Test
    void blankStudentId_isAStudentIdViolation() {
        assertThat(field(log("ev", "", "addition", "", 0, LOGGED_AT, 0, 0, 0), null)).contains("student_id");
        assertThat(field(log("ev", "  \t", "addition", "", 0, LOGGED_AT, 0, 0, 0), null)).contains("student_id");
    }

    @Test
    void blankExercise_isAnExerciseViolation() {
        assertThat(field(log("ev", "s", "", "", 0, LOGGED_AT, 0, 0, 0), "s")).contains("exercise");
        assertThat(field(log("ev", "s", "   ", "", 0, LOGGED_AT, 0, 0, 0), "s")).contains("exercise");
    }

    @Test
    void blankEventId_isAnEventIdViolation() {
        assertThat(field(log("", "s", "addition", "", 0, LOGGED_AT, 0, 0, 0), "s")).contains("event_id");
        assertThat(field(log(" ", "s", "addition", "", 0, LOGGED_AT, 0, 0, 0), "s")).contains("event_id");
    }

    @Test
    void keyThatDiffersFromStudentId_isAStudentIdViolation() {
        Optional<Violation> v = validator.validate(good(), "student-2", LOGGED_AT);
        assertThat(v).map(Violation::field).contains("student_id");
        assertThat(v.orElseThrow().reason()).contains("student-2");
        // an over-long key is abbreviated in the reason
        String longKey = "k".repeat(500);
        assertThat(validator.validate(good(), longKey, LOGGED_AT).orElseThrow().reason()).doesNotContain(longKey);
    }

    @Test
    void timeDoneNotPositive_isATimeDoneViolation() {
        assertThat(field(log("ev", "s", "x", "", 0, 0, 0, 0, 0), "s")).contains("time_done");
        assertThat(field(log("ev", "s", "x", "", 0, -1, 0, 0, 0), "s")).contains("time_done");
        assertThat(field(log("ev", "s", "x", "", 0, 1, 0, 0, 0), "s")).isEmpty();
    }

    @Test
    void timeDoneTooFarAfterLoggedAt_isATimeDoneViolation() {
        // allowed up to loggedAt + skew inclusive
        assertThat(field(log("ev", "s", "x", "", 0, LOGGED_AT + SKEW, 0, 0, 0), "s")).isEmpty();
        assertThat(field(log("ev", "s", "x", "", 0, LOGGED_AT + SKEW + 1, 0, 0, 0), "s")).contains("time_done");
        // judged against loggedAt, not the wall clock: an old record replayed today still passes
        assertThat(new ProblemLogValidator(0).validate(log("ev", "s", "x", "", 0, 1_000, 0, 0, 0), "s", 1_000))
                .isEmpty();
        assertThat(new ProblemLogValidator(0).validate(log("ev", "s", "x", "", 0, 1_001, 0, 0, 0), "s", 1_000))
                .map(Violation::field).contains("time_done");
    }

    @Test
    void negativeCounts_nameTheirField() {
        assertThat(field(log("ev", "s", "x", "", -1, LOGGED_AT, 0, 0, 0), "s")).contains("problem_number");
        assertThat(field(log("ev", "s", "x", "", 0, LOGGED_AT, -1, 0, 0), "s")).contains("time_taken_ms");
        assertThat(field(log("ev", "s", "x", "", 0, LOGGED_AT, 0, -1, 0), "s")).contains("hint_count");
        assertThat(field(log("ev", "s", "x", "", 0, LOGGED_AT, 0, 0, -1), "s")).contains("attempt_count");
    }

    @Test
    void overLongIds_nameTheirField() {
        String max = "a".repeat(ProblemLogValidator.MAX_ID_LENGTH);
        String tooLong = max + "a";
        assertThat(ProblemLogValidator.MAX_ID_LENGTH).isEqualTo(256);

        assertThat(field(log(tooLong, "s", "x", "", 0, LOGGED_AT, 0, 0, 0), "s")).contains("event_id");
        assertThat(field(log("ev", tooLong, "x", "", 0, LOGGED_AT, 0, 0, 0), tooLong)).contains("student_id");
        assertThat(field(log("ev", "s", tooLong, "", 0, LOGGED_AT, 0, 0, 0), "s")).contains("exercise");
        assertThat(field(log("ev", "s", "x", tooLong, 0, LOGGED_AT, 0, 0, 0), "s")).contains("problem_type");
        // exactly the limit is fine
        assertThat(field(log(max, max, max, max, 0, LOGGED_AT, 0, 0, 0), max)).isEmpty();
    }

    @Test
    void violation_saysFieldAndReason() {
        Violation v = validator.validate(log("", "s", "x", "", 0, LOGGED_AT, 0, 0, 0), "s", LOGGED_AT).orElseThrow();
        assertThat(v.reason()).isNotBlank();
        assertThat(v.toString()).startsWith("event_id: ");
    }

    @Test
    void constructor_rejectsNegativeSkew() {
        assertThatThrownBy(() -> new ProblemLogValidator(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void problemLog_defaultsOptionalFields() {
        ProblemLog l = new ProblemLog("e", "s", "x", null, 0, true, 1, 0, 0, 1, null, null);
        assertThat(l.problemType()).isEmpty();
        assertThat(l.cardType()).isEqualTo(CardType.PRACTICE);
        assertThat(l.taskId()).isEmpty();
        assertThatThrownBy(() -> new ProblemLog(null, "s", "x", "", 0, true, 1, 0, 0, 1, null, null))
                .isInstanceOf(NullPointerException.class);
    }
}
