package proficio.trainer.cli;

import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import proficio.model.feature.FeatureSpace;
import proficio.model.quality.Promotion;
import proficio.model.quality.QualityRow;
import proficio.proto.QualityPoints;
import proficio.proto.v1.GetQualitySeriesRequest;
import proficio.proto.v1.KnowledgeServiceGrpc;
import proficio.proto.v1.QualitySeries;
import proficio.proto.v1.ModelPointer;
import proficio.trainer.publish.KafkaModelsTopic;
import proficio.trainer.publish.PublishRefusedException;
import proficio.trainer.publish.Publisher;

@Command(name = "promote", mixinStandardHelpOptions = true, versionProvider = TrainerCli.Version.class,
        sortOptions = false,
        description = {"Activate the candidate when its live figures beat the active model's: reads the quality series over "
                + "all exercises from the running service (gRPC GetQualitySeries) for the last --days UTC days, compares mean "
                + "log-likelihood on the same answers, each model with at least --min-samples answers, then writes a pointer "
                + "to the candidate (naming no candidate). --force promotes anyway."})
final class PromoteCommand implements Callable<Integer> {

    @ParentCommand
    TrainerCli cli;

    @Spec
    CommandSpec spec;

    @Option(names = "--days", paramLabel = "N", defaultValue = "7",
            description = "The window: the last N UTC days of event time, today included (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--min-samples", paramLabel = "N", defaultValue = "1000",
            description = "Answers each model must have scored in the window (default: ${DEFAULT-VALUE}).")
    long minSamples;

    @Option(names = "--force", description = "Promote even when the candidate is not ahead or has too few answers.")
    boolean force;

    @Option(names = "--target", paramLabel = "HOST:PORT", defaultValue = "localhost:9000",
            description = "The service's gRPC address (default: ${DEFAULT-VALUE}).")
    String target;

    @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:PROFICIO_TOKEN}",
            description = "Bearer token for a service that requires one (default: $PROFICIO_TOKEN).")
    String token;

    @Option(names = "--ca-cert", paramLabel = "FILE", defaultValue = "${env:PROFICIO_CA_CERT}",
            description = "Speak TLS to the service, trusting these PEM certificates (default: $PROFICIO_CA_CERT).")
    String caCert;

    @Mixin
    ModelsTopicOptions models;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "" + FeatureSpace.DEFAULT_SEED,
            description = "The service's feature-space seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--by", paramLabel = "WHO", description = "Who promotes (default: user@host).")
    String by;

    @Override
    public Integer call() throws Exception {
        if (days < 1 || days > 366) {
            throw new ParameterException(spec.commandLine(), "--days must be in 1..366, was " + days);
        }
        if (minSamples < 1) {
            throw new ParameterException(spec.commandLine(), "--min-samples must be at least 1, was " + minSamples);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (KafkaModelsTopic topic = models.open()) {
            Publisher publisher = new Publisher(topic, models.name, seed);
            String active = publisher.activeVersion();
            String candidate = publisher.candidateVersion().orElseThrow(() -> new PublishRefusedException(
                    "no candidate: the newest pointer of " + models.name + " names none (publish one with --candidate)"));
            QualitySeries series = liveFigures(active, candidate);
            if (!series.getActiveVersion().equals(active) || !series.getCandidateVersion().equals(candidate)) {
                throw new PublishRefusedException("the service at " + target + " scores active " + series.getActiveVersion()
                        + " and candidate '" + series.getCandidateVersion() + "', but topic " + topic.name() + " names "
                        + active + " and " + candidate + " (not caught up yet, or another model name)");
            }
            List<QualityRow> rows = series.getPointsList().stream().map(QualityPoints::toModel).toList();
            Promotion.Verdict verdict = Promotion.decide(rows, active, candidate, minSamples);
            spec.commandLine().getErr().println(series.getFromDay() + ".." + series.getToDay() + ": " + verdict.reason());
            ModelPointer p = publisher.promote(verdict, force, PublishCommand.who(by));
            out.printf("promoted %s@%s in place of %s%s%n", models.name, p.getVersion(), active, p.getForced() ? " [forced]" : "");
        }
        out.flush();
        return ExitCodes.OK;
    }

    private QualitySeries liveFigures(String active, String candidate) throws TrainerException {
        int colon = target.lastIndexOf(':');
        if (colon < 0) {
            throw new ParameterException(spec.commandLine(), "--target must be host:port, was " + target);
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        ChannelCredentials credentials = InsecureChannelCredentials.create();
        if (caCert != null && !caCert.isBlank()) {
            try {
                credentials = TlsChannelCredentials.newBuilder().trustManager(new File(caCert)).build();
            } catch (IOException | RuntimeException e) {
                throw new TrainerException("--ca-cert " + caCert + " cannot be read as PEM certificates: " + e.getMessage(),
                        ExitCodes.BAD_INPUT);
            }
        }
        NettyChannelBuilder builder = NettyChannelBuilder.forAddress(target.substring(0, colon),
                Integer.parseInt(target.substring(colon + 1)), credentials);
        if (token != null && !token.isBlank()) {
            Metadata headers = new Metadata();
            headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
            builder.intercept(MetadataUtils.newAttachHeadersInterceptor(headers));
        }
        ManagedChannel channel = builder.build();
        try {
            return KnowledgeServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                    .getQualitySeries(GetQualitySeriesRequest.newBuilder().addModelVersions(active).addModelVersions(candidate)
                            .setFromDay(today.minusDays(days - 1L).toString()).setToDay(today.toString()).build());
        } catch (StatusRuntimeException e) {
            throw new TrainerException("cannot read the live figures from " + target + ": " + e.getStatus().getCode() + " "
                    + e.getStatus().getDescription(), ExitCodes.ERROR);
        } finally {
            channel.shutdownNow();
        }
    }
}
