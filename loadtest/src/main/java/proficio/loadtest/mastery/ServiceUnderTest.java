package proficio.loadtest.mastery;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service (quarkus-run.jar) as its own process, with the embedded Kafka on free ports
 * and all its state under one directory; stopped with SIGTERM.
 */
final class ServiceUnderTest implements AutoCloseable {

    final int grpcPort = freePort();
    final int kafkaPort = freePort();
    private final Path log;
    private final Process process;
    private final ManagedChannel channel;

    ServiceUnderTest(Path jar, Path workDir, Path catalogue, List<String> jvmOptions) throws IOException {
        Files.createDirectories(workDir);
        log = workDir.resolve("service.log");
        String java = ProcessHandle.current().info().command().orElse("java");
        // The JVM options bin/serve uses (heap: the JVM's default); more with --service-jvm-option.
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED"));
        if (Runtime.version().feature() >= 23) {
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.addAll(jvmOptions);
        Map<String, String> settings = Map.of(
                "quarkus.grpc.server.port", Integer.toString(grpcPort),
                "quarkus.http.port", Integer.toString(freePort()),
                "proficio.kafka.embedded.port", Integer.toString(kafkaPort),
                "proficio.kafka.embedded.controller-port", Integer.toString(freePort()),
                "proficio.kafka.embedded.data-dir", workDir.resolve("kafka").toString(),
                "proficio.streams.state-dir", workDir.resolve("streams").toString(),
                "proficio.catalogue.path", catalogue.toString());
        settings.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of("-jar", jar.toString()));
        process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        channel = ManagedChannelBuilder.forAddress("localhost", grpcPort).usePlaintext()
                .maxInboundMessageSize(64 * 1024 * 1024).build();
    }

    String bootstrapServers() {
        return "localhost:" + kafkaPort;
    }

    ManagedChannel channel() {
        return channel;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    /** Waits until gRPC health says SERVING (Kafka Streams running, model read). */
    void awaitServing(long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        Exception last = null;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HealthCheckResponse.ServingStatus s = HealthGrpc.newBlockingStub(channel)
                        .withDeadlineAfter(1, TimeUnit.SECONDS)
                        .check(HealthCheckRequest.getDefaultInstance()).getStatus();
                if (s == HealthCheckResponse.ServingStatus.SERVING) {
                    return;
                }
            } catch (RuntimeException e) {
                last = e;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the service was not SERVING after " + timeoutMs + " ms (" + last + "); see " + log);
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow();
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
