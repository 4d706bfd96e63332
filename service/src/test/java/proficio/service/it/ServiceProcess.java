package proficio.service.it;

import grpc.health.v1.HealthGrpc;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse.ServingStatus;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import proficio.proto.v1.KnowledgeServiceGrpc;

/**
 * The packaged service (target/quarkus-app) started as a real process, as an operator would run it,
 * answering on a real gRPC socket. Stop is SIGTERM (a clean shutdown); kill is SIGKILL.
 */
final class ServiceProcess implements AutoCloseable {

    private final List<String> command;
    private final Path log;
    final int grpcPort;
    /** Quarkus HTTP: /q/metrics. */
    final int httpPort;
    private Process process;
    private ManagedChannel channel;
    /** The server's certificate when it speaks TLS (quarkus.grpc.server.plain-text=false), else null. */
    private final String tlsCertificate;
    long startedAtNanos;

    /** @param settings system properties for the service (proficio.*, quarkus.*, kafka-streams.*) */
    ServiceProcess(Path workDir, Map<String, String> settings) throws IOException {
        Files.createDirectories(workDir);
        this.grpcPort = Ports.free();
        this.httpPort = Ports.free();
        this.log = workDir.resolve("service.log");
        String jar = System.getProperty("proficio.service.jar");
        if (jar == null || !Files.exists(Path.of(jar))) {
            throw new IllegalStateException("proficio.service.jar not set or missing (" + jar + "): run through 'mvn verify'");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xmx512m",
                "-Dquarkus.grpc.server.port=" + grpcPort,
                "-Dquarkus.http.port=" + httpPort,
                "-Dproficio.streams.state-dir=" + workDir.resolve("streams"),
                "-Dproficio.kafka.embedded.data-dir=" + workDir.resolve("kafka")));
        settings.forEach((k, v) -> command.add("-D" + k + "=" + v));
        tlsCertificate = "false".equals(settings.get("quarkus.grpc.server.plain-text"))
                ? settings.getOrDefault("proficio.grpc.tls.trust-certificates", settings.get("quarkus.grpc.server.ssl.certificate"))
                : null;
        command.addAll(List.of("-jar", jar));
    }

    ServiceProcess start() throws IOException {
        startedAtNanos = System.nanoTime();
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (channel == null) {
            channel = tlsCertificate == null
                    ? ManagedChannelBuilder.forAddress("localhost", grpcPort).usePlaintext().build()
                    : io.grpc.Grpc.newChannelBuilderForAddress("localhost", grpcPort,
                            io.grpc.TlsChannelCredentials.newBuilder().trustManager(new java.io.File(tlsCertificate)).build())
                            .build();
        }
        return this;
    }

    /** Waits until gRPC health says SERVING (Kafka Streams running). */
    ServiceProcess awaitServing(long timeoutMs) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMs;
        Exception last = null;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("service exited with " + process.exitValue() + "; log:\n" + logTail());
            }
            try {
                ServingStatus s = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(1, TimeUnit.SECONDS)
                        .check(HealthCheckRequest.newBuilder().setService("").build()).getStatus();
                if (s == ServingStatus.SERVING) {
                    return this;
                }
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("service not SERVING after " + timeoutMs + " ms (" + last + "); log:\n" + logTail());
    }

    /**
     * Waits until a read for {@code student} is answered. Health is SERVING from Kafka Streams'
     * REBALANCING on, while the stores may still be initialising; reads meanwhile get UNAVAILABLE
     * (retryable, by design). Tests that start with a read, before any answer is applied, wait here.
     */
    ServiceProcess awaitQueryable(String student, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (true) {
            try {
                knowledge().getMasteryLevels(proficio.proto.v1.GetMasteryLevelsRequest.newBuilder().setStudentId(student).build());
                return this;
            } catch (io.grpc.StatusRuntimeException e) {
                if (e.getStatus().getCode() != io.grpc.Status.Code.UNAVAILABLE || System.currentTimeMillis() > deadline) {
                    throw e;
                }
            }
            Thread.sleep(100);
        }
    }

    /** The operating-system id of the running process (changes on each start). */
    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    KnowledgeServiceGrpc.KnowledgeServiceBlockingStub knowledge() {
        return KnowledgeServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    ManagedChannel channel() {
        return channel;
    }

    /** SIGTERM, then wait for the clean shutdown to finish. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException("service did not stop within 60 s of SIGTERM");
            }
        }
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 100), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
        if (channel != null) {
            channel.shutdownNow();
        }
    }
}
