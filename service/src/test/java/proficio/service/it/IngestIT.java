package proficio.service.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import proficio.model.event.ProblemLog;
import proficio.model.feature.ExerciseFeatures;
import proficio.model.feature.FeatureSpace;
import proficio.model.predict.KnowledgeModel;
import proficio.model.state.ExerciseState;
import proficio.model.state.StateUpdate;
import proficio.model.state.StudentReplay;
import proficio.proto.DefaultModel;
import proficio.proto.ModelArtifacts;
import proficio.proto.ProblemLogs;
import proficio.proto.v1.CardType;
import proficio.proto.v1.ChallengeCard;
import proficio.proto.v1.ExerciseMastery;
import proficio.proto.v1.DiagnosticsGrpc;
import proficio.proto.v1.EchoRequest;
import proficio.proto.v1.GetNextChallengeRequest;
import proficio.proto.v1.GetPracticeTasksRequest;
import proficio.proto.v1.NextChallenge;
import proficio.proto.v1.RankExercisesRequest;
import proficio.proto.v1.RankedExercise;
import proficio.proto.v1.RankedExercises;
import proficio.proto.v1.GetTransitionsRequest;
import proficio.proto.v1.RecordAttemptRequest;
import proficio.proto.v1.RecordAttemptResponse;
import proficio.proto.v1.ExerciseStateView;
import proficio.proto.v1.GetActiveModelRequest;
import proficio.proto.v1.GetMasteryLevelsRequest;
import proficio.proto.v1.GetStudentStateRequest;
import proficio.proto.v1.MasteryLevel;
import proficio.proto.v1.MasteryLevels;
import proficio.proto.v1.MasteryTransition;
import proficio.proto.v1.PredictRequest;
import proficio.proto.v1.PredictResponse;
import proficio.proto.v1.StudentState;
import proficio.proto.v1.ThetaSource;
import proficio.service.streams.DeadLetter;
import proficio.store.Schemas;

/**
 * Answers through a real broker into the packaged service, read back over real gRPC; every number
 * checked against what {@code model} computes for the same events.
 */
class IngestIT {

    @TempDir
    static Path dir;
    static TestBroker broker;
    static ServiceProcess service;
    static KnowledgeModel defaultModel;

    @BeforeAll
    static void start() throws Exception {
        broker = new TestBroker(dir.resolve("broker"));
        Path catalogue = dir.resolve("catalogue.txt");
        Files.writeString(catalogue, """
                proficio-catalogue 1
                # exercise | mission | problem types | prerequisites | covers
                cat_add_1 | arithmetic
                cat_add_2 | arithmetic | | cat_add_1 | cat_add_1
                cat_angles | geometry
                """);
        service = new ServiceProcess(dir.resolve("service"), Map.of(
                "proficio.catalogue.path", catalogue.toString(),
                "proficio.kafka.bootstrap-servers", broker.bootstrapServers(),
                "proficio.streams.application-id", "ingest-it")).start().awaitServing(60_000);
        defaultModel = ModelArtifacts.toModel(DefaultModel.artifact());
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void fiveRightAnswers_makeTheExercisePracticed_andOneTransitionIsCommittedToMasteryTransitions() throws Exception {
        String student = "mastery-student";
        StudentReplay replay = replay();
        double pBeforeFifth = Double.NaN;
        ProblemLog fifth = null;
        for (int i = 0; i < 5; i++) {
            ProblemLog log = Students.answer(student, "addition_1", "t1", true);
            if (i == 4) {
                pBeforeFifth = defaultModel.predict("addition_1", "t1", replay).probability();
                fifth = log;
            }
            replay.apply(log);
            broker.send(log);
        }
        Students.awaitDone(service.knowledge(), student, "addition_1", 5);

        MasteryLevels levels = service.knowledge().getMasteryLevels(GetMasteryLevelsRequest.newBuilder()
                .setStudentId(student).addExercises("addition_1").addExercises("never_tried").build());
        assertThat(levels.getKnown()).isTrue();
        assertThat(levels.getExercisesList()).extracting(ExerciseMastery::getExercise).containsExactly("addition_1", "never_tried");
        ExerciseMastery practiced = levels.getExercises(0);
        assertThat(practiced.getLevel()).isEqualTo(MasteryLevel.MASTERY_LEVEL_PRACTICED);
        assertThat(practiced.getAttempts()).isEqualTo(5);
        assertThat(practiced.getStruggling()).isFalse();
        assertThat(ProblemLogs.Timestamps.toMillis(practiced.getLastPromotion())).isEqualTo(fifth.timeDoneMs());
        assertThat(practiced.hasNextReviewDue()).isFalse();
        assertThat(levels.getExercises(1).getLevel()).isEqualTo(MasteryLevel.MASTERY_LEVEL_UNPRACTICED);
        assertThat(levels.getExercises(1).getAttempts()).isZero();
        MasteryLevels all = service.knowledge().getMasteryLevels(GetMasteryLevelsRequest.newBuilder().setStudentId(student).build());
        assertThat(all.getExercisesList()).extracting(ExerciseMastery::getExercise).containsExactly("addition_1");

        // The state is queryable before its transaction commits; the transition is read only once committed.
        List<MasteryTransition> transitions = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 20_000;
        while (transitions.isEmpty() && System.currentTimeMillis() < deadline) {
            for (ConsumerRecord<String, byte[]> r : broker.readCommitted(Schemas.Topics.MASTERY_TRANSITIONS)) {
                if (student.equals(r.key())) {
                    transitions.add(MasteryTransition.parseFrom(r.value()));
                }
            }
            if (transitions.isEmpty()) {
                Thread.sleep(200);
            }
        }
        assertThat(transitions).hasSize(1);
        MasteryTransition t = transitions.get(0);
        assertThat(t.getFromLevel()).isEqualTo(MasteryLevel.MASTERY_LEVEL_UNPRACTICED);
        assertThat(t.getToLevel()).isEqualTo(MasteryLevel.MASTERY_LEVEL_PRACTICED);
        assertThat(t.getEventId()).isEqualTo(fifth.eventId());
        assertThat(t.getModelVersion()).isEqualTo(defaultModel.version());
        assertThat(t.getP()).isEqualTo(pBeforeFifth);
    }

    @Test
    void recordAttemptWithWait_practicesTheExercise_thenTheChallengeHasItsMasteryCard_andRankingFollowsP() throws Exception {
        String student = "record-student";
        StudentReplay replay = replay();
        RecordAttemptResponse last = null;
        ProblemLog fifth = null;
        double pBeforeFifth = Double.NaN;
        for (int i = 0; i < 5; i++) {
            fifth = Students.answer(student, "cat_add_1", "", true);
            pBeforeFifth = defaultModel.predict("cat_add_1", "", replay).probability();
            replay.apply(fifth);
            last = service.knowledge().recordAttempt(RecordAttemptRequest.newBuilder()
                    .setAttempt(ProblemLogs.toWire(fifth)).setWait(true).build());
            assertThat(last.getApplied()).as("answer %d applied before the reply", i + 1).isTrue();
            assertThat(last.getEventId()).isEqualTo(fifth.eventId());
            assertThat(last.getPrediction().getDone()).isEqualTo(i + 1);
            if (i < 4) {
                assertThat(last.getTransitionsList()).as("answer %d moves no level", i + 1).isEmpty();
            }
        }
        // The fifth right answer in a row finishes the practice task: its transition comes back in the reply.
        assertThat(last.getTransitionsList()).hasSize(1);
        MasteryTransition practiced = last.getTransitions(0);
        assertThat(practiced.getEventId()).isEqualTo(fifth.eventId());
        assertThat(practiced.getExercise()).isEqualTo("cat_add_1");
        assertThat(practiced.getFromLevel()).isEqualTo(MasteryLevel.MASTERY_LEVEL_UNPRACTICED);
        assertThat(practiced.getToLevel()).isEqualTo(MasteryLevel.MASTERY_LEVEL_PRACTICED);
        assertThat(practiced.getRule()).isEqualTo("PRACTICE_TASK_COMPLETED");
        assertThat(practiced.getP()).isEqualTo(pBeforeFifth);
        assertThat(ProblemLogs.Timestamps.toMillis(practiced.getEventTime())).isEqualTo(fifth.timeDoneMs());
        assertThat(ProblemLogs.Timestamps.toMillis(practiced.getNextDue())).isEqualTo(fifth.timeDoneMs() + 16 * 3_600_000L);
        assertThat(service.knowledge().getTransitions(GetTransitionsRequest.newBuilder().setStudentId(student).build())
                .getTransitionsList()).as("the same record GetTransitions returns").containsExactly(practiced);
        // A retry with the same event id is applied once, and answers with what the answer caused.
        RecordAttemptResponse retry = service.knowledge().recordAttempt(RecordAttemptRequest.newBuilder()
                .setAttempt(ProblemLogs.toWire(fifth)).setWait(true).build());
        assertThat(retry.getApplied()).isTrue();
        assertThat(retry.getTransitionsList()).containsExactly(practiced);
        assertThat(retry.getPrediction().getDone()).isEqualTo(5);
        assertThat(last.getPrediction().getProbability())
                .isEqualTo(defaultModel.predict("cat_add_1", "", replay).probability());
        assertThat(last.getLevelBefore()).isEqualTo(MasteryLevel.MASTERY_LEVEL_UNPRACTICED);
        assertThat(last.getMasteryAfter().getLevel()).isEqualTo(MasteryLevel.MASTERY_LEVEL_PRACTICED);

        long asOf = fifth.timeDoneMs() + 17 * 3_600_000L;
        NextChallenge challenge = service.knowledge().getNextChallenge(GetNextChallengeRequest.newBuilder()
                .setStudentId(student).setAsOf(ProblemLogs.Timestamps.fromMillis(asOf)).build());
        assertThat(challenge.getCatalogueSize()).isEqualTo(3);
        assertThat(challenge.getCardsCount()).isBetween(1, 6);
        ChallengeCard first = challenge.getCards(0);
        assertThat(first.getExercise()).isEqualTo("cat_add_1");
        assertThat(first.getCardType()).isEqualTo(CardType.CARD_TYPE_MASTERY);
        assertThat(ProblemLogs.Timestamps.toMillis(first.getDue())).isEqualTo(fifth.timeDoneMs() + 16 * 3_600_000L);
        NextChallenge tooEarly = service.knowledge().getNextChallenge(GetNextChallengeRequest.newBuilder()
                .setStudentId(student).setAsOf(ProblemLogs.Timestamps.fromMillis(fifth.timeDoneMs() + 3_600_000L)).build());
        assertThat(tooEarly.getCardsList()).isEmpty();

        RankedExercises ranked = service.knowledge().rankExercises(RankExercisesRequest.newBuilder()
                .setStudentId(student).build());
        assertThat(ranked.getExercisesList()).extracting(RankedExercise::getExercise)
                .containsExactlyInAnyOrder("cat_add_1", "cat_add_2", "cat_angles");
        assertThat(ranked.getExercises(0).getExercise()).isEqualTo("cat_add_1");
        for (int i = 1; i < ranked.getExercisesCount(); i++) {
            assertThat(ranked.getExercises(i - 1).getProbability()).isGreaterThanOrEqualTo(ranked.getExercises(i).getProbability());
        }
        assertThat(ranked.getExercises(1).getProbability())
                .isEqualTo(defaultModel.predict(ranked.getExercises(1).getExercise(), "", replay).probability());
        // RankExercises is bound with an encoded reply (EncodedReply): a limit and bad arguments behave as elsewhere
        assertThat(service.knowledge().rankExercises(RankExercisesRequest.newBuilder().setStudentId(student).setLimit(2)
                .build()).getExercisesList()).isEqualTo(ranked.getExercisesList().subList(0, 2));
        assertThatThrownBy(() -> service.knowledge().rankExercises(RankExercisesRequest.newBuilder()
                .setStudentId(student).setLimit(-1).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).startsWith("limit");
                });
        assertThatThrownBy(() -> service.knowledge().rankExercises(RankExercisesRequest.newBuilder().build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).startsWith("student_id");
                });

        RankedExercises tasks = service.knowledge().getPracticeTasks(GetPracticeTasksRequest.newBuilder()
                .setStudentId(student).setMission("arithmetic").build());
        assertThat(tasks.getExercisesList()).extracting(RankedExercise::getExercise)
                .containsExactly("cat_add_1", "cat_add_2");

        assertThatThrownBy(() -> service.knowledge().recordAttempt(RecordAttemptRequest.newBuilder()
                .setAttempt(ProblemLogs.toWire(Students.answer(student, "cat_add_1", "", true)).toBuilder().setEventId(""))
                .build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).startsWith("attempt.event_id");
                });
    }

    @Test
    void predict_movesAsTheModelSays() throws Exception {
        String student = "predict-student";
        StudentReplay replay = replay();
        double before = predict(student, "addition_1").getPredictions(0).getProbability();
        assertThat(before).isEqualTo(defaultModel.predict("addition_1", ExerciseState.EMPTY, replay.knowledge()).probability());

        boolean[] answers = {true, true, false, true, true, true};
        double previous = before;
        for (int i = 0; i < answers.length; i++) {
            ProblemLog log = Students.answer(student, "addition_1", "p1", answers[i]);
            broker.send(log);
            replay.apply(log);
            Students.awaitDone(service.knowledge(), student, "addition_1", i + 1);
            PredictResponse r = predict(student, "addition_1");
            double p = r.getPredictions(0).getProbability();
            double expected = defaultModel.predict("addition_1", replay.exercise("addition_1"), replay.knowledge()).probability();
            assertThat(p).as("p after answer %d", i + 1).isEqualTo(expected);
            if (answers[i]) {
                assertThat(p).as("a right answer raises p").isGreaterThan(previous);
            } else {
                assertThat(p).as("a wrong answer lowers p").isLessThan(previous);
            }
            assertThat(r.getModelVersion()).isEqualTo("ka2012-accuracy");
            assertThat(r.getPredictions(0).getThetaSource()).isEqualTo(ThetaSource.THETA_SOURCE_GLOBAL);
            assertThat(r.getPredictions(0).getDone()).isEqualTo(i + 1);
            previous = p;
        }
    }

    @Test
    void sameEventIdTwice_isAppliedOnce() throws Exception {
        String student = "dup-student";
        ProblemLog first = Students.answer(student, "fractions", "", true);
        broker.send(first);
        broker.send(first);
        ProblemLog marker = Students.answer(student, "fractions", "", false);
        broker.send(marker);
        StudentState s = Students.awaitDone(service.knowledge(), student, "fractions", 2);
        Thread.sleep(500); // had the duplicate counted, done would reach 3
        s = service.knowledge().getStudentState(GetStudentStateRequest.newBuilder().setStudentId(student).build());
        assertThat(s.getExercises(0).getDone()).isEqualTo(2);
        assertThat(s.getExercises(0).getCorrect()).isEqualTo(1);
        assertThat(s.getExercises(0).getRecentAnswers()).isEqualTo("10");
    }

    @Test
    void malformedAndInvalidRecords_goToTheDlqWithReasons_andLaterGoodRecordsApply() throws Exception {
        String student = "dlq-student";
        byte[] garbage = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01};
        broker.sendRaw(student, garbage);
        broker.send(Students.answer(student, "area", "", true));
        ProblemLog noExercise = Students.answer(student, " ", "", true);
        broker.sendRaw(student, ProblemLogs.toWire(noExercise).toByteArray());
        ProblemLog future = ProblemLog.practice("future-1", student, "area", "", true, System.currentTimeMillis() + 86_400_000L * 30);
        broker.send(future);
        broker.send(Students.answer(student, "area", "", true));

        Students.awaitDone(service.knowledge(), student, "area", 2);
        List<ConsumerRecord<String, byte[]>> dlq = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            dlq = broker.deadLetters().stream().filter(r -> student.equals(r.key())).toList();
            if (dlq.size() >= 3) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(dlq).hasSize(3);

        Map<String, String> undecodable = TestBroker.header(dlq.get(0));
        assertThat(dlq.get(0).value()).isEqualTo(garbage);
        assertThat(undecodable).containsEntry(DeadLetter.HEADER_REASON, "undecodable")
                .containsEntry(DeadLetter.HEADER_TOPIC, "problem-logs")
                .containsKeys(DeadLetter.HEADER_PARTITION, DeadLetter.HEADER_OFFSET, DeadLetter.HEADER_DETAIL);
        Map<String, String> blank = TestBroker.header(dlq.get(1));
        assertThat(blank).containsEntry(DeadLetter.HEADER_REASON, "invalid").containsEntry(DeadLetter.HEADER_FIELD, "exercise");
        assertThat(blank.get(DeadLetter.HEADER_DETAIL)).contains("exercise").contains("blank");
        Map<String, String> tooLate = TestBroker.header(dlq.get(2));
        assertThat(tooLate).containsEntry(DeadLetter.HEADER_REASON, "invalid").containsEntry(DeadLetter.HEADER_FIELD, "time_done");
        assertThat(Long.parseLong(undecodable.get(DeadLetter.HEADER_OFFSET)))
                .isLessThan(Long.parseLong(tooLate.get(DeadLetter.HEADER_OFFSET)));
        assertThat(new String(dlq.get(2).value(), StandardCharsets.ISO_8859_1))
                .isEqualTo(new String(ProblemLogs.toWire(future).toByteArray(), StandardCharsets.ISO_8859_1));

        StudentState s = service.knowledge().getStudentState(GetStudentStateRequest.newBuilder().setStudentId(student).build());
        assertThat(s.getExercisesList()).extracting(ExerciseStateView::getExercise).containsExactly("area");
        assertThat(s.getExercises(0).getDone()).isEqualTo(2);
    }

    @Test
    void servedStateAndFeatures_equalModelReplay_bitForBit() throws Exception {
        Map<String, List<ProblemLog>> histories = new LinkedHashMap<>();
        for (int i = 0; i < 6; i++) {
            histories.put("replay-student-" + i, Students.randomHistory("replay-student-" + i, 60, 1000 + i));
        }
        for (List<ProblemLog> h : histories.values()) {
            h.forEach(broker::send);
        }
        for (Map.Entry<String, List<ProblemLog>> e : histories.entrySet()) {
            StudentReplay replay = replay();
            e.getValue().forEach(replay::apply);
            ProblemLog last = e.getValue().get(e.getValue().size() - 1);
            Students.awaitDone(service.knowledge(), e.getKey(), last.exercise(), replay.exercise(last.exercise()).done());
            StudentState served = service.knowledge().getStudentState(GetStudentStateRequest.newBuilder().setStudentId(e.getKey()).build());

            assertThat(served.getKnown()).isTrue();
            float[] expectedKnowledge = replay.knowledge().toArray();
            assertThat(served.getKnowledgeStateCount()).isEqualTo(expectedKnowledge.length);
            for (int i = 0; i < expectedKnowledge.length; i++) {
                assertThat(Float.floatToRawIntBits(served.getKnowledgeState(i)))
                        .as("knowledge[%d] of %s", i, e.getKey()).isEqualTo(Float.floatToRawIntBits(expectedKnowledge[i]));
            }
            assertThat(served.getExercisesList()).extracting(ExerciseStateView::getExercise)
                    .containsExactlyElementsOf(new java.util.TreeSet<>(replay.exercises().keySet()));
            for (ExerciseStateView v : served.getExercisesList()) {
                ExerciseState expected = replay.exercise(v.getExercise());
                ExerciseFeatures f = ExerciseFeatures.of(expected);
                double[] servedFeatures = {v.getFeatures().getEwmaFast(), v.getFeatures().getEwmaSlow(), v.getFeatures().getStreak(),
                        v.getFeatures().getLogDone(), v.getFeatures().getLogMissedPlusOne(), v.getFeatures().getPercentCorrect()};
                double[] modelFeatures = {f.ewmaFast(), f.ewmaSlow(), f.streak(), f.logDone(), f.logMissedPlusOne(), f.percentCorrect()};
                for (int i = 0; i < 6; i++) {
                    assertThat(Double.doubleToRawLongBits(servedFeatures[i])).as("feature %d of %s/%s", i, e.getKey(), v.getExercise())
                            .isEqualTo(Double.doubleToRawLongBits(modelFeatures[i]));
                }
                assertThat(v.getDone()).isEqualTo(expected.done());
                assertThat(v.getCorrect()).isEqualTo(expected.correct());
            }
            // And the probability served is the model's, to the last bit, for every exercise.
            PredictResponse all = service.knowledge().predict(PredictRequest.newBuilder().setStudentId(e.getKey()).setAllExercises(true).build());
            assertThat(all.getPredictionsCount()).isEqualTo(replay.exercises().size());
            all.getPredictionsList().forEach(p -> assertThat(p.getProbability()).isEqualTo(
                    defaultModel.predict(p.getExercise(), replay.exercise(p.getExercise()), replay.knowledge()).probability()));
        }
    }

    @Test
    void unknownStudent_getsAnEmptyStateAndPriorPredictions() {
        StudentState s = service.knowledge().getStudentState(GetStudentStateRequest.newBuilder().setStudentId("nobody-ever").build());
        assertThat(s.getKnown()).isFalse();
        assertThat(s.getKnowledgeStateCount()).isZero();
        assertThat(s.getExercisesCount()).isZero();
        PredictResponse p = predict("nobody-ever", "addition_1");
        assertThat(p.getPredictions(0).getDone()).isZero();
        assertThat(p.getPredictions(0).getProbability()).isEqualTo(
                defaultModel.predict("addition_1", ExerciseState.EMPTY, replay().knowledge()).probability());
    }

    @Test
    void badArguments_getInvalidArgumentNamingTheField() {
        assertInvalid(PredictRequest.newBuilder().addExercises("a").build(), "student_id");
        assertInvalid(PredictRequest.newBuilder().setStudentId("s").build(), "exercises");
        assertInvalid(PredictRequest.newBuilder().setStudentId("s").addExercises("a").setAllExercises(true).build(), "all_exercises");
        assertInvalid(PredictRequest.newBuilder().setStudentId("s").addExercises("a").addExercises(" ").build(), "exercises[1]");
        assertInvalid(PredictRequest.newBuilder().setStudentId("s").addExercises("a").addExercises("a").build(), "exercises[1]");
        assertInvalid(PredictRequest.newBuilder().setStudentId("x".repeat(300)).addExercises("a").build(), "student_id");
        assertThatThrownBy(() -> service.knowledge().getStudentState(GetStudentStateRequest.newBuilder().build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).startsWith("student_id:");
                });
    }

    @Test
    void aRequestOverTheSizeLimit_isRefusedBeforeItIsRead() {
        // 17,000 names of 256 characters: 4.4 MB, past the 4 MiB limit (the largest valid request, 10,000
        // names of 256, is 2.6 MB); the server refuses it on its size, before any handler sees it.
        PredictRequest.Builder huge = PredictRequest.newBuilder().setStudentId("s");
        for (int i = 0; i < 17_000; i++) {
            huge.addExercises(String.format("%0256d", i));
        }
        assertThatThrownBy(() -> service.knowledge().predict(huge.build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
                    assertThat(e.getStatus().getDescription()).contains("4194304");
                });
        // The server keeps answering.
        assertThat(predict("s", "a").getPredictionsCount()).isEqualTo(1);
    }

    @Test
    void httpHealth_isReadyWhileServing_andLiveWithKafkaStreamsState() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var ready = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + service.httpPort + "/q/health/ready")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        var live = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + service.httpPort + "/q/health/live")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        assertThat(ready.body()).contains("\"gRPC Server\"", "\"UP\"");
        assertThat(live.statusCode()).as(live.body()).isEqualTo(200);
        assertThat(live.body()).contains("\"kafka-streams\"").containsPattern("\"state\"\\s*:\\s*\"(RUNNING|REBALANCING)\"");
    }

    @Test
    void activeModel_isTheShippedKhanAcademyModel() {
        var info = service.knowledge().getActiveModel(GetActiveModelRequest.getDefaultInstance());
        assertThat(info.getVersion()).isEqualTo("ka2012-accuracy");
        assertThat(info.getFeatureSet()).isEqualTo("ka2014");
        assertThat(info.getFeatureSpaceSeed()).isEqualTo(FeatureSpace.DEFAULT_SEED);
    }

    @Test
    void reflection_listsTheKnowledgeServiceAndHealth() throws Exception {
        CompletableFuture<ServerReflectionResponse> answer = new CompletableFuture<>();
        StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(service.channel())
                .withDeadlineAfter(5, TimeUnit.SECONDS).serverReflectionInfo(new StreamObserver<>() {
                    public void onNext(ServerReflectionResponse r) {
                        answer.complete(r);
                    }

                    public void onError(Throwable t) {
                        answer.completeExceptionally(t);
                    }

                    public void onCompleted() {
                    }
                });
        requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
        List<String> names = answer.get(5, TimeUnit.SECONDS).getListServicesResponse().getServiceList().stream()
                .map(s -> s.getName()).toList();
        requests.onCompleted();
        assertThat(names).contains("proficio.v1.KnowledgeService", "grpc.health.v1.Health");
    }

    @Test
    void diagnosticsEcho_returnsThePayloadOnTheSameServer_andRefusesAnOversizedOne() {
        var echo = DiagnosticsGrpc.newBlockingStub(service.channel()).withDeadlineAfter(5, TimeUnit.SECONDS);
        ByteString payload = ByteString.copyFromUtf8("ping-" + System.nanoTime());
        assertThat(echo.echo(EchoRequest.newBuilder().setPayload(payload).build()).getPayload()).isEqualTo(payload);
        assertThatThrownBy(() -> echo.echo(EchoRequest.newBuilder().setPayload(ByteString.copyFrom(new byte[1025])).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).startsWith("payload:");
                });
    }

    private static void assertInvalid(PredictRequest request, String field) {
        assertThatThrownBy(() -> service.knowledge().predict(request))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).startsWith(field + ":");
                });
    }

    private static PredictResponse predict(String student, String exercise) {
        return service.knowledge().predict(PredictRequest.newBuilder().setStudentId(student).addExercises(exercise).build());
    }

    private static StudentReplay replay() {
        return new StudentReplay(new StateUpdate(new FeatureSpace(FeatureSpace.DEFAULT_SEED)));
    }
}
