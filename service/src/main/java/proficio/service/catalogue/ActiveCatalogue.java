package proficio.service.catalogue;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;
import proficio.model.catalogue.CatalogueFile;
import proficio.model.catalogue.CatalogueFormatException;
import proficio.model.catalogue.ExerciseCatalogue;
import proficio.model.catalogue.JunyiExerciseTable;
import proficio.model.mastery.MasteryConfig;
import proficio.model.mastery.MasteryPlanner;
import proficio.service.config.ProficioConfig;
import proficio.service.config.WatchedFile;

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

    private final MasteryConfig masteryConfig;
    private final Duration reloadInterval;
    private final AtomicReference<Loaded> current = new AtomicReference<>();
    /** The catalogue file, re-read when it changes; null without a location. */
    private final WatchedFile watched;

    @Inject
    public ActiveCatalogue(ProficioConfig config) {
        this(config.catalogue().path().filter(s -> !s.isBlank()), ProficioConfig.Mastery.toModel(config.mastery()),
                config.catalogue().reloadInterval());
    }

    /** @param location a catalogue file, {@code junyi:PATH}, or empty for no catalogue */
    public ActiveCatalogue(Optional<String> location, MasteryConfig masteryConfig, Duration reloadInterval) {
        Objects.requireNonNull(location, "location");
        this.masteryConfig = Objects.requireNonNull(masteryConfig, "masteryConfig");
        this.reloadInterval = reloadInterval;
        current.set(new Loaded(ExerciseCatalogue.EMPTY, new MasteryPlanner(ExerciseCatalogue.EMPTY, masteryConfig), null));
        if (location.isEmpty()) {
            watched = null;
            return;
        }
        String loc = location.get();
        boolean junyi = loc.startsWith(JUNYI_PREFIX);
        watched = new WatchedFile("exercise catalogue", Path.of(junyi ? loc.substring(JUNYI_PREFIX.length()) : loc),
                (file, modified) -> load(file, junyi, modified),
                () -> "the one in use (" + current.get().catalogue().size() + " exercises)", LOG);
        watched.checkNow();
    }

    public Loaded get() {
        return current.get();
    }

    void onStart(@Observes StartupEvent ev) {
        if (watched == null) {
            LOG.info("no exercise catalogue configured (proficio.catalogue.path): planning from an empty catalogue");
            return;
        }
        watched.watch(reloadInterval, "catalogue-reload");
    }

    void onStop(@Observes ShutdownEvent ev) {
        if (watched != null) {
            watched.close();
        }
    }

    /**
     * Re-reads the catalogue when its file's modification time differs from the last one tried.
     * Returns whether a new catalogue is now in use; on a bad or missing file the old one stays.
     */
    public boolean reloadIfChanged() {
        return watched != null && watched.checkNow();
    }

    private void load(Path file, boolean junyi, FileTime modified) throws IOException, CatalogueFormatException {
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
    }
}
