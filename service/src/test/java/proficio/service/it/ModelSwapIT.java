package proficio.service.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.StatusRuntimeException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import proficio.model.event.ProblemLog;
import proficio.model.feature.FeatureSpace;
import proficio.model.feature.Ka2014PlusFeatureSet;
import proficio.model.feature.Ka2014SeqFeatureSet;
import proficio.model.predict.KnowledgeModel;
import proficio.model.predict.Provenance;
import proficio.model.predict.Theta;
import proficio.model.state.StateUpdate;
import proficio.model.state.StudentReplay;
import proficio.proto.DefaultModel;
import proficio.proto.ModelArtifacts;
import proficio.proto.ProblemLogs;
import proficio.proto.v1.ExercisePrediction;
import proficio.proto.v1.GetActiveModelRequest;
import proficio.proto.v1.ListModelsRequest;
import proficio.proto.v1.ListModelsResponse;
import proficio.proto.v1.ModelInfo;
import proficio.proto.v1.ModelStatus;
import proficio.proto.v1.PredictRequest;
import proficio.proto.v1.PredictResponse;
import proficio.proto.v1.RankExercisesRequest;
import proficio.proto.v1.RankedExercise;
import proficio.proto.v1.RankedExercises;
import proficio.proto.v1.RecordAttemptRequest;
import proficio.proto.v1.RecordAttemptResponse;
import proficio.proto.v1.ThetaSource;

/**
 * Model hot-swap end to end: models written to the {@code models} topic of a real broker, exactly as
 * the protocol says, change what the running service process answers, without a restart; bad ones
 * are refused with the reason while the model before keeps serving; a restart answers with the
 * pointed-to version from its first answer. Each test publishes the valid version it starts from.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ModelSwapIT {

    /** The bound for a published model to be answering. */
    private static final Duration SWAP_WITHIN = Duration.ofSeconds(5);
    private static final String STUDENT = "swap-student";

    @TempDir
    static Path dir;
    static TestBroker broker;
    static ServiceProcess service;
    static ModelPublisher publisher;
    static long pid;
    static StudentReplay replay;

    @BeforeAll
    static void start() throws Exception {
        broker = new TestBroker(dir.resolve("broker"));
        publisher = new ModelPublisher(broker.bootstrapServers());
        service = new ServiceProcess(dir.resolve("service"), Map.of(
                "proficio.kafka.bootstrap-servers", broker.bootstrapServers(),
                "proficio.streams.application-id", "model-swap-it")).start().awaitServing(60_000);
        pid = service.pid();

        replay = new StudentReplay(new StateUpdate(new FeatureSpace(FeatureSpace.DEFAULT_SEED)));
        List<ProblemLog> history = List.of(
                Students.answer(STUDENT, "addition_1", "p1", true),
                Students.answer(STUDENT, "subtraction_1", "p2", false),
                Students.answer(STUDENT, "addition_1", "p1", true),
                Students.answer(STUDENT, "addition_1", "p3", false),
                Students.answer(STUDENT, "subtraction_1", "p2", true));
        history.forEach(broker::send);
        history.forEach(replay::apply);
        Students.awaitDone(service.knowledge(), STUDENT, "subtraction_1", 2);
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.close();
        }
        if (publisher != null) {
            publisher.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    @Order(1)
    void publishedModel_answersWithinSeconds_bitForBit_withoutARestart() throws Exception {
        assertThat(predict().getModelVersion()).as("before any pointer: the shipped default").isEqualTo("ka2012-accuracy");
        KnowledgeModel v2 = model("v2", -1.5);

        publisher.artifact(ModelArtifacts.toArtifact(ModelPublisher.NAME, v2));
        long pointerWritten = System.nanoTime();
        publisher.point("v2", "publish: hold-out log-loss 0.51 < 0.53");
        PredictResponse r = awaitVersion("v2");
        Duration took = Duration.ofNanos(System.nanoTime() - pointerWritten);
        System.out.printf("ModelSwapIT: v2 answered %d ms after its pointer was written%n", took.toMillis());

        assertThat(took).isLessThan(SWAP_WITHIN);
        assertPredictionsOf(v2, r);
        assertThat(r.getPredictions(0).getThetaSource()).isEqualTo(ThetaSource.THETA_SOURCE_EXERCISE);
        assertThat(r.getPredictions(1).getThetaSource()).isEqualTo(ThetaSource.THETA_SOURCE_GLOBAL);
        assertThat(r.getPredictions(0).getProbability()).as("visibly different from the default's")
                .isLessThan(defaultModel().predict("addition_1", replay.exercise("addition_1"), replay.knowledge()).probability() - 0.1);
        assertThat(service.pid()).as("the same process: no restart").isEqualTo(pid);
        assertThat(service.isAlive()).isTrue();

        ModelInfo active = service.knowledge().getActiveModel(GetActiveModelRequest.getDefaultInstance());
        assertThat(active.getVersion()).isEqualTo("v2");
        assertThat(active.getStatus()).isEqualTo(ModelStatus.MODEL_STATUS_ACTIVE);
        assertThat(active.getExerciseThetas()).isEqualTo(1);
        assertThat(active.getProvenance().getTrainedOn()).isEqualTo("ModelSwapIT");
        assertThat(active.getPointer().getReason()).isEqualTo("publish: hold-out log-loss 0.51 < 0.53");
        assertThat(active.getPointer().getPublishedBy()).isEqualTo("ModelSwapIT@localhost");
        ListModelsResponse list = listModels();
        assertThat(list.getName()).isEqualTo("knowledge");
        assertThat(list.getActiveVersion()).isEqualTo("v2");
        assertThat(info(list, "ka2012-accuracy").getStatus()).isEqualTo(ModelStatus.MODEL_STATUS_AVAILABLE);
        assertThat(info(list, "ka2012-accuracy").getShippedDefault()).isTrue();
    }

    @Test
    @Order(2)
    void corruptArtifact_isRefusedForItsChecksum_andTheModelBeforeKeepsServing() throws Exception {
        KnowledgeModel serving = publishAndAwait(model("b-serving", -0.5));
        KnowledgeModel corrupt = model("b-corrupt", 2.0);
        byte[] bytes = ModelArtifacts.toArtifact(ModelPublisher.NAME, corrupt).toByteArray();
        publisher.artifact("b-corrupt", flipLowestByteOf(corrupt.exerciseThetas().get("addition_1").get(0), bytes));
        publisher.point("b-corrupt", "publish");

        ModelInfo refused = awaitRefused("b-corrupt");
        assertThat(refused.getRefusalReason()).contains("checksum");
        assertStillServing(serving);
        assertThat(service.logTail()).containsPattern("WARN .*refused version b-corrupt: checksum mismatch");
    }

    @Test
    @Order(3)
    void artifactOfAnotherFeatureSpace_isRefusedNamingTheSeed() throws Exception {
        KnowledgeModel serving = publishAndAwait(model("c-serving", -0.7));
        KnowledgeModel otherSeed = new KnowledgeModel("c-seed-42", new FeatureSpace(42), serving.featureSet(),
                serving.globalTheta(), serving.exerciseThetas(), serving.provenance());
        publisher.publish(ModelArtifacts.toArtifact(ModelPublisher.NAME, otherSeed), "publish");

        ModelInfo refused = awaitRefused("c-seed-42");
        assertThat(refused.getRefusalReason()).contains("feature_space_seed 42").contains(Long.toString(FeatureSpace.DEFAULT_SEED));
        assertThat(refused.getFeatureSpaceSeed()).isEqualTo(42);
        assertStillServing(serving);
    }

    @Test
    @Order(4)
    void pointerToAVersionWithoutArtifact_isRefused() throws Exception {
        KnowledgeModel serving = publishAndAwait(model("d-serving", -0.9));
        publisher.point("d-never-written", "publish");

        ModelInfo refused = awaitRefused("d-never-written");
        assertThat(refused.getRefusalReason()).contains("no artifact").contains("knowledge@d-never-written");
        assertStillServing(serving);
    }

    @Test
    @Order(5)
    void rollbackPointer_reactivatesAnEarlierVersion() throws Exception {
        KnowledgeModel first = publishAndAwait(model("e-first", -1.1));
        publishAndAwait(model("e-second", 1.0));

        publisher.point("e-first", "rollback");
        PredictResponse r = awaitVersion("e-first");

        assertPredictionsOf(first, r);
        ListModelsResponse list = listModels();
        assertThat(info(list, "e-first").getStatus()).isEqualTo(ModelStatus.MODEL_STATUS_ACTIVE);
        assertThat(info(list, "e-first").getPointer().getReason()).isEqualTo("rollback");
        assertThat(info(list, "e-second").getStatus()).isEqualTo(ModelStatus.MODEL_STATUS_AVAILABLE);
        assertThat(service.pid()).isEqualTo(pid);
    }

    @Test
    @Order(6)
    void richerFeatureSet_withProblemTypeOffsets_isServedBitForBitAsTheTrainerComputesIt() throws Exception {
        double[] w = new double[Ka2014PlusFeatureSet.INSTANCE.dimension()];
        for (int i = 0; i < w.length; i++) {
            w[i] = 0.03 * ((i % 7) - 3); // every feature matters, the student totals included
        }
        KnowledgeModel plus = new KnowledgeModel("plus-1", new FeatureSpace(FeatureSpace.DEFAULT_SEED), Ka2014PlusFeatureSet.INSTANCE,
                Theta.of(w), Map.of("addition_1", Theta.of(shift(w, 0.4))),
                Map.of("addition_1", Map.of("p1", -0.75, "p3", 0.5)), new Provenance(1, "ModelSwapIT", 5, "hand-made"));
        publishAndAwait(plus);
        // The next problem's type, when given, applies its offset; the replay is the trainer's view.
        PredictResponse typed = service.knowledge().predict(PredictRequest.newBuilder().setStudentId(STUDENT)
                .addExercises("addition_1").setProblemType("p1").build());
        assertThat(Double.doubleToRawLongBits(typed.getPredictions(0).getProbability()))
                .isEqualTo(Double.doubleToRawLongBits(plus.predict("addition_1", "p1", replay).probability()));
        assertThat(typed.getPredictions(0).getProbability()).isNotEqualTo(predict().getPredictions(0).getProbability());
    }

    @Test
    @Order(7)
    void sequenceFeatureSet_isServedBitForBitAsTheTrainersReplay_beforeAndAfterAnswersAppliedUnderIt() throws Exception {
        double[] w = new double[Ka2014SeqFeatureSet.INSTANCE.dimension()];
        for (int i = 0; i < w.length; i++) {
            w[i] = i >= 113 ? 0.3 * ((i % 5) - 2) + 0.1 : 0.03 * ((i % 7) - 3); // the 20 sequence features weigh most
        }
        KnowledgeModel seq = new KnowledgeModel("seq-1", new FeatureSpace(FeatureSpace.DEFAULT_SEED), Ka2014SeqFeatureSet.INSTANCE,
                Theta.of(w), Map.of("subtraction_1", Theta.of(shift(w, -0.3))),
                Map.of("addition_1", Map.of("p1", -0.75, "p3", 0.5)), new Provenance(1, "ModelSwapIT", 5, "hand-made"))
                .atFloatPrecision();
        // The history so far was applied under other models: the stored sequence is what p reads now.
        publishAndAwait(seq);

        String[] exercises = {"subtraction_1", "subtraction_1", "addition_1", "place_value", "addition_1", "subtraction_1"};
        for (int i = 0; i < exercises.length; i++) {
            ProblemLog a = Students.answer(STUDENT, exercises[i], "p" + (i % 3 + 1), i % 3 != 2);
            replay.apply(a);
            RecordAttemptResponse r = service.knowledge().recordAttempt(RecordAttemptRequest.newBuilder()
                    .setAttempt(ProblemLogs.toWire(a)).setWait(true).build());
            assertThat(r.getApplied()).isTrue();
            assertThat(Double.doubleToRawLongBits(r.getPrediction().getProbability())).as("RecordAttempt's p after %s", a.eventId())
                    .isEqualTo(Double.doubleToRawLongBits(seq.predict(a.exercise(), "", replay).probability()));
        }
        assertThat(replay.sequence().length()).isEqualTo(11);
        assertPredictionsOf(seq, predict());
        PredictResponse typed = service.knowledge().predict(PredictRequest.newBuilder().setStudentId(STUDENT)
                .addExercises("addition_1").setProblemType("p1").build());
        assertThat(Double.doubleToRawLongBits(typed.getPredictions(0).getProbability()))
                .isEqualTo(Double.doubleToRawLongBits(seq.predict("addition_1", "p1", replay).probability()));
        // RankExercises goes through the catalogue pass (the shared never-attempted vector), which reads the sequence too.
        RankedExercises ranked = service.knowledge().rankExercises(RankExercisesRequest.newBuilder().setStudentId(STUDENT).build());
        assertThat(ranked.getModelVersion()).isEqualTo("seq-1");
        assertThat(ranked.getExercisesList()).extracting(RankedExercise::getExercise)
                .containsExactlyInAnyOrder("addition_1", "subtraction_1", "place_value");
        for (RankedExercise e : ranked.getExercisesList()) {
            assertThat(Double.doubleToRawLongBits(e.getProbability())).as("rank p(%s)", e.getExercise())
                    .isEqualTo(Double.doubleToRawLongBits(seq.predict(e.getExercise(), "", replay).probability()));
        }
    }

    private static double[] shift(double[] w, double intercept) {
        double[] s = w.clone();
        s[0] += intercept;
        return s;
    }

    @Test
    @Order(Integer.MAX_VALUE) // restarts the process the others share
    void afterARestart_theFirstAnswerUsesThePointedToVersion_evenWhenTheNewestPointerWasRefused() throws Exception {
        KnowledgeModel last = publishAndAwait(model("f-last-valid", -1.3));
        publisher.point("f-missing", "publish");
        awaitRefused("f-missing");

        service.stop();
        service.start();
        PredictResponse first = firstAnswer();
        System.out.printf("ModelSwapIT: first answer after the restart %d ms after launch, model %s%n",
                Duration.ofNanos(System.nanoTime() - service.startedAtNanos).toMillis(), first.getModelVersion());
        service.logTail().lines().filter(l -> l.contains("models topic") || l.contains("Kafka Streams") || l.contains("started in"))
                .forEach(l -> System.out.println("ModelSwapIT: " + l));

        assertThat(first.getModelVersion()).isEqualTo("f-last-valid");
        assertPredictionsOf(last, first);
        assertThat(service.pid()).isNotEqualTo(pid);
        ListModelsResponse list = listModels();
        assertThat(list.getActiveVersion()).isEqualTo("f-last-valid");
        assertThat(info(list, "f-missing").getStatus()).isEqualTo(ModelStatus.MODEL_STATUS_REFUSED);
        assertThat(info(list, "b-corrupt").getStatus()).isEqualTo(ModelStatus.MODEL_STATUS_REFUSED);
        assertThat(info(list, "e-first").getStatus()).isEqualTo(ModelStatus.MODEL_STATUS_AVAILABLE);
    }

    /**
     * The default model with its own theta for addition_1: the global theta with the intercept moved
     * by {@code interceptShift} and small KnowledgeState weights, so the 100 state values count too.
     */
    private static KnowledgeModel model(String version, double interceptShift) {
        KnowledgeModel base = defaultModel();
        double[] w = base.globalTheta().toArray();
        w[0] += interceptShift;
        for (int i = 7; i < w.length; i++) {
            w[i] = 0.05 * ((i % 5) - 2);
        }
        return new KnowledgeModel(version, new FeatureSpace(FeatureSpace.DEFAULT_SEED), base.featureSet(), base.globalTheta(),
                Map.of("addition_1", Theta.of(w)), new Provenance(System.currentTimeMillis(), "ModelSwapIT", 5, "hand-made"));
    }

    private static KnowledgeModel defaultModel() {
        try {
            return ModelArtifacts.toModel(DefaultModel.artifact());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static KnowledgeModel publishAndAwait(KnowledgeModel m) throws InterruptedException {
        publisher.publish(ModelArtifacts.toArtifact(ModelPublisher.NAME, m), "publish");
        assertPredictionsOf(m, awaitVersion(m.version()));
        return m;
    }

    private static PredictResponse predict() {
        return service.knowledge().predict(PredictRequest.newBuilder().setStudentId(STUDENT)
                .addExercises("addition_1").addExercises("subtraction_1").build());
    }

    /** Polls Predict until it answers with {@code version}; fails after {@link #SWAP_WITHIN}. */
    private static PredictResponse awaitVersion(String version) throws InterruptedException {
        long deadline = System.nanoTime() + SWAP_WITHIN.toNanos();
        PredictResponse r = predict();
        while (!r.getModelVersion().equals(version) && System.nanoTime() < deadline) {
            Thread.sleep(10);
            r = predict();
        }
        assertThat(r.getModelVersion()).as("model version answering %s after the pointer", SWAP_WITHIN).isEqualTo(version);
        return r;
    }

    /** Polls ListModels until {@code version} is REFUSED; fails after {@link #SWAP_WITHIN}. */
    private static ModelInfo awaitRefused(String version) throws InterruptedException {
        long deadline = System.nanoTime() + SWAP_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            ModelInfo m = listModels().getModelsList().stream().filter(i -> i.getVersion().equals(version)).findFirst().orElse(null);
            if (m != null && m.getStatus() == ModelStatus.MODEL_STATUS_REFUSED) {
                return m;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(version + " not refused within " + SWAP_WITHIN + ": " + listModels());
    }

    private static void assertStillServing(KnowledgeModel serving) {
        PredictResponse r = predict();
        assertThat(r.getModelVersion()).isEqualTo(serving.version());
        assertPredictionsOf(serving, r);
        assertThat(listModels().getActiveVersion()).isEqualTo(serving.version());
        assertThat(service.pid()).isEqualTo(pid);
    }

    /** Every probability equals, bit for bit, what {@code model} gives for the replayed state. */
    private static void assertPredictionsOf(KnowledgeModel model, PredictResponse r) {
        assertThat(r.getModelVersion()).isEqualTo(model.version());
        assertThat(r.getPredictionsCount()).isEqualTo(2);
        for (ExercisePrediction p : r.getPredictionsList()) {
            double expected = model.predict(p.getExercise(), "", replay).probability();
            assertThat(Double.doubleToRawLongBits(p.getProbability())).as("p(%s) under %s", p.getExercise(), model.version())
                    .isEqualTo(Double.doubleToRawLongBits(expected));
        }
    }

    /** Polls Predict from the launch; the first answer that comes back. */
    private static PredictResponse firstAnswer() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                return predict();
            } catch (StatusRuntimeException e) {
                Thread.sleep(20);
            }
        }
        throw new AssertionError("no answer within 60 s of the restart; log:\n" + service.logTail());
    }

    private static ListModelsResponse listModels() {
        return service.knowledge().listModels(ListModelsRequest.getDefaultInstance());
    }

    private static ModelInfo info(ListModelsResponse list, String version) {
        return list.getModelsList().stream().filter(m -> m.getVersion().equals(version)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + version + " in " + list));
    }

    /** The artifact bytes with the lowest byte of {@code weight}'s little-endian encoding flipped. */
    private static byte[] flipLowestByteOf(double weight, byte[] artifact) {
        byte[] le = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(weight).array();
        for (int i = 0; i + 8 <= artifact.length; i++) {
            if (Arrays.equals(artifact, i, i + 8, le, 0, 8)) {
                byte[] out = artifact.clone();
                out[i] ^= 0x01;
                return out;
            }
        }
        throw new AssertionError("weight " + weight + " not found in the artifact");
    }
}
