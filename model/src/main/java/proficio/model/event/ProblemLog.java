package proficio.model.event;

import java.util.Objects;

/**
 * One answer a student gave, as the learning platform logs it (Khan / Junyi Academy problem log).
 *
 * @param eventId       unique id of this answer, used to apply a retried delivery once
 * @param studentId     who answered; also the Kafka key, so one student's answers stay in order
 * @param exercise      the exercise (skill) the problem belongs to
 * @param problemType   the item template within the exercise; "" when the platform has none
 * @param problemNumber the platform's own attempt number, 0 when not given (Proficio counts itself)
 * @param correct       first answer right and no hint taken
 * @param timeDoneMs    event time, epoch milliseconds
 * @param timeTakenMs   time spent on the problem
 * @param hintCount     hints taken
 * @param attemptCount  answers submitted until right
 * @param cardType      the card the problem was served on
 * @param taskId        practice task or mastery challenge it belongs to, "" when none
 */
public record ProblemLog(
        String eventId,
        String studentId,
        String exercise,
        String problemType,
        int problemNumber,
        boolean correct,
        long timeDoneMs,
        long timeTakenMs,
        int hintCount,
        int attemptCount,
        CardType cardType,
        String taskId) {

    public ProblemLog {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(studentId, "studentId");
        Objects.requireNonNull(exercise, "exercise");
        problemType = problemType == null ? "" : problemType;
        cardType = cardType == null ? CardType.PRACTICE : cardType;
        taskId = taskId == null ? "" : taskId;
    }

    /** A practice answer with only the fields the knowledge model reads; handy for tests and replays. */
    public static ProblemLog practice(String eventId, String studentId, String exercise, String problemType,
                                      boolean correct, long timeDoneMs) {
        return new ProblemLog(eventId, studentId, exercise, problemType, 0, correct, timeDoneMs,
                0, 0, correct ? 1 : 0, CardType.PRACTICE, "");
    }
}
