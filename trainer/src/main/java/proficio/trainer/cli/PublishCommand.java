package proficio.trainer.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import proficio.model.feature.FeatureSets;
import proficio.model.predict.KnowledgeModel;
import proficio.proto.v1.ModelArtifact;
import proficio.proto.v1.ModelPointer;
import proficio.trainer.eval.Metrics;
import proficio.trainer.input.Shard;
import proficio.trainer.publish.Artifacts;
import proficio.trainer.publish.KafkaModelsTopic;
import proficio.trainer.publish.Publisher;
import proficio.trainer.replay.ExerciseRows;
import proficio.trainer.replay.RowSet;

@Command(name = "publish", mixinStandardHelpOptions = true, versionProvider = TrainerCli.Version.class,
        sortOptions = false,
        description = {"Publish an artifact to the models topic: check it as the service will, score it and the active "
                + "model (from the topic, or the default model when nothing is published) on the hold-out, refuse it "
                + "when its log-loss is higher unless --force, then write the artifact record and after it the pointer "
                + "that activates it. The running service swaps it in without a restart."})
final class PublishCommand implements Callable<Integer> {

    @ParentCommand
    TrainerCli cli;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ARTIFACT", description = "The model artifact (.pb) to publish.")
    Path artifactFile;

    @Option(names = "--force", description = "Publish even when it scores worse than the active model, or without a hold-out.")
    boolean force;

    @Option(names = "--candidate", description = "Name it the candidate instead: the service scores every answer with it "
            + "beside the active model (quality figures, never served) until 'promote'. Needs no hold-out.")
    boolean asCandidate;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = Artifacts.DEFAULT_NAME,
            description = "Model name (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--models-topic", paramLabel = "TOPIC", defaultValue = KafkaModelsTopic.TOPIC,
            description = "The models topic (default: ${DEFAULT-VALUE}).")
    String modelsTopic;

    @Option(names = "--by", paramLabel = "WHO", description = "Who publishes (default: user@host).")
    String by;

    @Mixin
    InputOptions input;

    @Mixin
    FeatureOptions features;

    @Override
    public Integer call() throws Exception {
        // The artifact is the first positional argument; the hold-out's answer files (if any) follow it.
        if (!input.files.isEmpty() && input.files.get(0).equals(artifactFile)) {
            input.files.remove(0);
        }
        if (!Files.isRegularFile(artifactFile)) {
            throw new TrainerException("no such file: " + artifactFile, ExitCodes.BAD_INPUT);
        }
        long seed = features.seed;
        ModelArtifact artifact = Artifacts.read(artifactFile);
        KnowledgeModel candidate = Artifacts.check(artifact, seed);
        PrintWriter out = spec.commandLine().getOut();
        try (KafkaModelsTopic topic = new KafkaModelsTopic(input.bootstrap, modelsTopic)) {
            topic.ensureTopic();
            Publisher publisher = new Publisher(topic, name, seed);
            Publisher.Active active = publisher.active();
            if (asCandidate) {
                ModelPointer p = publisher.publishCandidate(artifact, who());
                out.printf(Locale.ROOT, "published %s@%s to %s as the candidate beside %s%n", name, p.getCandidateVersion(),
                        topic.name(), p.getVersion());
                out.flush();
                return ExitCodes.OK;
            }
            Publisher.Verdict verdict = null;
            boolean haveHoldOut = input.fromKafka || !input.files.isEmpty() || !input.test.isEmpty();
            if (haveHoldOut) {
                verdict = compare(candidate, active.model());
                spec.commandLine().getErr().println("active " + active.describe() + "; new " + candidate.version() + ": "
                        + verdict.describe());
            } else if (!force) {
                throw new TrainerException("no hold-out to compare the models on: give --test FILE (or input files with "
                        + "--holdout, or --from-kafka), or --force", ExitCodes.BAD_INPUT);
            }
            ModelPointer p = publisher.publish(artifact, verdict, force, who());
            out.printf(Locale.ROOT, "published %s@%s to %s (was %s)%s%n", name, p.getVersion(), topic.name(),
                    active.model().version(), p.getForced() ? " [forced]" : "");
        }
        out.flush();
        return ExitCodes.OK;
    }

    private Publisher.Verdict compare(KnowledgeModel candidate, KnowledgeModel active) throws Exception {
        boolean onlyTest = input.files.isEmpty() && !input.fromKafka;
        Training.Replayed replayed = Training.replay(input.source(Shard.ALL), input.validator(), Shard.ALL,
                FeatureSets.byName(candidate.featureSet().name()).orElseThrow(), candidate.featureSpace(),
                List.of(active, candidate), cli.progress());
        RowSet rows = onlyTest ? replayed.rows() : input.holdOut().apply(replayed.rows());
        RowSet test = rows.holdOut();
        if (test.size() == 0) {
            throw new TrainerException("the hold-out has no rows", ExitCodes.BAD_INPUT);
        }
        int n = Math.toIntExact(test.size());
        double[] pa = new double[n];
        double[] pc = new double[n];
        byte[] y = new byte[n];
        int at = 0;
        for (ExerciseRows e : test.exercises()) {
            System.arraycopy(e.scores()[0], 0, pa, at, e.size());
            System.arraycopy(e.scores()[1], 0, pc, at, e.size());
            System.arraycopy(e.y(), 0, y, at, e.size());
            at += e.size();
        }
        return new Publisher.Verdict(Metrics.logLoss(pc, y), Metrics.logLoss(pa, y), n);
    }

    static String who(String by) {
        if (by != null) {
            return by;
        }
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "unknown-host";
        }
        return System.getProperty("user.name", "unknown") + "@" + host;
    }

    private String who() {
        if (by != null) {
            return by;
        }
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "unknown-host";
        }
        return System.getProperty("user.name", "unknown") + "@" + host;
    }
}
