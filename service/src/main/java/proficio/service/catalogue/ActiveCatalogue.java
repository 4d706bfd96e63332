package proficio.service.catalogue;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;
import proficio.model.catalogue.CatalogueFile;
import proficio.model.catalogue.CatalogueFormatException;
import proficio.model.catalogue.ExerciseCatalogue;
import proficio.model.catalogue.JunyiExerciseTable;
import proficio.model.mastery.MasteryConfig;
import proficio.model.mastery.MasteryPlanner;
import proficio.service.config.ProficioConfig;

/**
 * The exercise catalogue the service plans with, and its {@link MasteryPlanner}, swapped atomically.
 * Loaded at start from {@code proficio.catalogue.path} (a catalogue file, or {@code junyi:PATH}); a
 * daemon thread checks the file's modification time every {@code reload-interval} and re-reads it
 * when it changed. A file that cannot be read keeps the catalogue in use (empty at start) and logs
 * why, with file and line. A reader takes {@link #get()} once per request.
 */
@ApplicationScoped
public class ActiveCatalogue {

    private static final Logger LOG = Logger.getLogger(ActiveCatalogue.class);
    static final String JUNYI_PREFIX = "junyi:";

    /** The catalogue in use, its planner, and the modification time of the file it came from. */
    public record Loaded(ExerciseCatalogue catalogue, MasteryPlanner planner, FileTime modified) {
    }

    private final Optional<String> location;
    private final MasteryConfig masteryConfig;
    private final Duration reloadInterval;
    private final AtomicReference<Loaded> current = new AtomicReference<>();
    /** The modification time last tried, good or bad: a bad file is not re-read (or re-logged) until it changes. */
    private volatile FileTime lastTried;
    private static final FileTime MISSING = FileTime.fromMillis(Long.MIN_VALUE);
    private ScheduledExecutorService watcher;

    @Inject
    public ActiveCatalogue(ProficioConfig config) {
        this(config.catalogue().path().filter(s -> !s.isBlank()), ProficioConfig.Mastery.toModel(config.mastery()),
                config.catalogue().reloadInterval());
    }

    /** @param location a catalogue file, {@code junyi:PATH}, or empty for no catalogue */
    public ActiveCatalogue(Optional<String> location, MasteryConfig masteryConfig, Duration reloadInterval) {
        this.location = Objects.requireNonNull(location, "location");
        this.masteryConfig = Objects.requireNonNull(masteryConfig, "masteryConfig");
        this.reloadInterval = reloadInterval;
        current.set(new Loaded(ExerciseCatalogue.EMPTY, new MasteryPlanner(ExerciseCatalogue.EMPTY, masteryConfig), null));
        reloadIfChanged();
    }

    public Loaded get() {
        return current.get();
    }

    void onStart(@Observes StartupEvent ev) {
        if (location.isEmpty()) {
            LOG.info("no exercise catalogue configured (proficio.catalogue.path): planning from an empty catalogue");
            return;
        }
        watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "catalogue-reload");
            t.setDaemon(true);
            return t;
        });
        long ms = Math.max(1, reloadInterval.toMillis());
        watcher.scheduleWithFixedDelay(this::reloadQuietly, ms, ms, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent ev) {
        if (watcher != null) {
            watcher.shutdownNow();
        }
    }

    private void reloadQuietly() {
        try {
            reloadIfChanged();
        } catch (RuntimeException e) { // never let the scheduled task die
            LOG.errorf(e, "exercise catalogue %s: reload failed; keeping the one in use", location.orElse(""));
        }
    }

    /**
     * Re-reads the catalogue when its file's modification time differs from the last one tried.
     * Returns whether a new catalogue is now in use; on a bad or missing file the old one stays.
     */
    public boolean reloadIfChanged() {
        if (location.isEmpty()) {
            return false;
        }
        String loc = location.get();
        boolean junyi = loc.startsWith(JUNYI_PREFIX);
        Path file = Path.of(junyi ? loc.substring(JUNYI_PREFIX.length()) : loc);
        FileTime modified;
        try {
            modified = Files.getLastModifiedTime(file);
        } catch (IOException e) {
            if (lastTried != MISSING) { // log once per disappearance
                LOG.errorf("exercise catalogue %s: cannot read (%s); keeping the one in use (%d exercises)", file, e,
                        current.get().catalogue().size());
            }
            lastTried = MISSING;
            return false;
        }
        if (modified.equals(lastTried)) {
            return false;
        }
        lastTried = modified;
        try {
            ExerciseCatalogue catalogue;
            if (junyi) {
                JunyiExerciseTable.Import imported = JunyiExerciseTable.read(file, true);
                imported.notes().forEach(n -> LOG.infof("exercise catalogue: %s", n));
                catalogue = imported.catalogue();
            } else {
                catalogue = CatalogueFile.read(file);
            }
            current.set(new Loaded(catalogue, new MasteryPlanner(catalogue, masteryConfig), modified));
            LOG.infof("exercise catalogue %s loaded: %d exercises in %d missions", file, catalogue.size(),
                    catalogue.missions().size());
            return true;
        } catch (CatalogueFormatException e) {
            LOG.errorf("exercise catalogue refused, keeping the one in use (%d exercises): %s",
                    current.get().catalogue().size(), e.getMessage());
        } catch (IOException | RuntimeException e) {
            LOG.errorf("exercise catalogue %s refused, keeping the one in use (%d exercises): %s", file,
                    current.get().catalogue().size(), e);
        }
        return false;
    }
}
