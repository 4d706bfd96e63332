package proficio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.stub.StreamObserver;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import proficio.proto.v1.CardType;
import proficio.proto.v1.ExercisePrediction;
import proficio.proto.v1.ExerciseStateView;
import proficio.proto.v1.GetStudentStateRequest;
import proficio.proto.v1.KnowledgeServiceGrpc;
import proficio.proto.v1.PredictRequest;
import proficio.proto.v1.PredictResponse;
import proficio.proto.v1.ProblemLog;
import proficio.proto.v1.StudentState;
import proficio.proto.v1.ThetaSource;

/** send with a MockProducer instead of Kafka and a stub KnowledgeService on an ephemeral port. */
class SendCommandTest {

    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    /** When false the stub never shows the answer applied (as for a duplicate id or a DLQ'd record). */
    private final AtomicBoolean applies = new AtomicBoolean(true);
    private Server server;
    private String target;

    @BeforeEach
    void start() throws Exception {
        server = Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
                .addService(new StubService())
                .build()
                .start();
        target = "localhost:" + server.getPort();
    }

    @AfterEach
    void stop() throws Exception {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private CliRun send(long waitMs, String... args) {
        CommandLine cmd = ProficioCli.commandLine();
        SendCommand send = cmd.getSubcommands().get("send").getCommand();
        send.producers = bootstrap -> producer;
        send.waitMs = waitMs;
        return CliRun.run(cmd, args);
    }

    @Test
    void producesProtobufKeyedByStudentAndReportsTheAppliedAnswerWithItsPrediction() throws Exception {
        CliRun r = send(5_000, "--target", target, "send", "--student", "s1", "--exercise", "addition_1", "--correct",
                "--event-id", "e1", "--time", "2024-05-01T10:15:30Z", "--card-type", "REVIEW", "--hints", "0");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(producer.history()).hasSize(1);
        ProducerRecord<String, byte[]> record = producer.history().get(0);
        assertThat(record.topic()).isEqualTo("problem-logs");
        assertThat(record.key()).isEqualTo("s1");
        ProblemLog sent = ProblemLog.parseFrom(record.value());
        assertThat(sent.getEventId()).isEqualTo("e1");
        assertThat(sent.getStudentId()).isEqualTo("s1");
        assertThat(sent.getExercise()).isEqualTo("addition_1");
        assertThat(sent.getCorrect()).isTrue();
        assertThat(sent.getTimeDone().getSeconds()).isEqualTo(Instant.parse("2024-05-01T10:15:30Z").getEpochSecond());
        assertThat(sent.getCardType()).isEqualTo(CardType.CARD_TYPE_REVIEW);
        assertThat(r.out()).startsWith("sent answer e1 (s1, addition_1, correct)")
                .contains("applied: done 3, p(next right) = 0.8123 [model ka2012-accuracy]");
    }

    @Test
    void answerNotAppliedInTimeExitsWith3AndPointsAtTheDlq() {
        applies.set(false);

        CliRun r = send(300, "--target", target, "send", "--student", "s1", "--exercise", "addition_1", "--wrong",
                "--event-id", "e2");

        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(producer.history()).hasSize(1);
        assertThat(r.err()).contains("answer e2 was sent", "not applied within 300 ms", "proficio dlq");
    }

    @Test
    void noWaitNeedsNoServiceAndPrintsWhereTheRecordWent() throws Exception {
        CliRun r = send(5_000, "--target", "127.0.0.1:1", "send", "--student", "s2", "--exercise", "x", "--wrong",
                "--no-wait");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("(s2, x, wrong) to problem-logs partition");
        assertThat(ProblemLog.parseFrom(producer.history().get(0).value()).getCorrect()).isFalse();
    }

    @Test
    void jsonOutputHasTheSentRecordAndThePrediction() {
        CliRun r = send(5_000, "--target", target, "--json", "send", "--student", "s1", "--exercise", "addition_1",
                "--correct", "--event-id", "e3");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"sent\"", "\"eventId\": \"e3\"", "\"applied\": true", "\"modelVersion\": \"ka2012-accuracy\"");
    }

    private final class StubService extends KnowledgeServiceGrpc.KnowledgeServiceImplBase {
        @Override
        public void getStudentState(GetStudentStateRequest request, StreamObserver<StudentState> out) {
            long done = 2 + (applies.get() ? producer.history().size() : 0);
            out.onNext(StudentState.newBuilder().setStudentId(request.getStudentId()).setKnown(true)
                    .addExercises(ExerciseStateView.newBuilder().setExercise(request.getExercises(0)).setDone(done))
                    .build());
            out.onCompleted();
        }

        @Override
        public void predict(PredictRequest request, StreamObserver<PredictResponse> out) {
            out.onNext(PredictResponse.newBuilder().setStudentId(request.getStudentId()).setModelVersion("ka2012-accuracy")
                    .addPredictions(ExercisePrediction.newBuilder().setExercise(request.getExercises(0))
                            .setProbability(0.81234).setThetaSource(ThetaSource.THETA_SOURCE_EXERCISE).setDone(3))
                    .build());
            out.onCompleted();
        }
    }
}
