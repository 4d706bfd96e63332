package proficio.proto;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import proficio.model.event.CardType;
import proficio.model.event.ProblemLog;

class ProblemLogsTest {

    @Test
    void roundTrip_keepsEveryField() {
        ProblemLog log = new ProblemLog("e1", "s1", "addition_1", "type-a", 3, true, 1_700_000_000_123L, 4500, 1, 2,
                CardType.MASTERY, "task-9");
        assertThat(ProblemLogs.toModel(ProblemLogs.toWire(log))).isEqualTo(log);
    }

    @Test
    void unspecifiedCardType_readsAsPractice() {
        proficio.proto.v1.ProblemLog wire = proficio.proto.v1.ProblemLog.newBuilder().setEventId("e").setStudentId("s")
                .setExercise("x").build();
        assertThat(ProblemLogs.toModel(wire).cardType()).isEqualTo(CardType.PRACTICE);
    }

    @Test
    void timestamps_roundTripMillisBeforeAndAfterTheEpoch() {
        for (long ms : new long[] {0, 1, 999, 1000, -1, -1001, 1_700_000_000_123L}) {
            assertThat(ProblemLogs.Timestamps.toMillis(ProblemLogs.Timestamps.fromMillis(ms))).isEqualTo(ms);
        }
    }
}
