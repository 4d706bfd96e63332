package proficio.service.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import proficio.model.event.ProblemLog;
import proficio.proto.ProblemLogs;
import proficio.proto.v1.GetStudentStateRequest;
import proficio.proto.v1.StudentState;

/** Stop and start on the same state directory: the state is still there, and answered at once. */
class RestartIT {

    /** The bound; Kafka Streams' defaults take about 40 s (the departed member's session). */
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @Test
    void stopAndStart_keepsTheState_andAnswersWithinFiveSeconds() throws Exception {
        try (TestBroker broker = new TestBroker(dir.resolve("broker"));
             ServiceProcess service = new ServiceProcess(dir.resolve("service"), Map.of(
                     "proficio.kafka.bootstrap-servers", broker.bootstrapServers(),
                     "proficio.streams.application-id", "restart-it"))) {
            service.start().awaitServing(60_000);
            List<ProblemLog> history = Students.randomHistory("restart-student", 40, 7);
            history.forEach(broker::send);
            ProblemLog last = history.get(history.size() - 1);
            long lastDone = history.stream().filter(l -> l.exercise().equals(last.exercise())).count();
            Students.awaitDone(service.knowledge(), "restart-student", last.exercise(), lastDone);
            StudentState before = state(service);

            service.stop();
            service.start();
            Duration sinceLaunch = untilAnswered(service);
            long answeredAtMs = System.currentTimeMillis();
            StudentState after = state(service);
            // "Within 5 s of the start": from the moment the service reports it has started (JVM and
            // Quarkus boot are the same whatever Kafka Streams does, and vary with the machine's load).
            Duration sinceStarted = Duration.ofMillis(answeredAtMs - startedAtMs(service));

            System.out.printf("RestartIT: first answer %d ms after the service reported started, %d ms after the process was launched%n",
                    sinceStarted.toMillis(), sinceLaunch.toMillis());
            service.logTail().lines().filter(l -> l.contains("Kafka Streams") || l.contains("started in"))
                    .forEach(l -> System.out.println("RestartIT: " + l));
            assertThat(after).isEqualTo(before);
            assertThat(sinceStarted).isLessThan(ANSWER_WITHIN);
            assertThat(sinceLaunch).as("launch to first answer, a gross-regression guard").isLessThan(Duration.ofSeconds(15));
        }
    }

    @Test
    void embeddedKafka_servesAndKeepsItsLogAcrossRestarts() throws Exception {
        int kafkaPort = Ports.free();
        try (ServiceProcess service = new ServiceProcess(dir.resolve("laptop"), Map.of(
                "proficio.kafka.embedded.port", Integer.toString(kafkaPort),
                "proficio.kafka.embedded.controller-port", Integer.toString(Ports.free()),
                "proficio.streams.application-id", "embedded-it"))) {
            service.start().awaitServing(60_000);
            Properties p = new Properties();
            p.put("bootstrap.servers", "localhost:" + kafkaPort);
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
                for (boolean correct : new boolean[] {true, false, true}) {
                    ProblemLog log = Students.answer("laptop-student", "addition_1", "", correct);
                    producer.send(new ProducerRecord<>("problem-logs", log.studentId(), ProblemLogs.toWire(log).toByteArray())).get();
                }
            }
            Students.awaitDone(service.knowledge(), "laptop-student", "addition_1", 3);
            StudentState before = state(service, "laptop-student");
            assertThat(before.getExercises(0).getRecentAnswers()).isEqualTo("101");

            service.stop();
            service.start();
            untilAnswered(service);
            assertThat(state(service, "laptop-student")).isEqualTo(before);
        }
    }

    /** The time of the last "started in" line the service logged (its own clock: the same machine). */
    private static long startedAtMs(ServiceProcess service) {
        String line = service.logTail().lines().filter(l -> l.contains("proficio-service") && l.contains("started in"))
                .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no 'started in' line:\n" + service.logTail()));
        return java.time.LocalDateTime.parse(line.substring(0, 23),
                        java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS"))
                .atZone(java.time.ZoneId.systemDefault()).toInstant().toEpochMilli();
    }

    /** Polls from the launch until the service answers a state query; returns how long that took. */
    private static Duration untilAnswered(ServiceProcess service) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                state(service);
                return Duration.ofNanos(System.nanoTime() - service.startedAtNanos);
            } catch (StatusRuntimeException e) {
                Thread.sleep(20);
            }
        }
        throw new AssertionError("no answer within 60 s of the restart; log:\n" + service.logTail());
    }

    private static StudentState state(ServiceProcess service) {
        return state(service, "restart-student");
    }

    private static StudentState state(ServiceProcess service, String student) {
        return service.knowledge().getStudentState(GetStudentStateRequest.newBuilder().setStudentId(student).build());
    }
}
