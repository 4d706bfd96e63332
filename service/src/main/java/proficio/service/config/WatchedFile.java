package proficio.service.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * A configuration file that is re-read when its modification time changes: an edited catalogue, a
 * rotated Secret. It is checked on demand, or every interval on a daemon thread. A change that cannot
 * be read or is refused is logged once, naming the file and the reason, and leaves the value in use
 * alone; that version is not retried until the file changes again. The same goes for a file that
 * disappears.
 */
public final class WatchedFile implements AutoCloseable {

    /** Takes in the file's new content; throws to refuse it (the exception's message is logged). */
    @FunctionalInterface
    public interface Reader {
        void read(Path file, FileTime modified) throws Exception;
    }

    private static final FileTime MISSING = FileTime.fromMillis(Long.MIN_VALUE);

    private final String what;
    private final Path file;
    private final Reader reader;
    private final Supplier<String> inUse;
    private final Logger log;
    /** The modification time last tried, good or bad. */
    private volatile FileTime lastTried;
    private ScheduledExecutorService timer;

    /**
     * @param what  what the file is, for the log ("exercise catalogue")
     * @param inUse what stays in use when a change is refused, for the log ("the 5000 exercises in use")
     */
    public WatchedFile(String what, Path file, Reader reader, Supplier<String> inUse, Logger log) {
        this.what = what;
        this.file = file;
        this.reader = reader;
        this.inUse = inUse;
        this.log = log;
    }

    public Path file() {
        return file;
    }

    /** Records a version read elsewhere (at start, where a bad file must stop the service), so it is not read again. */
    public void alreadyRead(FileTime modified) {
        lastTried = modified;
    }

    /** Reads the file when its modification time is not the last one tried; whether a new version is now in use. */
    public synchronized boolean checkNow() {
        FileTime modified;
        try {
            modified = Files.getLastModifiedTime(file);
        } catch (IOException e) {
            if (lastTried != MISSING) { // once per disappearance
                log.errorf("%s %s cannot be read (%s); keeping %s", what, file, e, inUse.get());
            }
            lastTried = MISSING;
            return false;
        }
        if (modified.equals(lastTried)) {
            return false;
        }
        lastTried = modified;
        try {
            reader.read(file, modified);
            return true;
        } catch (Exception e) {
            log.errorf("%s %s refused, keeping %s: %s", what, file, inUse.get(),
                    e.getMessage() == null ? e.toString() : e.getMessage());
            return false;
        }
    }

    /** Calls {@link #checkNow} every {@code interval} on a daemon thread named {@code threadName}. */
    public synchronized void watch(Duration interval, String threadName) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        long ms = Math.max(1, interval.toMillis());
        timer.scheduleWithFixedDelay(() -> {
            try {
                checkNow();
            } catch (RuntimeException e) { // never let the scheduled task die
                log.errorf(e, "%s %s: check failed", what, file);
            }
        }, ms, ms, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
