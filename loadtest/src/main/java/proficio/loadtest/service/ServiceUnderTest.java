package proficio.loadtest.service;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service (quarkus-run.jar) as its own process, with the embedded Kafka on free ports
 * and all its state under one directory; stopped with SIGTERM (a clean shutdown, which flushes the
 * stores), and startable again on the same ports and state.
 */
public final class ServiceUnderTest implements AutoCloseable {

    public final int grpcPort = freePort();
    public final int kafkaPort = freePort();
    /** Quarkus' HTTP port: /q/metrics, /q/health. */
    public final int httpPort = freePort();
    private final Path workDir;
    private final Path log;
    private final List<String> command;
    private final ManagedChannel channel;
    private Process process;

    /**
     * @param catalogue  the exercise catalogue file, or null for none
     * @param properties more system properties for the service (kafka-streams.*, proficio.*), after the harness's own
     */
    public ServiceUnderTest(Path jar, Path workDir, Path catalogue, List<String> jvmOptions,
                            Map<String, String> properties) throws IOException {
        Files.createDirectories(workDir);
        this.workDir = workDir;
        log = workDir.resolve("service.log");
        String java = ProcessHandle.current().info().command().orElse("java");
        // The JVM options bin/serve uses (a 1 GB initial heap); more with --service-jvm-option.
        command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xms1g"));
        if (Runtime.version().feature() >= 23) {
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.addAll(jvmOptions);
        Map<String, String> settings = new LinkedHashMap<>(Map.of(
                "quarkus.grpc.server.port", Integer.toString(grpcPort),
                "quarkus.http.port", Integer.toString(httpPort),
                "proficio.kafka.embedded.port", Integer.toString(kafkaPort),
                "proficio.kafka.embedded.controller-port", Integer.toString(freePort()),
                "proficio.kafka.embedded.data-dir", workDir.resolve("kafka").toString(),
                "proficio.streams.state-dir", stateDir().toString()));
        if (catalogue != null) {
            settings.put("proficio.catalogue.path", catalogue.toString());
        }
        settings.putAll(properties);
        settings.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of("-jar", jar.toString()));
        channel = ManagedChannelBuilder.forAddress("localhost", grpcPort).usePlaintext()
                .maxInboundMessageSize(64 * 1024 * 1024).build();
        start();
    }

    /** As above, with no more properties. */
    public ServiceUnderTest(Path jar, Path workDir, Path catalogue, List<String> jvmOptions) throws IOException {
        this(jar, workDir, catalogue, jvmOptions, Map.of());
    }

    /** Starts the process (again, after {@link #stop}: same ports, same state, same broker log). */
    public void start() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the service is running already (pid " + process.pid() + ")");
        }
        process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    public String bootstrapServers() {
        return "localhost:" + kafkaPort;
    }

    public ManagedChannel channel() {
        return channel;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    /** Where Kafka Streams keeps the RocksDB stores: the state whose size the harness reports. */
    public Path stateDir() {
        return workDir.resolve("streams");
    }

    /** Waits until gRPC health says SERVING (Kafka Streams running, model read). */
    public void awaitServing(long timeoutMs) throws InterruptedException {
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

    /** SIGTERM and wait: Kafka Streams commits, flushes its stores and leaves; the embedded broker stops. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow();
        stop();
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
