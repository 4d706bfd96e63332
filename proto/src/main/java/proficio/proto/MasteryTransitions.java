package proficio.proto;

import java.util.function.Function;
import java.util.function.IntFunction;
import proficio.model.mastery.MasteryLevel;
import proficio.model.mastery.Transition;
import proficio.proto.ProblemLogs.Timestamps;
import proficio.proto.v1.CardType;
import proficio.proto.v1.MasteryTransition;

/** Converts the mastery rules' values to their wire form. */
public final class MasteryTransitions {

    // Resolved once by name (the wire enums mirror the model's, prefixed): a lookup per call would build a
    // string and search the enum's name table, and RankExercises maps thousands of levels per reply.
    private static final proficio.proto.v1.MasteryLevel[] LEVELS = byOrdinal(MasteryLevel.values(),
            n -> proficio.proto.v1.MasteryLevel.valueOf("MASTERY_LEVEL_" + n), proficio.proto.v1.MasteryLevel[]::new);
    private static final CardType[] CARD_TYPES = byOrdinal(proficio.model.event.CardType.values(),
            n -> CardType.valueOf("CARD_TYPE_" + n), CardType[]::new);

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
                .setCardType(cardType(t.cardType()))
                .setReviewIntervalMs(t.reviewIntervalMs());
        if (t.to() != MasteryLevel.UNPRACTICED) {
            b.setNextDue(Timestamps.fromMillis(t.nextDueMs()));
        }
        return b.build();
    }

    public static proficio.proto.v1.MasteryLevel level(MasteryLevel level) {
        return LEVELS[level.ordinal()];
    }

    public static CardType cardType(proficio.model.event.CardType type) {
        return CARD_TYPES[type.ordinal()];
    }

    private static <E extends Enum<E>, W> W[] byOrdinal(E[] values, Function<String, W> wire,
                                                        IntFunction<W[]> array) {
        W[] out = array.apply(values.length);
        for (E v : values) {
            out[v.ordinal()] = wire.apply(v.name());
        }
        return out;
    }
}
