package proficio.service.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import proficio.model.feature.StudentView;
import proficio.model.predict.KnowledgeModel;
import proficio.model.predict.Provenance;
import proficio.model.predict.Theta;
import proficio.model.state.ExerciseState;
import proficio.model.state.KnowledgeState;
import proficio.proto.ModelArtifacts;
import proficio.proto.v1.ModelStatus;
import proficio.proto.v1.PredictRequest;
import proficio.proto.v1.PredictResponse;
import proficio.trainer.cli.TrainerCli;

/**
 * The trainer's own commands against a real broker and the running service: train on simulated
 * answers, publish (the service answers with it within seconds, no restart), a worse model refused
 * unless forced, rollback.
 */
class TrainerPublishIT {

    private static final Duration SWAP_WITHIN = Duration.ofSeconds(5);

    @TempDir
    static Path dir;
    static TestBroker broker;
    static ServiceProcess service;
    static Path train;
    static Path test;

    @BeforeAll
    static void start() throws Exception {
        broker = new TestBroker(dir.resolve("broker"));
        service = new ServiceProcess(dir.resolve("service"), Map.of(
                "proficio.kafka.bootstrap-servers", broker.bootstrapServers(),
                "proficio.streams.application-id", "trainer-publish-it")).start().awaitServing(60_000);
        train = simulate(dir.resolve("train.tsv"), 0, 400, 11);
        test = simulate(dir.resolve("test.tsv"), 400, 150, 12);
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
    void trainPublishRefuseForceRollback_throughTheTrainersCommands() throws Exception {
        long pid = service.pid();
        Run trained = trainer("train", train.toString(), "--test", test.toString(), "--model-version", "sim-1",
                "--out", dir.resolve("out").toString());
        assertThat(trained.code).as(trained.out).isZero();
        Path artifact = dir.resolve("out/sim-1.pb");
        KnowledgeModel sim1 = ModelArtifacts.toModel(proficio.proto.v1.ModelArtifact.parseFrom(Files.readAllBytes(artifact)));

        Run published = publish(artifact.toString());
        assertThat(published.code).as(published.out).isZero();
        long t0 = System.nanoTime();
        PredictResponse r = awaitVersion("sim-1");
        System.out.printf("TrainerPublishIT: sim-1 answered %d ms after publish returned%n", (System.nanoTime() - t0) / 1_000_000);
        assertThat(r.getPredictions(0).getProbability()).isEqualTo(
                sim1.predict("3", "", StudentView.ofOne("3", ExerciseState.EMPTY, KnowledgeState.zero())).probability());
        assertThat(service.pid()).isEqualTo(pid);

        // A model that says everyone fails scores worse on the hold-out: refused, sim-1 keeps serving.
        double[] w = new double[sim1.featureSet().dimension()];
        w[0] = -4;
        KnowledgeModel bad = new KnowledgeModel("bad-1", sim1.featureSpace(), sim1.featureSet(), Theta.of(w), Map.of(),
                new Provenance(1, "TrainerPublishIT", 0, "deliberately bad"));
        Path badFile = dir.resolve("bad-1.pb");
        Files.write(badFile, ModelArtifacts.toArtifact("knowledge", bad).toByteArray());
        Run refused = publish(badFile.toString());
        assertThat(refused.code).as(refused.out).isEqualTo(3);
        assertThat(refused.out).contains("bad-1").contains("log-loss");
        Thread.sleep(1000);
        assertThat(predict().getModelVersion()).isEqualTo("sim-1");

        Run forced = publish(badFile.toString(), "--force");
        assertThat(forced.code).as(forced.out).isZero();
        awaitVersion("bad-1");
        assertThat(service.knowledge().listModels(proficio.proto.v1.ListModelsRequest.getDefaultInstance()).getModelsList())
                .filteredOn(m -> m.getVersion().equals("bad-1")).singleElement()
                .satisfies(m -> assertThat(m.getPointer().getForced()).isTrue());

        Run rolledBack = trainer("rollback", "--to", "sim-1", "--bootstrap", broker.bootstrapServers());
        assertThat(rolledBack.code).as(rolledBack.out).isZero();
        awaitVersion("sim-1");
        assertThat(service.knowledge().listModels(proficio.proto.v1.ListModelsRequest.getDefaultInstance()).getModelsList())
                .filteredOn(m -> m.getVersion().equals("sim-1")).singleElement()
                .satisfies(m -> assertThat(m.getStatus()).isEqualTo(ModelStatus.MODEL_STATUS_ACTIVE));
        assertThat(service.pid()).isEqualTo(pid);
    }

    private static Run publish(String artifact, String... extra) {
        List<String> args = new ArrayList<>(List.of("publish", artifact, train.toString(), "--test", test.toString(),
                "--bootstrap", broker.bootstrapServers(), "--by", "TrainerPublishIT"));
        args.addAll(List.of(extra));
        return trainer(args.toArray(String[]::new));
    }

    private record Run(int code, String out) {
    }

    private static Run trainer(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = TrainerCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        List<String> all = new ArrayList<>(List.of("--progress", "none"));
        all.addAll(List.of(args));
        int code = cli.execute(all.toArray(String[]::new));
        return new Run(code, out.toString());
    }

    private static PredictResponse predict() {
        return service.knowledge().predict(PredictRequest.newBuilder().setStudentId("newcomer").addExercises("3").build());
    }

    private static PredictResponse awaitVersion(String version) throws InterruptedException {
        long deadline = System.nanoTime() + SWAP_WITHIN.toNanos();
        PredictResponse r = predict();
        while (!r.getModelVersion().equals(version) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            r = predict();
        }
        assertThat(r.getModelVersion()).as("version answering within %s", SWAP_WITHIN).isEqualTo(version);
        return r;
    }

    /**
     * Gervet-format answers (user_id item_id timestamp correct skill_id, file order = time) of
     * simulated students: ability plus practice minus item difficulty, on the log-odds scale.
     */
    static Path simulate(Path file, int firstStudent, int students, long seed) throws IOException {
        Random r = new Random(seed);
        Random items = new Random(99); // the same item difficulties in every file
        double[] difficulty = new double[60];
        for (int i = 0; i < difficulty.length; i++) {
            difficulty[i] = items.nextGaussian();
        }
        StringBuilder sb = new StringBuilder("user_id\titem_id\ttimestamp\tcorrect\tskill_id\n");
        for (int s = firstStudent; s < firstStudent + students; s++) {
            double ability = r.nextGaussian();
            int[] practice = new int[6];
            for (int k = 0; k < 30; k++) {
                int skill = r.nextInt(6);
                int item = skill * 10 + r.nextInt(10);
                double z = ability + 0.25 * practice[skill] - difficulty[item];
                int correct = r.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
                practice[skill]++;
                sb.append(s).append('\t').append(item).append("\t0\t").append(correct).append('\t').append(skill).append('\n');
            }
        }
        return Files.writeString(file, sb);
    }
}
