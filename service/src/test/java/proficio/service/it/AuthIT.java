package proficio.service.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import proficio.proto.v1.DiagnosticsGrpc;
import proficio.proto.v1.EchoRequest;
import proficio.proto.v1.GetStudentStateRequest;
import proficio.proto.v1.KnowledgeServiceGrpc.KnowledgeServiceBlockingStub;
import proficio.proto.v1.PredictRequest;
import proficio.proto.v1.RankExercisesRequest;

/**
 * TLS and bearer tokens on two instances sharing one broker: a plaintext client is not answered, every
 * call but health needs an accepted token, a refused call says why, a call forwarded to the student's
 * owner goes over TLS and carries the caller's token (the owner checks it), and a rotated token file
 * takes effect without a restart while a bad edit of it leaves the tokens before it in force.
 */
class AuthIT {

    private static final String APP = "auth-it";
    private static final String OLD = "old-token-0123456789abcdef";
    private static final String NEW = "new-token-fedcba9876543210";
    private static final int STUDENTS = 12;
    private static final long WAIT_MS = 90_000;

    @TempDir
    Path dir;

    @Test
    void overTls_everyCallButHealth_needsAnAcceptedToken_forwardsCarryIt_andARotatedFileTakesEffect() throws Exception {
        Path tokens = Files.writeString(dir.resolve("tokens.txt"), "# the dashboard's\n" + OLD + "\n");
        Path keyStore = dir.resolve("server.p12");
        Path certificate = dir.resolve("server.pem");
        keytool("-genkeypair", "-alias", "proficio", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-keystore", keyStore.toString(),
                "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit");
        keytool("-exportcert", "-rfc", "-alias", "proficio", "-keystore", keyStore.toString(), "-storepass", "changeit",
                "-file", certificate.toString());
        Map<String, String> settings = Map.of(
                "proficio.streams.application-id", APP,
                "proficio.grpc.auth.token-file", tokens.toString(),
                "proficio.grpc.auth.reload-interval", "200ms",
                "quarkus.grpc.server.plain-text", "false",
                "quarkus.grpc.server.ssl.key-store", keyStore.toString(),
                "quarkus.grpc.server.ssl.key-store-password", "changeit",
                // What a forward trusts: the one certificate every instance has here.
                "proficio.grpc.tls.trust-certificates", certificate.toString());
        try (TestBroker broker = new TestBroker(dir.resolve("broker"));
             ServiceProcess a = new ServiceProcess(dir.resolve("a"), with(settings, broker));
             ServiceProcess b = new ServiceProcess(dir.resolve("b"), with(settings, broker))) {
            a.start();
            b.start();
            // awaitServing asks the health service, with no token: probes must get through.
            a.awaitServing(WAIT_MS);
            b.awaitServing(WAIT_MS);

            Map<String, Map<String, Long>> sent = Students.sendHistories(broker, "auth-", STUDENTS, i -> 2 + i % 4);
            Map<String, List<Integer>> owned = TwoInstancesIT.awaitStableGroup(broker, APP, a, b);
            long ofB = sent.keySet().stream().filter(s -> ownedBy(owned, s, b)).count();
            assertThat(ofB).as("some students are B's, so A forwards their calls").isPositive();

            // A plaintext client is not answered: the port speaks TLS only.
            var plain = io.grpc.ManagedChannelBuilder.forAddress("localhost", a.grpcPort).usePlaintext().build();
            try {
                assertThatThrownBy(() -> bearer(proficio.proto.v1.KnowledgeServiceGrpc.newBlockingStub(plain), OLD)
                        .withDeadlineAfter(5, java.util.concurrent.TimeUnit.SECONDS).predict(predict("x")))
                        .isInstanceOfSatisfying(StatusRuntimeException.class,
                                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
            } finally {
                plain.shutdownNow();
            }

            // No token, another scheme, a wrong token: UNAUTHENTICATED with the reason, on every service.
            String student = sent.keySet().iterator().next();
            assertRefused(() -> a.knowledge().predict(predict(student)),
                    "missing the authorization header: expected 'Bearer <token>'");
            assertRefused(() -> withHeader(a.knowledge(), "Basic " + OLD).predict(predict(student)),
                    "the authorization header is not 'Bearer <token>'");
            assertRefused(() -> bearer(a.knowledge(), NEW).predict(predict(student)), "the bearer token is not accepted");
            assertRefused(() -> a.knowledge().rankExercises(RankExercisesRequest.newBuilder().setStudentId(student).build()),
                    "missing the authorization header");
            assertRefused(() -> DiagnosticsGrpc.newBlockingStub(a.channel()).echo(EchoRequest.getDefaultInstance()),
                    "missing the authorization header");

            // With the token, A answers for every student, B's through forwarding (B checks the token too).
            awaitAnswered(sent, bearer(a.knowledge(), OLD));
            assertThat(bearer(a.knowledge(), OLD).rankExercises(RankExercisesRequest.newBuilder().setStudentId(student)
                    .build()).getExercisesCount()).isEqualTo(sent.get(student).size());

            // Rotation: both tokens for a while, then the new one only; no restart.
            Files.writeString(tokens, OLD + "\n" + NEW + "\n");
            awaitAccepted(a, NEW, true);
            awaitAccepted(b, NEW, true);
            assertThat(accepted(a, OLD)).isTrue();
            Files.writeString(tokens, NEW + "\n");
            awaitAccepted(a, OLD, false);
            awaitAccepted(b, OLD, false);
            awaitAnswered(sent, bearer(a.knowledge(), NEW));

            // A bad edit is logged and ignored: the tokens before it stay accepted.
            Files.writeString(tokens, "short\n");
            long until = System.currentTimeMillis() + 30_000;
            while (!a.logTail().contains("refused, keeping the tokens accepted before it") && System.currentTimeMillis() < until) {
                Thread.sleep(100);
            }
            assertThat(a.logTail()).contains("tokens.txt, line 1: a token must be at least 16 characters");
            assertThat(accepted(a, NEW)).isTrue();
        }
    }

    @Test
    void aTokenFileThatCannotBeRead_stopsTheServiceAtStart_namingIt() throws Exception {
        Path missing = dir.resolve("no-such-tokens.txt");
        try (TestBroker broker = new TestBroker(dir.resolve("broker"));
             ServiceProcess s = new ServiceProcess(dir.resolve("s"), with(Map.of(
                     "proficio.grpc.auth.token-file", missing.toString()), broker))) {
            s.start();
            assertThatThrownBy(() -> s.awaitServing(WAIT_MS)).hasMessageContaining("service exited with 1")
                    .hasMessageContaining("proficio.grpc.auth.token-file " + missing + " cannot be read");
        }
    }

    private static void keytool(String... args) throws Exception {
        Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
        List<String> command = new java.util.ArrayList<>(List.of(java.resolveSibling("keytool").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("keytool %s: %s", args[0], out).isZero();
    }

    private static Map<String, String> with(Map<String, String> settings, TestBroker broker) {
        Map<String, String> all = new TreeMap<>(settings);
        all.put("proficio.kafka.bootstrap-servers", broker.bootstrapServers());
        return all;
    }

    private static boolean ownedBy(Map<String, List<Integer>> owned, String student, ServiceProcess s) {
        int partition = Utils.toPositive(Utils.murmur2(student.getBytes(StandardCharsets.UTF_8))) % 4;
        return owned.entrySet().stream().anyMatch(e -> e.getKey().contains("_" + s.grpcPort + "-")
                && e.getValue().contains(partition));
    }

    private static PredictRequest predict(String student) {
        return PredictRequest.newBuilder().setStudentId(student).setAllExercises(true).build();
    }

    private static <T extends AbstractStub<T>> T withHeader(T stub, String authorization) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), authorization);
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    private static <T extends AbstractStub<T>> T bearer(T stub, String token) {
        return withHeader(stub, "Bearer " + token);
    }

    private static void assertRefused(Supplier<Object> call, String reason) {
        assertThatThrownBy(call::get).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
            assertThat(e.getStatus().getDescription()).contains(reason);
        });
    }

    private static boolean accepted(ServiceProcess s, String token) {
        try {
            bearer(DiagnosticsGrpc.newBlockingStub(s.channel()), token).echo(EchoRequest.getDefaultInstance());
            return true;
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() != Status.Code.UNAUTHENTICATED) {
                throw e;
            }
            return false;
        }
    }

    private static void awaitAccepted(ServiceProcess s, String token, boolean wanted) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (accepted(s, token) != wanted) {
            assertThat(System.currentTimeMillis()).as("token %s %s within 30 s", token, wanted ? "accepted" : "refused")
                    .isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** Polls A until every student's done counts are what was sent. */
    private static void awaitAnswered(Map<String, Map<String, Long>> sent, KnowledgeServiceBlockingStub a)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT_MS;
        for (var e : sent.entrySet()) {
            while (true) {
                String why;
                try {
                    Map<String, Long> done = Students.doneOf(
                            a.getStudentState(GetStudentStateRequest.newBuilder().setStudentId(e.getKey()).build()));
                    if (done.equals(e.getValue())) {
                        break;
                    }
                    why = "done " + done;
                } catch (StatusRuntimeException ex) {
                    assertThat(ex.getStatus().getCode()).as("%s: %s", e.getKey(), ex.getStatus())
                            .isNotEqualTo(Status.Code.UNAUTHENTICATED);
                    why = ex.getStatus().toString();
                }
                assertThat(System.currentTimeMillis()).as("%s not answered: %s", e.getKey(), why).isLessThan(deadline);
                Thread.sleep(100);
            }
        }
    }
}
