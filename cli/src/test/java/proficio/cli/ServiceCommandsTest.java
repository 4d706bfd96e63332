package proficio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import proficio.proto.v1.ExerciseFeatures;
import proficio.proto.v1.ExercisePrediction;
import proficio.proto.v1.ExerciseStateView;
import proficio.proto.v1.GetActiveModelRequest;
import proficio.proto.v1.GetStudentStateRequest;
import proficio.proto.v1.KnowledgeServiceGrpc;
import proficio.proto.v1.ModelInfo;
import proficio.proto.v1.PredictRequest;
import proficio.proto.v1.PredictResponse;
import proficio.proto.v1.StudentState;
import proficio.proto.v1.ThetaSource;

/** predict, state, model and health against a stub KnowledgeService on an ephemeral local port. */
class ServiceCommandsTest {

    private final List<PredictRequest> predictRequests = new ArrayList<>();
    private final List<proficio.proto.v1.GetNextChallengeRequest> challengeRequests = new ArrayList<>();
    private final List<proficio.proto.v1.GetChallengeCardsRequest> challengeCardRequests = new ArrayList<>();
    private final List<proficio.proto.v1.GetPracticeTasksRequest> practiceRequests = new ArrayList<>();
    private final List<proficio.proto.v1.GetTransitionsRequest> transitionRequests = new ArrayList<>();
    private final List<proficio.proto.v1.RecordAttemptRequest> recordRequests = new ArrayList<>();
    private final HealthStatusManager health = new HealthStatusManager();
    /** The authorization header of each KnowledgeService call ("" when it had none). */
    private final List<String> authorizations = new ArrayList<>();
    private Server server;
    private String target;

    @BeforeEach
    void start() throws Exception {
        server = Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
                .addService(io.grpc.ServerInterceptors.intercept(new StubService(), new io.grpc.ServerInterceptor() {
                    @Override
                    public <Q, S> io.grpc.ServerCall.Listener<Q> interceptCall(io.grpc.ServerCall<Q, S> call,
                            io.grpc.Metadata headers, io.grpc.ServerCallHandler<Q, S> next) {
                        String a = headers.get(io.grpc.Metadata.Key.of("authorization", io.grpc.Metadata.ASCII_STRING_MARSHALLER));
                        authorizations.add(a == null ? "" : a);
                        return next.startCall(call, headers);
                    }
                }))
                .addService(health.getHealthService())
                .build()
                .start();
        target = "localhost:" + server.getPort();
    }

    @AfterEach
    void stop() throws Exception {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void predictPrintsATableWithFourDecimalsThetaSourceDoneAndModelVersion() {
        CliRun r = CliRun.run("--target", target, "predict", "--student", "s1", "--exercise", "addition_1,zeta");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(predictRequests.get(0).getExercisesList()).containsExactly("addition_1", "zeta");
        assertThat(r.out()).contains("exercise", "theta source", "done")
                .containsPattern("addition_1\\s+0\\.8123\\s+exercise\\s+3")
                .containsPattern("zeta\\s+0\\.5000\\s+global\\s+0")
                .contains("model ka2012-accuracy");
    }

    @Test
    void tokenIsSentAsABearerHeader_andNoHeaderWithoutOne() {
        CliRun with = CliRun.run("--target", target, "--token", "a-token-of-24-characters", "predict", "--student", "s1",
                "--exercise", "addition_1");
        CliRun without = CliRun.run("--target", target, "predict", "--student", "s1", "--exercise", "addition_1");

        assertThat(with.exitCode()).as(with.err()).isZero();
        assertThat(without.exitCode()).as(without.err()).isZero();
        // Without --token the default is $PROFICIO_TOKEN, unset where the tests run.
        assertThat(authorizations).containsExactly("Bearer a-token-of-24-characters",
                System.getenv("PROFICIO_TOKEN") == null ? "" : "Bearer " + System.getenv("PROFICIO_TOKEN"));
    }

    @Test
    void caCert_speaksTlsToATlsServer_whichAPlaintextCallCannotReach(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path keyStore = dir.resolve("server.p12");
        java.nio.file.Path certificate = dir.resolve("server.pem");
        keytool("-genkeypair", "-alias", "s", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-keystore", keyStore.toString(),
                "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit");
        keytool("-exportcert", "-rfc", "-alias", "s", "-keystore", keyStore.toString(), "-storepass", "changeit",
                "-file", certificate.toString());
        java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
        try (var in = java.nio.file.Files.newInputStream(keyStore)) {
            ks.load(in, "changeit".toCharArray());
        }
        var kmf = javax.net.ssl.KeyManagerFactory.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        Server tls = Grpc.newServerBuilderForPort(0, io.grpc.TlsServerCredentials.newBuilder()
                .keyManager(kmf.getKeyManagers()).build()).addService(new StubService()).build().start();
        try {
            String at = "localhost:" + tls.getPort();
            CliRun overTls = CliRun.run("--target", at, "--ca-cert", certificate.toString(), "predict", "--student", "s1",
                    "--exercise", "addition_1");
            CliRun plain = CliRun.run("--target", at, "predict", "--student", "s1", "--exercise", "addition_1");
            CliRun missing = CliRun.run("--target", at, "--ca-cert", dir.resolve("none.pem").toString(), "predict",
                    "--student", "s1", "--exercise", "addition_1");

            assertThat(overTls.exitCode()).as(overTls.err()).isZero();
            assertThat(overTls.out()).containsPattern("addition_1\\s+0\\.8123");
            assertThat(plain.exitCode()).isEqualTo(1);
            assertThat(plain.err()).contains("UNAVAILABLE");
            assertThat(missing.exitCode()).isEqualTo(2);
            assertThat(missing.err()).contains("--ca-cert " + dir.resolve("none.pem") + " cannot be read");
        } finally {
            tls.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static void keytool(String... args) throws Exception {
        java.nio.file.Path javaBin = java.nio.file.Path.of(ProcessHandle.current().info().command().orElseThrow());
        List<String> command = new ArrayList<>(List.of(javaBin.resolveSibling("keytool").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("keytool %s: %s", args[0], out).isZero();
    }

    @Test
    void predictAllAsksForAllExercisesAndPrintsProtobufJson() {
        CliRun r = CliRun.run("--target", target, "--json", "predict", "--student", "s1", "--all");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(predictRequests.get(0).getAllExercises()).isTrue();
        assertThat(r.out()).contains("\"modelVersion\": \"ka2012-accuracy\"", "\"thetaSource\": \"THETA_SOURCE_GLOBAL\"");
    }

    @Test
    void invalidArgumentIsPrintedWithItsStatusAndExitsWith2() {
        CliRun r = CliRun.run("--target", target, "predict", "--student", "bad", "--all");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("error: INVALID_ARGUMENT: student_id: too long");
    }

    @Test
    void otherStatusesExitWith1() {
        CliRun r = CliRun.run("--target", target, "predict", "--student", "boom", "--all");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("error: INTERNAL: it broke");
    }

    @Test
    void unreachableServiceIsReportedAsUnavailable() {
        CliRun r = CliRun.run("--target", "127.0.0.1:1", "model");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).startsWith("error: UNAVAILABLE");
    }

    @Test
    void statePrintsKnowledgeStateNormAndPerExerciseFeatures() {
        CliRun r = CliRun.run("--target", target, "state", "--student", "s1");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("student s1: known", "100 values", "first 5 [3.000000, 4.000000, 0.000000",
                "L2 norm 5.000000", "addition_1: done 3, correct 2, recent 101",
                "ewma_fast 0.7000", "percent_correct 0.6667");
    }

    @Test
    void stateOfAnUnknownStudentSaysSo() {
        CliRun r = CliRun.run("--target", target, "state", "--student", "nobody", "--exercise", "x");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("student nobody: unknown");
    }

    @Test
    void modelPrintsTheActiveModel() {
        CliRun r = CliRun.run("--target", target, "model");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("ka2012-accuracy", "ka2014", "exercise thetas:    2");
    }

    @Test
    void healthExitsZeroOnlyWhenServing() {
        health.setStatus("", ServingStatus.SERVING);
        CliRun serving = CliRun.run("--target", target, "health");
        health.setStatus("", ServingStatus.NOT_SERVING);
        CliRun notServing = CliRun.run("--target", target, "health");

        assertThat(serving.exitCode()).isZero();
        assertThat(serving.out().strip()).isEqualTo("SERVING");
        assertThat(notServing.exitCode()).isEqualTo(1);
        assertThat(notServing.out().strip()).isEqualTo("NOT_SERVING");
    }

    private final class StubService extends KnowledgeServiceGrpc.KnowledgeServiceImplBase {
        @Override
        public void predict(PredictRequest request, StreamObserver<PredictResponse> out) {
            predictRequests.add(request);
            if (request.getStudentId().equals("bad")) {
                out.onError(Status.INVALID_ARGUMENT.withDescription("student_id: too long").asRuntimeException());
                return;
            }
            if (request.getStudentId().equals("boom")) {
                out.onError(Status.INTERNAL.withDescription("it broke").asRuntimeException());
                return;
            }
            List<String> exercises = request.getAllExercises() ? List.of("addition_1", "zeta") : request.getExercisesList();
            PredictResponse.Builder b = PredictResponse.newBuilder().setStudentId(request.getStudentId())
                    .setModelVersion("ka2012-accuracy");
            for (String e : exercises) {
                boolean known = e.equals("addition_1");
                b.addPredictions(ExercisePrediction.newBuilder().setExercise(e)
                        .setProbability(known ? 0.81234 : 0.5)
                        .setThetaSource(known ? ThetaSource.THETA_SOURCE_EXERCISE : ThetaSource.THETA_SOURCE_GLOBAL)
                        .setDone(known ? 3 : 0));
            }
            out.onNext(b.build());
            out.onCompleted();
        }

        @Override
        public void getStudentState(GetStudentStateRequest request, StreamObserver<StudentState> out) {
            StudentState.Builder b = StudentState.newBuilder().setStudentId(request.getStudentId());
            if (request.getStudentId().equals("s1")) {
                b.setKnown(true).setFeatureSpaceSeed(42);
                for (int i = 0; i < 100; i++) {
                    b.addKnowledgeState(i == 0 ? 3f : i == 1 ? 4f : 0f);
                }
                b.addExercises(ExerciseStateView.newBuilder().setExercise("addition_1").setDone(3).setCorrect(2)
                        .setRecentAnswers("101")
                        .setFeatures(ExerciseFeatures.newBuilder().setEwmaFast(0.7).setEwmaSlow(0.6).setStreak(1)
                                .setLogDone(Math.log(3)).setLogMissedPlusOne(Math.log(2)).setPercentCorrect(2.0 / 3)));
            }
            out.onNext(b.build());
            out.onCompleted();
        }

        @Override
        public void getActiveModel(GetActiveModelRequest request, StreamObserver<ModelInfo> out) {
            out.onNext(ModelInfo.newBuilder().setName("knowledge").setVersion("ka2012-accuracy").setFeatureSet("ka2014")
                    .setFeatureSpaceSeed(42).setExerciseThetas(2).build());
            out.onCompleted();
        }

        @Override
        public void getMasteryLevels(proficio.proto.v1.GetMasteryLevelsRequest request,
                                     StreamObserver<proficio.proto.v1.MasteryLevels> out) {
            out.onNext(proficio.proto.v1.MasteryLevels.newBuilder().setStudentId(request.getStudentId()).setKnown(true)
                    .addExercises(proficio.proto.v1.ExerciseMastery.newBuilder().setExercise("addition_1")
                            .setLevel(proficio.proto.v1.MasteryLevel.MASTERY_LEVEL_PRACTICED).setAttempts(5)
                            .setNextDue(com.google.protobuf.Timestamp.newBuilder().setSeconds(1_700_000_000L)))
                    .build());
            out.onCompleted();
        }

        @Override
        public void getNextChallenge(proficio.proto.v1.GetNextChallengeRequest request,
                                     StreamObserver<proficio.proto.v1.NextChallenge> out) {
            challengeRequests.add(request);
            out.onNext(proficio.proto.v1.NextChallenge.newBuilder().setStudentId(request.getStudentId()).setModelVersion("v9")
                    .addCards(proficio.proto.v1.ChallengeCard.newBuilder().setExercise("fractions")
                            .setCardType(proficio.proto.v1.CardType.CARD_TYPE_REVIEW).setProbability(0.91).setReason("review overdue"))
                    .build());
            out.onCompleted();
        }

        @Override
        public void rankExercises(proficio.proto.v1.RankExercisesRequest request,
                                  StreamObserver<proficio.proto.v1.RankedExercises> out) {
            out.onNext(proficio.proto.v1.RankedExercises.newBuilder().setStudentId(request.getStudentId()).setModelVersion("v9")
                    .addExercises(proficio.proto.v1.RankedExercise.newBuilder().setExercise("easy").setProbability(0.97)
                            .setLevel(proficio.proto.v1.MasteryLevel.MASTERY_LEVEL_MASTERED))
                    .addExercises(proficio.proto.v1.RankedExercise.newBuilder().setExercise("hard").setProbability(0.42)
                            .setLevel(proficio.proto.v1.MasteryLevel.MASTERY_LEVEL_UNPRACTICED))
                    .build());
            out.onCompleted();
        }

        @Override
        public void getChallengeCards(proficio.proto.v1.GetChallengeCardsRequest request,
                                      StreamObserver<proficio.proto.v1.RankedExercises> out) {
            challengeCardRequests.add(request);
            out.onNext(proficio.proto.v1.RankedExercises.newBuilder().setStudentId(request.getStudentId()).setModelVersion("v9")
                    .addExercises(proficio.proto.v1.RankedExercise.newBuilder().setExercise("angles").setProbability(0.93)
                            .setLevel(proficio.proto.v1.MasteryLevel.MASTERY_LEVEL_UNPRACTICED).setInCatalogue(true))
                    .build());
            out.onCompleted();
        }

        @Override
        public void getPracticeTasks(proficio.proto.v1.GetPracticeTasksRequest request,
                                     StreamObserver<proficio.proto.v1.RankedExercises> out) {
            practiceRequests.add(request);
            out.onNext(proficio.proto.v1.RankedExercises.newBuilder().setStudentId(request.getStudentId()).setModelVersion("v9")
                    .addExercises(proficio.proto.v1.RankedExercise.newBuilder().setExercise("addition_1").setProbability(0.8785)
                            .setLevel(proficio.proto.v1.MasteryLevel.MASTERY_LEVEL_PRACTICED).setInCatalogue(true))
                    .addExercises(proficio.proto.v1.RankedExercise.newBuilder().setExercise("addition_2").setProbability(0.8753)
                            .setLevel(proficio.proto.v1.MasteryLevel.MASTERY_LEVEL_UNPRACTICED).setInCatalogue(true))
                    .build());
            out.onCompleted();
        }

        @Override
        public void getTransitions(proficio.proto.v1.GetTransitionsRequest request,
                                   StreamObserver<proficio.proto.v1.GetTransitionsResponse> out) {
            transitionRequests.add(request);
            out.onNext(proficio.proto.v1.GetTransitionsResponse.newBuilder().setStudentId(request.getStudentId())
                    .addTransitions(practiced(request.getStudentId(), "ev-5")).setMore(true).build());
            out.onCompleted();
        }

        @Override
        public void recordAttempt(proficio.proto.v1.RecordAttemptRequest request,
                                  StreamObserver<proficio.proto.v1.RecordAttemptResponse> out) {
            recordRequests.add(request);
            proficio.proto.v1.ProblemLog a = request.getAttempt();
            proficio.proto.v1.RecordAttemptResponse.Builder r = proficio.proto.v1.RecordAttemptResponse.newBuilder()
                    .setEventId(a.getEventId()).setPartition(2).setOffset(41);
            if (request.getWait() && !a.getStudentId().equals("slow")) {
                r.setApplied(true)
                        .setPrediction(ExercisePrediction.newBuilder().setExercise(a.getExercise()).setProbability(0.95152).setDone(5))
                        .setLevelBefore(proficio.proto.v1.MasteryLevel.MASTERY_LEVEL_UNPRACTICED)
                        .setMasteryAfter(proficio.proto.v1.ExerciseMastery.newBuilder().setExercise(a.getExercise())
                                .setLevel(proficio.proto.v1.MasteryLevel.MASTERY_LEVEL_PRACTICED).setAttempts(5)
                                .setNextDue(com.google.protobuf.Timestamp.newBuilder().setSeconds(1_700_057_600L)))
                        .addTransitions(practiced(a.getStudentId(), a.getEventId()));
            }
            out.onNext(r.build());
            out.onCompleted();
        }

        @Override
        public void listModels(proficio.proto.v1.ListModelsRequest request,
                               StreamObserver<proficio.proto.v1.ListModelsResponse> out) {
            out.onNext(proficio.proto.v1.ListModelsResponse.newBuilder().setName("knowledge").setActiveVersion("v2")
                    .addModels(ModelInfo.newBuilder().setVersion("ka2012-accuracy").setShippedDefault(true)
                            .setStatus(proficio.proto.v1.ModelStatus.MODEL_STATUS_AVAILABLE).setFeatureSet("ka2014"))
                    .addModels(ModelInfo.newBuilder().setVersion("v2").setFeatureSet("ka2014-plus").setExerciseThetas(7)
                            .setStatus(proficio.proto.v1.ModelStatus.MODEL_STATUS_ACTIVE))
                    .addModels(ModelInfo.newBuilder().setVersion("v3").setStatus(proficio.proto.v1.ModelStatus.MODEL_STATUS_REFUSED)
                            .setRefusalReason("checksum mismatch"))
                    .build());
            out.onCompleted();
        }
    }

    @Test
    void modelsListsEveryVersionWithItsStatusAndWhyOneWasRefused() {
        CliRun r = CliRun.run("--target", target, "models");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("active version v2")
                .containsPattern("available\\s+ka2012-accuracy.*shipped default")
                .containsPattern("active\\s+v2\\s+ka2014-plus\\s+7 exercise thetas")
                .contains("refused: checksum mismatch");
    }

    @Test
    void predictPassesTheProblemType() {
        CliRun r = CliRun.run("--target", target, "predict", "--student", "s1", "--exercise", "addition_1",
                "--problem-type", "item-7");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(predictRequests.get(0).getProblemType()).isEqualTo("item-7");
    }

    @Test
    void masteryPrintsLevelAttemptsAndNextDue() {
        CliRun r = CliRun.run("--target", target, "mastery", "--student", "s1");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("addition_1\\s+practiced\\s+attempts 5, next due 2023-11-14T22:13:20Z");
    }

    @Test
    void challengePassesAsOfAndPrintsTheCardsInOrder() {
        CliRun r = CliRun.run("--target", target, "challenge", "--student", "s1", "--as-of", "2026-11-23T08:00:00Z");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(challengeRequests.get(0).getAsOf().getSeconds()).isEqualTo(java.time.Instant.parse("2026-11-23T08:00:00Z").getEpochSecond());
        assertThat(r.out()).containsPattern("review\\s+fractions\\s+p 0\\.9100\\s+review overdue").contains("1 card(s), model v9");
    }

    @Test
    void rankPrintsExercisesHighestFirstWithTheirLevels() {
        CliRun r = CliRun.run("--target", target, "rank", "--student", "s1");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("easy\\s+p 0\\.9700\\s+mastered[\\s\\S]*hard\\s+p 0\\.4200\\s+unpracticed");
    }

    /** A practice task completed at 2023-11-14T22:13:20Z, next due 16 h later. */
    private static proficio.proto.v1.MasteryTransition practiced(String student, String eventId) {
        return proficio.proto.v1.MasteryTransition.newBuilder().setStudentId(student).setExercise("counting")
                .setEventId(eventId)
                .setFromLevel(proficio.proto.v1.MasteryLevel.MASTERY_LEVEL_UNPRACTICED)
                .setToLevel(proficio.proto.v1.MasteryLevel.MASTERY_LEVEL_PRACTICED)
                .setRule("PRACTICE_TASK_COMPLETED").setReason("5 right in a row: practice task completed")
                .setP(0.94534).setThreshold(Double.NaN)
                .setEventTime(com.google.protobuf.Timestamp.newBuilder().setSeconds(1_700_000_000L))
                .setNextDue(com.google.protobuf.Timestamp.newBuilder().setSeconds(1_700_057_600L))
                .setCardType(proficio.proto.v1.CardType.CARD_TYPE_PRACTICE).build();
    }

    @Test
    void challengeCardsPassesTheLimitAndPrintsTheCards() {
        CliRun r = CliRun.run("--target", target, "challenge-cards", "--student", "s1", "--limit", "3");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(challengeCardRequests.get(0).getLimit()).isEqualTo(3);
        assertThat(r.out()).containsPattern("angles\\s+p 0\\.9300\\s+unpracticed").contains("1 challenge card(s), model v9");
    }

    @Test
    void practicePassesTheMissionAndPrintsTasksInTheServicesOrder() {
        CliRun r = CliRun.run("--target", target, "practice", "--student", "s1", "--mission", "arithmetic");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(practiceRequests.get(0).getMission()).isEqualTo("arithmetic");
        assertThat(practiceRequests.get(0).getLimit()).isEqualTo(10);
        assertThat(r.out()).containsPattern("addition_1\\s+p 0\\.8785\\s+practiced[\\s\\S]*addition_2\\s+p 0\\.8753\\s+unpracticed")
                .contains("2 practice task(s) in mission arithmetic");
    }

    @Test
    void practiceWithoutAMissionIsAUsageError() {
        CliRun r = CliRun.run("--target", target, "practice", "--student", "s1");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("Missing required option: '--mission=M'");
        assertThat(practiceRequests).isEmpty();
    }

    @Test
    void transitionsPassesSinceAndLimit_printsRuleAndReason_andSaysWhereToGoOn() {
        CliRun r = CliRun.run("--target", target, "transitions", "--student", "s1", "--since", "2023-11-14T00:00:00Z",
                "--limit", "1");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(transitionRequests.get(0).getSince().getSeconds())
                .isEqualTo(java.time.Instant.parse("2023-11-14T00:00:00Z").getEpochSecond());
        assertThat(transitionRequests.get(0).getLimit()).isEqualTo(1);
        assertThat(r.out())
                .containsPattern("2023-11-14T22:13:20Z\\s+counting\\s+unpracticed\\s+->\\s+practiced\\s+PRACTICE_TASK_COMPLETED\\s+p 0\\.9453\\s+next due 2023-11-15T14:13:20Z")
                .contains("    5 right in a row: practice task completed", "student s1, 1 transition(s)",
                        "more: ask again with --since 2023-11-14T22:13:20Z");
    }

    @Test
    void transitionsWithoutSinceAsksForAll() {
        CliRun r = CliRun.run("--target", target, "--json", "transitions", "--student", "s1");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(transitionRequests.get(0).hasSince()).isFalse();
        assertThat(transitionRequests.get(0).getLimit()).isEqualTo(100);
        assertThat(r.out()).contains("\"rule\": \"PRACTICE_TASK_COMPLETED\"", "\"more\": true");
    }

    @Test
    void transitionsWithABadSinceIsAUsageError() {
        CliRun r = CliRun.run("--target", target, "transitions", "--student", "s1", "--since", "yesterday");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("'yesterday' is not an ISO-8601 time");
        assertThat(transitionRequests).isEmpty();
    }

    @Test
    void recordWithWait_sendsTheAnswerThroughRecordAttempt_andPrintsItsTransitionsAndNewPrediction() {
        CliRun r = CliRun.run("--target", target, "record", "--student", "s1", "--exercise", "counting", "--correct",
                "--card-type", "mastery", "--time", "2023-11-14T22:13:20Z", "--event-id", "ev-5", "--wait",
                "--timeout-ms", "2500");

        assertThat(r.exitCode()).as(r.err()).isZero();
        proficio.proto.v1.RecordAttemptRequest sent = recordRequests.get(0);
        assertThat(sent.getWait()).isTrue();
        assertThat(sent.getTimeout().getSeconds()).isEqualTo(2);
        assertThat(sent.getTimeout().getNanos()).isEqualTo(500_000_000);
        assertThat(sent.getAttempt().getEventId()).isEqualTo("ev-5");
        assertThat(sent.getAttempt().getStudentId()).isEqualTo("s1");
        assertThat(sent.getAttempt().getExercise()).isEqualTo("counting");
        assertThat(sent.getAttempt().getCorrect()).isTrue();
        assertThat(sent.getAttempt().getCardType()).isEqualTo(proficio.proto.v1.CardType.CARD_TYPE_MASTERY);
        assertThat(proficio.proto.ProblemLogs.Timestamps.toMillis(sent.getAttempt().getTimeDone()))
                .isEqualTo(java.time.Instant.parse("2023-11-14T22:13:20Z").toEpochMilli());
        assertThat(r.out()).contains("recorded answer ev-5 (s1, counting, correct, mastery card) to problem-logs partition 2 offset 41",
                        "applied: unpracticed -> practiced, next due 2023-11-15T14:13:20Z, p(next right) = 0.9515")
                .containsPattern("counting\\s+unpracticed\\s+->\\s+practiced\\s+PRACTICE_TASK_COMPLETED");
    }

    @Test
    void recordWithoutWait_printsWhereTheAnswerWasWritten() {
        CliRun r = CliRun.run("--target", target, "record", "--student", "s1", "--exercise", "counting", "--wrong");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(recordRequests.get(0).getWait()).isFalse();
        assertThat(recordRequests.get(0).hasTimeout()).isFalse();
        assertThat(recordRequests.get(0).getAttempt().getCorrect()).isFalse();
        assertThat(r.out()).contains("(s1, counting, wrong, practice card) to problem-logs partition 2 offset 41")
                .doesNotContain("applied");
    }

    @Test
    void recordJsonPrintsTheWholeReply() {
        CliRun r = CliRun.run("--target", target, "--json", "record", "--student", "s1", "--exercise", "counting",
                "--correct", "--wait");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"applied\": true", "\"rule\": \"PRACTICE_TASK_COMPLETED\"", "\"levelBefore\": \"MASTERY_LEVEL_UNPRACTICED\"");
    }

    @Test
    void recordNotAppliedInTime_exitsWith3AndSaysTheAnswerIsWritten() {
        CliRun r = CliRun.run("--target", target, "record", "--student", "slow", "--exercise", "counting", "--correct",
                "--event-id", "ev-slow", "--wait");

        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains("answer ev-slow was written (partition 2 offset 41) but not seen applied in time");
    }

    @Test
    void recordWithAnInvalidAnswerIsAUsageErrorNamingTheOption() {
        CliRun r = CliRun.run("--target", target, "record", "--student", "s1", "--exercise", "counting", "--correct",
                "--event-id", " ");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("Invalid --event-id: event_id");
        assertThat(recordRequests).isEmpty();
    }
}
