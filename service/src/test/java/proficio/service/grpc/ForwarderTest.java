package proficio.service.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import proficio.proto.v1.GetStudentStateRequest;
import proficio.proto.v1.KnowledgeServiceGrpc;
import proficio.proto.v1.StudentState;

/** The forwarding hop against a real gRPC server on a loopback port (no broker, no Quarkus). */
class ForwarderTest {

    private static final GetStudentStateRequest ASK = GetStudentStateRequest.newBuilder().setStudentId("s1").build();

    private Server owner;
    private Forwarder forwarder;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void cleanUp() throws InterruptedException {
        if (forwarder != null) {
            forwarder.close();
        }
        if (owner != null) {
            owner.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        timer.shutdownNow();
    }

    @Test
    void forward_answersWithTheOwnersReply_andMarksTheCallAsForwarded() throws Exception {
        String at = ownerAnswering((req, reply) -> {
            reply.onNext(StudentState.newBuilder().setStudentId(req.getStudentId() + (Forwarder.isForwarded() ? " forwarded" : " direct")).build());
            reply.onCompleted();
        });
        forwarder = new Forwarder(Duration.ofSeconds(5));

        StudentState forwarded = forwarder.forward(at, KnowledgeServiceGrpc.getGetStudentStateMethod(), ASK);
        StudentState direct = direct(at);

        assertThat(forwarded.getStudentId()).isEqualTo("s1 forwarded");
        assertThat(direct.getStudentId()).isEqualTo("s1 direct");
    }

    @Test
    void forward_keepsTheOwnersStatusCode_andNamesTheOwner() throws Exception {
        String at = ownerAnswering((req, reply) -> reply.onError(
                Status.UNAVAILABLE.withDescription("state not queryable: rebalancing").asRuntimeException()));
        forwarder = new Forwarder(Duration.ofSeconds(5));

        assertThatThrownBy(() -> forwarder.forward(at, KnowledgeServiceGrpc.getGetStudentStateMethod(), ASK))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
                    assertThat(e.getStatus().getDescription())
                            .isEqualTo("forwarded to the owner at " + at + ": state not queryable: rebalancing");
                });
    }

    @Test
    void forward_givesUpAtItsCap_whenTheOwnerNeverAnswers() throws Exception {
        String at = ownerAnswering((req, reply) -> { }); // never replies
        forwarder = new Forwarder(Duration.ofMillis(300));

        long t0 = System.nanoTime();
        assertThatThrownBy(() -> forwarder.forward(at, KnowledgeServiceGrpc.getGetStudentStateMethod(), ASK))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isBetween(Duration.ofMillis(250), Duration.ofSeconds(3));
    }

    @Test
    void forward_keepsTheCallersShorterDeadline() throws Exception {
        String at = ownerAnswering((req, reply) -> { });
        forwarder = new Forwarder(Duration.ofSeconds(30));
        Context.CancellableContext caller = Context.current().withDeadlineAfter(200, TimeUnit.MILLISECONDS, timer);

        long t0 = System.nanoTime();
        try {
            assertThatThrownBy(() -> caller.call(
                    () -> forwarder.forward(at, KnowledgeServiceGrpc.getGetStudentStateMethod(), ASK)))
                    .isInstanceOfSatisfying(StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isIn(Status.Code.DEADLINE_EXCEEDED, Status.Code.CANCELLED));
        } finally {
            caller.cancel(null);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void forward_toAnOwnerThatIsGone_isUnavailable_andNamesIt() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        String at = "localhost:" + closed;
        forwarder = new Forwarder(Duration.ofSeconds(5));

        assertThatThrownBy(() -> forwarder.forward(at, KnowledgeServiceGrpc.getGetStudentStateMethod(), ASK))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
                    assertThat(e.getStatus().getDescription()).startsWith("forwarded to the owner at " + at + ": ");
                });
    }

    /** Starts an "owner" whose GetStudentState runs {@code handler}, behind the forwarded-call marker. */
    private String ownerAnswering(BiConsumer<GetStudentStateRequest, StreamObserver<StudentState>> handler) throws Exception {
        KnowledgeServiceGrpc.KnowledgeServiceImplBase impl = new KnowledgeServiceGrpc.KnowledgeServiceImplBase() {
            @Override
            public void getStudentState(GetStudentStateRequest request, StreamObserver<StudentState> reply) {
                handler.accept(request, reply);
            }
        };
        owner = NettyServerBuilder.forAddress(new InetSocketAddress("localhost", 0))
                .addService(ServerInterceptors.intercept(impl, new Forwarder.MarkForwarded()))
                .build().start();
        return "localhost:" + owner.getPort();
    }

    private static StudentState direct(String at) throws InterruptedException {
        int colon = at.lastIndexOf(':');
        ManagedChannel ch = NettyChannelBuilder.forAddress(at.substring(0, colon), Integer.parseInt(at.substring(colon + 1)))
                .usePlaintext().build();
        try {
            return KnowledgeServiceGrpc.newBlockingStub(ch).withDeadlineAfter(5, TimeUnit.SECONDS).getStudentState(ASK);
        } finally {
            ch.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void tlsForwards_needATrustFileThatReads_andSayWhichSettingIsWrong() {
        assertThatThrownBy(() -> Forwarder.tls(java.util.Optional.empty()))
                .hasMessageContaining("set proficio.grpc.tls.trust-certificates or quarkus.grpc.server.ssl.certificate");
        assertThatThrownBy(() -> Forwarder.tls(java.util.Optional.of("/no/such/ca.pem")))
                .hasMessageStartingWith("proficio.grpc.tls.trust-certificates /no/such/ca.pem cannot be read");
    }
}
