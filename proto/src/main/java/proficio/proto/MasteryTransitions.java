package proficio.proto;

import proficio.model.mastery.MasteryLevel;
import proficio.model.mastery.Transition;
import proficio.proto.ProblemLogs.Timestamps;
import proficio.proto.v1.CardType;
import proficio.proto.v1.MasteryTransition;

/** Converts the mastery rules' values to their wire form. */
public final class MasteryTransitions {

    private MasteryTransitions() {
    }

    /** The record for {@code mastery-transitions}: {@code t}, caused by event {@code eventId} of {@code studentId}. */
    public static MasteryTransition toWire(String studentId, String eventId, Transition t) {
        MasteryTransition.Builder b = MasteryTransition.newBuilder()
                .setStudentId(studentId)
                .setExercise(t.exercise())
                .setFromLevel(level(t.from()))
                .setToLevel(level(t.to()))
                .setReason(t.reason())
                .setRule(t.rule().name())
                .setModelVersion(t.modelVersion())
                .setP(t.p())
                .setThreshold(t.threshold())
                .setEventTime(Timestamps.fromMillis(t.eventTimeMs()))
                .setEventId(eventId)
                .setCardType(CardType.valueOf("CARD_TYPE_" + t.cardType().name()))
                .setReviewIntervalMs(t.reviewIntervalMs());
        if (t.to() != MasteryLevel.UNPRACTICED) {
            b.setNextDue(Timestamps.fromMillis(t.nextDueMs()));
        }
        return b.build();
    }

    public static proficio.proto.v1.MasteryLevel level(MasteryLevel level) {
        return proficio.proto.v1.MasteryLevel.valueOf("MASTERY_LEVEL_" + level.name());
    }
}
