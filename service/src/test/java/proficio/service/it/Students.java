package proficio.service.it;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import proficio.model.event.ProblemLog;
import proficio.proto.v1.GetStudentStateRequest;
import proficio.proto.v1.KnowledgeServiceGrpc.KnowledgeServiceBlockingStub;
import proficio.proto.v1.StudentState;

/** Answers for tests, and a wait until the service has applied them. */
final class Students {

    private static final AtomicLong SEQ = new AtomicLong();

    private Students() {
    }

    static ProblemLog answer(String student, String exercise, String problemType, boolean correct) {
        long now = System.currentTimeMillis();
        return ProblemLog.practice("ev-" + SEQ.incrementAndGet() + "-" + now, student, exercise, problemType, correct,
                now - 60_000 + SEQ.get());
    }

    /** A random history over a few exercises and problem types, the same for the same seed. */
    static List<ProblemLog> randomHistory(String student, int answers, long seed) {
        Random r = new Random(seed);
        String[] exercises = {"addition_1", "subtraction_1", "fractions", "place_value", "area"};
        java.util.ArrayList<ProblemLog> out = new java.util.ArrayList<>();
        for (int i = 0; i < answers; i++) {
            String e = exercises[r.nextInt(exercises.length)];
            out.add(answer(student, e, "type-" + r.nextInt(3), r.nextDouble() < 0.7));
        }
        return out;
    }

    /**
     * Sends a random history for each of {@code count} students named {@code prefix + i}, of
     * {@code answersOf(i)} answers; returns, per student, the answers sent per exercise.
     */
    static java.util.Map<String, java.util.Map<String, Long>> sendHistories(TestBroker broker, String prefix, int count,
                                                                            java.util.function.IntUnaryOperator answersOf) {
        java.util.Map<String, java.util.Map<String, Long>> sent = new java.util.TreeMap<>();
        for (int i = 0; i < count; i++) {
            String student = prefix + i;
            List<ProblemLog> history = randomHistory(student, answersOf.applyAsInt(i), i);
            history.forEach(broker::send);
            sent.put(student, history.stream().collect(java.util.stream.Collectors.groupingBy(ProblemLog::exercise,
                    java.util.TreeMap::new, java.util.stream.Collectors.counting())));
        }
        return sent;
    }

    /** Answers per exercise in a student's state. */
    static java.util.Map<String, Long> doneOf(StudentState s) {
        java.util.Map<String, Long> done = new java.util.TreeMap<>();
        for (var e : s.getExercisesList()) {
            done.put(e.getExercise(), e.getDone());
        }
        return done;
    }

    /** Polls GetStudentState until {@code exercise} shows {@code done} answers (or fails after 20 s). */
    static StudentState awaitDone(KnowledgeServiceBlockingStub stub, String student, String exercise, long done) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        StudentState s = null;
        while (System.currentTimeMillis() < deadline) {
            try {
                s = stub.getStudentState(GetStudentStateRequest.newBuilder().setStudentId(student).addExercises(exercise).build());
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() != Status.Code.UNAVAILABLE) {
                    throw e;
                }
                continue; // stores not queryable yet (start, rebalance): retryable, and the deadline bounds it
            }
            if (s.getExercisesCount() == 1 && s.getExercises(0).getDone() >= done) {
                return s;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("student " + student + " never reached done=" + done + " in " + exercise + "; last state: " + s);
    }
}
