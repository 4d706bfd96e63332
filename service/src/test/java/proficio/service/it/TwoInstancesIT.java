package proficio.service.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import proficio.proto.v1.GetStudentStateRequest;
import proficio.proto.v1.PredictRequest;
import proficio.proto.v1.PredictResponse;
import proficio.proto.v1.RankExercisesRequest;
import proficio.proto.v1.RankedExercise;
import proficio.proto.v1.RankedExercises;
import proficio.proto.v1.StudentState;
import proficio.store.Schemas;

/**
 * Two service processes in one Kafka Streams application on one broker, each owning some of the
 * four partitions: a call to either answers for every student (the other's are forwarded).
 */
class TwoInstancesIT {

    private static final String APP = "two-instances-it";
    private static final int STUDENTS = 20;
    private static final long WAIT_MS = 90_000;

    @TempDir
    Path dir;

    @Test
    void eitherInstance_answersForEveryStudent_identically() throws Exception {
        try (TestBroker broker = new TestBroker(dir.resolve("broker"));
             ServiceProcess a = new ServiceProcess(dir.resolve("a"), settings(broker));
             ServiceProcess b = new ServiceProcess(dir.resolve("b"), settings(broker))) {
            a.start();
            b.start();
            a.awaitServing(WAIT_MS);
            b.awaitServing(WAIT_MS);

            Map<String, Map<String, Long>> sent = Students.sendHistories(broker, "two-", STUDENTS, i -> 3 + i % 5);

            Map<String, List<Integer>> owned = awaitStableGroup(broker, a, b);
            Map<String, String> ownerOf = new TreeMap<>(); // student -> the instance id that owns it
            for (String student : sent.keySet()) {
                int partition = Utils.toPositive(Utils.murmur2(student.getBytes(StandardCharsets.UTF_8))) % 4;
                owned.forEach((member, partitions) -> {
                    if (partitions.contains(partition)) {
                        ownerOf.put(student, member);
                    }
                });
            }
            Map<String, Long> studentsPerOwner = ownerOf.values().stream()
                    .collect(Collectors.groupingBy(m -> m, TreeMap::new, Collectors.counting()));
            System.out.printf("TwoInstancesIT: partitions %s, students per owner %s%n", owned, studentsPerOwner);
            assertThat(studentsPerOwner).as("each instance owns some of the students").hasSize(2);

            awaitApplied(sent, a, b);
            for (var e : sent.entrySet()) {
                String student = e.getKey();
                StudentState stateA = state(a, student);
                StudentState stateB = state(b, student);
                PredictResponse predictA = predict(a, student);
                PredictResponse predictB = predict(b, student);

                assertThat(stateB).as("GetStudentState of %s on B equals A's", student).isEqualTo(stateA);
                assertThat(predictB).as("Predict of %s on B equals A's", student).isEqualTo(predictA);
                // RankExercises writes its reply as bytes (EncodedReply); forwarded, it is re-sent from the owner's message
                RankedExercises rankA = rank(a, student);
                assertThat(rank(b, student)).as("RankExercises of %s on B equals A's", student).isEqualTo(rankA);
                assertThat(rankA.getExercisesList()).extracting(RankedExercise::getExercise).as("ranked exercises of %s", student)
                        .containsExactlyInAnyOrderElementsOf(e.getValue().keySet());
                assertThat(Students.doneOf(stateA)).as("done counts of %s", student).isEqualTo(e.getValue());
                Map<String, Long> predictedDone = new TreeMap<>();
                predictA.getPredictionsList().stream().filter(p -> p.getDone() > 0)
                        .forEach(p -> predictedDone.put(p.getExercise(), p.getDone()));
                assertThat(predictedDone).as("Predict's done counts of %s", student).isEqualTo(e.getValue());
            }

            // A call marked as already forwarded, sent to the instance that does not own the student
            // (as when ownership moves mid-hop), is refused with the reason, never forwarded again.
            String ofB = ownerOf.entrySet().stream().filter(o -> o.getValue().contains("_" + b.grpcPort + "-"))
                    .map(Map.Entry::getKey).findFirst().orElseThrow();
            Metadata marked = new Metadata();
            marked.put(Metadata.Key.of("proficio-forwarded", Metadata.ASCII_STRING_MARSHALLER), "1");
            assertThatThrownBy(() -> a.knowledge().withInterceptors(MetadataUtils.newAttachHeadersInterceptor(marked))
                    .getStudentState(GetStudentStateRequest.newBuilder().setStudentId(ofB).build()))
                    .isInstanceOfSatisfying(StatusRuntimeException.class, ex -> {
                        assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
                        assertThat(ex.getStatus().getDescription()).contains("localhost:" + b.grpcPort, "not forwarded again");
                    });
        }
    }

    private static RankedExercises rank(ServiceProcess service, String student) {
        return service.knowledge().rankExercises(RankExercisesRequest.newBuilder().setStudentId(student).build());
    }

    private static Map<String, String> settings(TestBroker broker) {
        return Map.of("proficio.kafka.bootstrap-servers", broker.bootstrapServers(),
                "proficio.streams.application-id", APP);
    }

    /** Waits until the group is STABLE with two members that each own partitions; returns them. */
    private static Map<String, List<Integer>> awaitStableGroup(TestBroker broker, ServiceProcess a, ServiceProcess b)
            throws Exception {
        return awaitStableGroup(broker, APP, a, b);
    }

    /** The same for application {@code app} (AuthIT's). */
    static Map<String, List<Integer>> awaitStableGroup(TestBroker broker, String app, ServiceProcess a, ServiceProcess b)
            throws Exception {
        long deadline = System.currentTimeMillis() + WAIT_MS;
        String last = "no description";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            while (System.currentTimeMillis() < deadline) {
                ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(app)).all().get().get(app);
                Map<String, List<Integer>> owned = new TreeMap<>();
                for (MemberDescription m : group.members()) {
                    List<Integer> partitions = m.assignment().topicPartitions().stream()
                            .filter(tp -> tp.topic().equals(Schemas.Topics.PROBLEM_LOGS))
                            .map(tp -> tp.partition()).sorted().toList();
                    if (!partitions.isEmpty()) {
                        owned.put(m.groupInstanceId().orElse(m.consumerId()), partitions);
                    }
                }
                last = group.groupState() + " " + owned;
                if (group.groupState() == GroupState.STABLE && owned.size() == 2
                        && owned.values().stream().mapToInt(List::size).sum() == 4) {
                    return owned;
                }
                Thread.sleep(250);
            }
        }
        throw new AssertionError("group never stable with two owners: " + last + "\nA:\n" + a.logTail() + "\nB:\n" + b.logTail());
    }

    /** Polls both instances until every student's done counts are what was sent (restores, rebalance). */
    private static void awaitApplied(Map<String, Map<String, Long>> sent, ServiceProcess a, ServiceProcess b)
            throws Exception {
        long deadline = System.currentTimeMillis() + WAIT_MS;
        List<String> pending = new ArrayList<>(sent.keySet());
        Map<String, String> why = new HashMap<>();
        while (!pending.isEmpty() && System.currentTimeMillis() < deadline) {
            pending.removeIf(student -> {
                try {
                    return Students.doneOf(state(a, student)).equals(sent.get(student))
                            && Students.doneOf(state(b, student)).equals(sent.get(student));
                } catch (StatusRuntimeException e) {
                    why.put(student, e.getStatus().toString());
                    return false;
                }
            });
            Thread.sleep(100);
        }
        assertThat(pending).as("students not answered on both instances within %d ms: %s", WAIT_MS, why).isEmpty();
    }


    private static StudentState state(ServiceProcess service, String student) {
        return service.knowledge().getStudentState(GetStudentStateRequest.newBuilder().setStudentId(student).build());
    }

    private static PredictResponse predict(ServiceProcess service, String student) {
        return service.knowledge().predict(PredictRequest.newBuilder().setStudentId(student).setAllExercises(true).build());
    }
}
