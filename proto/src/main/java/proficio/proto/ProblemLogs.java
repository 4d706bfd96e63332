package proficio.proto;

import com.google.protobuf.Timestamp;
import proficio.model.event.CardType;
import proficio.model.event.ProblemLog;

/** Converts ProblemLog between its wire form and the model's value. */
public final class ProblemLogs {

    private ProblemLogs() {
    }

    public static ProblemLog toModel(proficio.proto.v1.ProblemLog wire) {
        return new ProblemLog(
                wire.getEventId(),
                wire.getStudentId(),
                wire.getExercise(),
                wire.getProblemType(),
                wire.getProblemNumber(),
                wire.getCorrect(),
                Timestamps.toMillis(wire.getTimeDone()),
                wire.getTimeTakenMs(),
                wire.getHintCount(),
                wire.getAttemptCount(),
                cardType(wire.getCardType()),
                wire.getTaskId());
    }

    public static proficio.proto.v1.ProblemLog toWire(ProblemLog log) {
        return proficio.proto.v1.ProblemLog.newBuilder()
                .setEventId(log.eventId())
                .setStudentId(log.studentId())
                .setExercise(log.exercise())
                .setProblemType(log.problemType())
                .setProblemNumber(log.problemNumber())
                .setCorrect(log.correct())
                .setTimeDone(Timestamps.fromMillis(log.timeDoneMs()))
                .setTimeTakenMs(log.timeTakenMs())
                .setHintCount(log.hintCount())
                .setAttemptCount(log.attemptCount())
                .setCardType(proficio.proto.v1.CardType.valueOf("CARD_TYPE_" + log.cardType().name()))
                .setTaskId(log.taskId())
                .build();
    }

    /** UNSPECIFIED and values from a newer schema read as PRACTICE: the answer still counts. */
    static CardType cardType(proficio.proto.v1.CardType wire) {
        return switch (wire) {
            case CARD_TYPE_MASTERY -> CardType.MASTERY;
            case CARD_TYPE_REVIEW -> CardType.REVIEW;
            case CARD_TYPE_CHALLENGE -> CardType.CHALLENGE;
            case CARD_TYPE_ANALYTICS -> CardType.ANALYTICS;
            case CARD_TYPE_TUTORIAL -> CardType.TUTORIAL;
            case CARD_TYPE_PRACTICE, CARD_TYPE_UNSPECIFIED, UNRECOGNIZED -> CardType.PRACTICE;
        };
    }

    /** Milliseconds ↔ Timestamp, rounding toward the past as Kafka timestamps do. */
    public static final class Timestamps {
        private Timestamps() {
        }

        public static long toMillis(Timestamp t) {
            return Math.addExact(Math.multiplyExact(t.getSeconds(), 1000L), t.getNanos() / 1_000_000);
        }

        public static Timestamp fromMillis(long ms) {
            return Timestamp.newBuilder()
                    .setSeconds(Math.floorDiv(ms, 1000L))
                    .setNanos((int) Math.floorMod(ms, 1000L) * 1_000_000)
                    .build();
        }
    }
}
