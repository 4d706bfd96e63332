package proficio.loadtest.simulate;

import proficio.model.event.ProblemLog;

/**
 * One answer of a stream, with what the service should show once it has applied it.
 *
 * @param doneInExercise the student's answers in this exercise counting this one: {@code done} in
 *                       GetStudentState reaches it when this answer is visible
 */
public record SourcedAnswer(ProblemLog log, long doneInExercise) {
}
