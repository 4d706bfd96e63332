package proficio.service.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import proficio.model.event.ProblemLog;
import proficio.model.mastery.MasteryConfig;
import proficio.model.mastery.MasteryLevel;
import proficio.model.mastery.MasteryRule;
import proficio.model.mastery.MasteryState;
import proficio.model.predict.KnowledgeModel;
import proficio.model.state.StateUpdate;
import proficio.model.state.StudentReplay;
import proficio.proto.ProblemLogs;
import proficio.proto.v1.MasteryTransition;
import proficio.service.models.ModelLineup;
import proficio.store.ExerciseKey;
import proficio.store.Schemas;
import proficio.store.StoredExercise;
import proficio.store.TransitionKey;
import proficio.store.TransitionReader;

/** Mastery in the topology on TopologyTestDriver: rules applied per answer, transitions to their topic; no broker. */
class MasteryTopologyTest {

    private static final long T0 = 1_700_000_000_000L;
    private static final KnowledgeModel MODEL = TopologyFixture.defaultModel();

    private final StateUpdate update = new StateUpdate(MODEL.featureSpace());

    @TempDir
    Path stateDir;

    private TopologyFixture fixture;
    private TestOutputTopic<String, byte[]> transitions;
    private KeyValueStore<ExerciseKey, StoredExercise> exercises;

    @BeforeEach
    void start() {
        fixture = new TopologyFixture("mastery-topology-test", stateDir, update, () -> ModelLineup.of(MODEL));
        transitions = fixture.transitions;
        exercises = fixture.store(Schemas.EXERCISE_STORE);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private void send(ProblemLog log) {
        fixture.send(log);
    }

    private static ProblemLog right(int i) {
        return ProblemLog.practice("e" + i, "ada", "addition_1", "t1", true, T0 + i * 60_000L);
    }

    private MasteryState mastery() {
        return exercises.get(new ExerciseKey("ada", "addition_1")).mastery();
    }

    private static MasteryTransition parse(byte[] value) {
        try {
            return MasteryTransition.parseFrom(value);
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void fiveRightInARow_emitUnpracticedToPracticed_withTheModelVersionAndPJustBeforeTheFifth() {
        StudentReplay replay = new StudentReplay(update);
        double pBeforeFifth = Double.NaN;
        for (int i = 1; i <= 5; i++) {
            if (i == 5) {
                pBeforeFifth = MODEL.predict("addition_1", "t1", replay).probability();
            }
            replay.apply(right(i));
            send(right(i));
            if (i < 5) {
                assertThat(transitions.isEmpty()).as("after answer %d", i).isTrue();
            }
        }

        List<TestRecord<String, byte[]>> out = transitions.readRecordsToList();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).key()).isEqualTo("ada");
        MasteryTransition t = parse(out.get(0).value());
        assertThat(t.getStudentId()).isEqualTo("ada");
        assertThat(t.getExercise()).isEqualTo("addition_1");
        assertThat(t.getFromLevel()).isEqualTo(proficio.proto.v1.MasteryLevel.MASTERY_LEVEL_UNPRACTICED);
        assertThat(t.getToLevel()).isEqualTo(proficio.proto.v1.MasteryLevel.MASTERY_LEVEL_PRACTICED);
        assertThat(t.getRule()).isEqualTo(MasteryRule.PRACTICE_TASK_COMPLETED.name());
        assertThat(t.getModelVersion()).isEqualTo(MODEL.version());
        assertThat(t.getP()).isEqualTo(pBeforeFifth);
        assertThat(t.getP()).isBetween(0.0, 1.0);
        assertThat(t.getThreshold()).isNaN();
        assertThat(t.getEventId()).isEqualTo("e5");
        assertThat(ProblemLogs.Timestamps.toMillis(t.getEventTime())).isEqualTo(right(5).timeDoneMs());
        // PRACTICED: the mastery card is available 16 h after this promotion.
        assertThat(ProblemLogs.Timestamps.toMillis(t.getNextDue())).isEqualTo(right(5).timeDoneMs() + 16 * MasteryConfig.HOUR_MS);
        assertThat(t.getReason()).contains("5 right in a row");

        MasteryState stored = mastery();
        assertThat(stored.level()).isEqualTo(MasteryLevel.PRACTICED);
        assertThat(stored.lastPromotionMs()).isEqualTo(right(5).timeDoneMs());
        assertThat(stored.attempts()).isEqualTo(5);
        assertThat(exercises.get(new ExerciseKey("ada", "addition_1")).state()).isEqualTo(replay.exercise("addition_1"));
    }

    @Test
    void duplicateOfThePromotingAnswer_emitsNothing_andChangesNoState() {
        for (int i = 1; i <= 5; i++) {
            send(right(i));
        }
        assertThat(transitions.readRecordsToList()).hasSize(1);
        StoredExercise before = exercises.get(new ExerciseKey("ada", "addition_1"));

        send(right(5));

        assertThat(transitions.isEmpty()).isTrue();
        assertThat(exercises.get(new ExerciseKey("ada", "addition_1"))).isEqualTo(before);
        assertThat(mastery().attempts()).isEqualTo(5);
    }

    @Test
    void wrongAnswerInTheRun_restartsTheStreak_soFiveMoreRightAreNeeded() {
        for (int i = 1; i <= 4; i++) {
            send(right(i));
        }
        send(ProblemLog.practice("miss", "ada", "addition_1", "t1", false, T0 + 5 * 60_000L));
        for (int i = 6; i <= 9; i++) {
            send(right(i));
        }
        assertThat(transitions.isEmpty()).isTrue();
        assertThat(mastery().level()).isEqualTo(MasteryLevel.UNPRACTICED);

        send(right(10));

        assertThat(parse(transitions.readValue()).getEventId()).isEqualTo("e10");
        assertThat(mastery().level()).isEqualTo(MasteryLevel.PRACTICED);
    }

    @Test
    void fiveRightInARow_storeThePracticedTransition_readBackSinceATime() {
        for (int i = 1; i <= 5; i++) {
            send(right(i));
        }
        TransitionReader reader = new TransitionReader(fixture.<TransitionKey, byte[]>store(Schemas.TRANSITIONS_STORE));

        List<MasteryTransition> all = reader.since("ada", Long.MIN_VALUE, 100).stream().map(MasteryTopologyTest::parse).toList();
        assertThat(all).hasSize(1);
        MasteryTransition t = all.get(0);
        assertThat(t.getFromLevel()).isEqualTo(proficio.proto.v1.MasteryLevel.MASTERY_LEVEL_UNPRACTICED);
        assertThat(t.getToLevel()).isEqualTo(proficio.proto.v1.MasteryLevel.MASTERY_LEVEL_PRACTICED);
        assertThat(t.getEventId()).isEqualTo("e5");
        assertThat(t).isEqualTo(parse(transitions.readValue())); // the same record as on the topic

        long fifth = T0 + 5 * 60_000L;
        assertThat(reader.since("ada", fifth, 100)).hasSize(1); // since is inclusive
        assertThat(reader.since("ada", fifth + 1, 100)).isEmpty();
        assertThat(reader.since("ad", Long.MIN_VALUE, 100)).isEmpty(); // another student, a prefix of the id
    }

    @Test
    void transitionsOfOneStudent_comeBackOldestFirst_andLimited() {
        for (int i = 1; i <= 5; i++) {
            send(right(i));
        }
        for (int i = 1; i <= 5; i++) { // a second exercise, practiced earlier in event time
            send(ProblemLog.practice("b" + i, "ada", "addition_0", "t1", true, T0 - 3_600_000L + i * 60_000L));
        }
        TransitionReader reader = new TransitionReader(fixture.<TransitionKey, byte[]>store(Schemas.TRANSITIONS_STORE));

        assertThat(reader.since("ada", Long.MIN_VALUE, 100).stream().map(b -> parse(b).getExercise()).toList())
                .containsExactly("addition_0", "addition_1");
        assertThat(reader.since("ada", Long.MIN_VALUE, 1).stream().map(b -> parse(b).getExercise()).toList())
                .containsExactly("addition_0");
    }

    @Test
    void transitionsAtOneEventTime_areExactlyThatMillisecond_ofThatStudent() {
        for (int i = 1; i <= 5; i++) {
            send(right(i));
        }
        send(ProblemLog.practice("other", "ad", "addition_1", "t1", true, T0 + 5 * 60_000L)); // same time, another student
        TransitionReader reader = new TransitionReader(fixture.<TransitionKey, byte[]>store(Schemas.TRANSITIONS_STORE));
        long fifth = T0 + 5 * 60_000L;

        assertThat(reader.at("ada", fifth, 10).stream().map(b -> parse(b).getEventId()).toList()).containsExactly("e5");
        assertThat(reader.at("ada", fifth - 1, 10)).isEmpty();
        assertThat(reader.at("ada", fifth + 1, 10)).isEmpty();
        assertThat(reader.at("ad", fifth, 10)).isEmpty(); // one right answer: no transition of its own
    }
}
