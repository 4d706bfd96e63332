package proficio.cli;

import io.grpc.Grpc;
import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.TlsChannelCredentials;
import java.io.File;
import java.io.IOException;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import java.util.List;
import java.util.concurrent.TimeUnit;
import proficio.proto.v1.GetActiveModelRequest;
import proficio.proto.v1.GetStudentStateRequest;
import proficio.proto.v1.KnowledgeServiceGrpc;
import proficio.proto.v1.ModelInfo;
import proficio.proto.v1.PredictRequest;
import proficio.proto.v1.PredictResponse;
import proficio.proto.v1.StudentState;

/**
 * A channel to the service, plaintext or TLS, with the bearer token on every call when one is given;
 * every call gets its own {@value #DEADLINE_MS} ms deadline.
 */
final class ServiceClient implements AutoCloseable {

    static final long DEADLINE_MS = 5_000;
    /** The service's RecordAttempt wait when none is given (proto: "unset: 5 s"). */
    static final long DEFAULT_SERVICE_WAIT_MS = 5_000;

    private final ManagedChannel channel;

    /**
     * @param caCert PEM certificates to trust, or null for the system's (with tls)
     * @param token  the bearer token, or null
     */
    record Connection(String target, boolean tls, String caCert, String token) {
    }

    ServiceClient(Connection c) {
        this(c.target(), credentials(c), c.token());
    }

    private static ChannelCredentials credentials(Connection c) {
        if (!c.tls()) {
            return InsecureChannelCredentials.create();
        }
        if (c.caCert() == null) {
            return TlsChannelCredentials.create();
        }
        try {
            return TlsChannelCredentials.newBuilder().trustManager(new File(c.caCert())).build();
        } catch (IOException | RuntimeException e) {
            throw new CliException("--ca-cert " + c.caCert() + " cannot be read as PEM certificates: " + e.getMessage(),
                    ExitCodes.BAD_INPUT);
        }
    }

    private ServiceClient(String target, ChannelCredentials credentials, String token) {
        var builder = Grpc.newChannelBuilder(target, credentials);
        if (token != null) {
            Metadata headers = new Metadata();
            headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
            builder.intercept(MetadataUtils.newAttachHeadersInterceptor(headers));
        }
        this.channel = builder.build();
    }

    private KnowledgeServiceGrpc.KnowledgeServiceBlockingStub knowledge() {
        return KnowledgeServiceGrpc.newBlockingStub(channel).withDeadlineAfter(DEADLINE_MS, TimeUnit.MILLISECONDS);
    }

    PredictResponse predict(String student, List<String> exercises, boolean all) {
        return predict(student, exercises, all, "");
    }

    PredictResponse predict(String student, List<String> exercises, boolean all, String problemType) {
        return knowledge().predict(PredictRequest.newBuilder()
                .setStudentId(student)
                .addAllExercises(exercises)
                .setAllExercises(all)
                .setProblemType(problemType)
                .build());
    }

    proficio.proto.v1.MasteryLevels mastery(String student, List<String> exercises) {
        return knowledge().getMasteryLevels(proficio.proto.v1.GetMasteryLevelsRequest.newBuilder()
                .setStudentId(student)
                .addAllExercises(exercises)
                .build());
    }

    proficio.proto.v1.NextChallenge nextChallenge(String student, com.google.protobuf.Timestamp asOf) {
        proficio.proto.v1.GetNextChallengeRequest.Builder b = proficio.proto.v1.GetNextChallengeRequest.newBuilder()
                .setStudentId(student);
        if (asOf != null) {
            b.setAsOf(asOf);
        }
        return knowledge().getNextChallenge(b.build());
    }

    proficio.proto.v1.RankedExercises rank(String student, int limit) {
        return knowledge().rankExercises(proficio.proto.v1.RankExercisesRequest.newBuilder()
                .setStudentId(student).setLimit(limit).build());
    }

    proficio.proto.v1.RankedExercises challengeCards(String student, int limit) {
        return knowledge().getChallengeCards(proficio.proto.v1.GetChallengeCardsRequest.newBuilder()
                .setStudentId(student).setLimit(limit).build());
    }

    proficio.proto.v1.RankedExercises practiceTasks(String student, String mission, int limit) {
        return knowledge().getPracticeTasks(proficio.proto.v1.GetPracticeTasksRequest.newBuilder()
                .setStudentId(student).setMission(mission).setLimit(limit).build());
    }

    /**
     * RecordAttempt. With {@code wait}, the call's deadline is the service's wait ({@code waitMs}, 0 for its
     * default of 5 s) plus {@value #DEADLINE_MS} ms, so a slow apply comes back as {@code applied = false},
     * not as a client time-out.
     */
    proficio.proto.v1.RecordAttemptResponse recordAttempt(proficio.proto.v1.ProblemLog attempt, boolean wait, long waitMs) {
        proficio.proto.v1.RecordAttemptRequest.Builder b = proficio.proto.v1.RecordAttemptRequest.newBuilder()
                .setAttempt(attempt).setWait(wait);
        if (waitMs > 0) {
            b.setTimeout(com.google.protobuf.Duration.newBuilder().setSeconds(waitMs / 1000).setNanos((int) (waitMs % 1000) * 1_000_000));
        }
        long deadline = DEADLINE_MS + (wait ? (waitMs > 0 ? waitMs : DEFAULT_SERVICE_WAIT_MS) : 0);
        return KnowledgeServiceGrpc.newBlockingStub(channel).withDeadlineAfter(deadline, TimeUnit.MILLISECONDS)
                .recordAttempt(b.build());
    }

    proficio.proto.v1.GetTransitionsResponse transitions(String student, com.google.protobuf.Timestamp since, int limit) {
        proficio.proto.v1.GetTransitionsRequest.Builder b = proficio.proto.v1.GetTransitionsRequest.newBuilder()
                .setStudentId(student).setLimit(limit);
        if (since != null) {
            b.setSince(since);
        }
        return knowledge().getTransitions(b.build());
    }

    proficio.proto.v1.ListModelsResponse models() {
        return knowledge().listModels(proficio.proto.v1.ListModelsRequest.getDefaultInstance());
    }

    StudentState state(String student, List<String> exercises) {
        return knowledge().getStudentState(GetStudentStateRequest.newBuilder()
                .setStudentId(student)
                .addAllExercises(exercises)
                .build());
    }

    ModelInfo activeModel() {
        return knowledge().getActiveModel(GetActiveModelRequest.getDefaultInstance());
    }

    HealthCheckResponse health(String service) {
        return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(DEADLINE_MS, TimeUnit.MILLISECONDS)
                .check(HealthCheckRequest.newBuilder().setService(service).build());
    }

    @Override
    public void close() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
