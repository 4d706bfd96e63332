package proficio.loadtest.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A JFR recording of the service for one phase of the run (ingest, Predict), started and stopped
 * with {@code jcmd} from the harness's own JDK, so each profile shows one kind of work only. Read it
 * with {@code jfr view hot-methods FILE}.
 */
public final class PhaseRecording implements AutoCloseable {

    private final long pid;
    private final String name;
    private final Path file;

    private PhaseRecording(long pid, String name, Path file) {
        this.pid = pid;
        this.name = name;
        this.file = file;
    }

    /** Starts recording the process {@code pid} with JFR's "profile" settings. */
    public static PhaseRecording start(long pid, String name, Path file) throws IOException, InterruptedException {
        jcmd(pid, "JFR.start", "name=" + name, "settings=profile", "filename=" + file.toAbsolutePath());
        return new PhaseRecording(pid, name, file);
    }

    /** Stops the recording, which writes the file. */
    @Override
    public void close() throws IOException, InterruptedException {
        jcmd(pid, "JFR.stop", "name=" + name);
    }

    public Path file() {
        return file;
    }

    private static void jcmd(long pid, String... args) throws IOException, InterruptedException {
        Path java = Path.of(ProcessHandle.current().info().command().orElseThrow(
                () -> new IOException("cannot tell which JDK runs the harness, so cannot find jcmd")));
        Path jcmd = java.resolveSibling("jcmd");
        List<String> command = new java.util.ArrayList<>(List.of(jcmd.toString(), Long.toString(pid)));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out.strip());
        }
    }
}
