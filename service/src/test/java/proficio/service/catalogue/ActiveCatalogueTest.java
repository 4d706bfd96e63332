package proficio.service.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import proficio.model.catalogue.Exercise;
import proficio.model.mastery.MasteryConfig;

class ActiveCatalogueTest {

    @TempDir
    Path dir;

    private static final String ONE = "proficio-catalogue 1\na | m1\n";
    private static final String TWO = "proficio-catalogue 1\na | m1\nb | m1 | | a |\n";

    private ActiveCatalogue holder(Path file) {
        return new ActiveCatalogue(Optional.of(file.toString()), MasteryConfig.DEFAULTS, Duration.ofSeconds(5));
    }

    private static void write(Path file, String text, long mtimeMs) throws Exception {
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.fromMillis(mtimeMs));
    }

    private static java.util.List<String> names(ActiveCatalogue c) {
        return c.get().catalogue().exercises().stream().map(Exercise::name).toList();
    }

    @Test
    void noPath_isAnEmptyCatalogue() {
        ActiveCatalogue c = new ActiveCatalogue(Optional.empty(), MasteryConfig.DEFAULTS, Duration.ofSeconds(5));
        assertThat(c.get().catalogue().size()).isZero();
        assertThat(c.reloadIfChanged()).isFalse();
    }

    @Test
    void loadsAtConstruction_andReloadsWhenTheModificationTimeChanges() throws Exception {
        Path file = dir.resolve("catalogue.txt");
        write(file, ONE, 1_000_000);
        ActiveCatalogue c = holder(file);
        assertThat(names(c)).containsExactly("a");
        assertThat(c.reloadIfChanged()).as("unchanged file").isFalse();

        write(file, TWO, 2_000_000);
        assertThat(c.reloadIfChanged()).isTrue();
        assertThat(names(c)).containsExactly("a", "b");
        assertThat(c.get().planner().catalogue()).isSameAs(c.get().catalogue());
    }

    @Test
    void badFile_keepsTheOldCatalogue_untilAGoodOneReplacesIt() throws Exception {
        Path file = dir.resolve("catalogue.txt");
        write(file, ONE, 1_000_000);
        ActiveCatalogue c = holder(file);
        ActiveCatalogue.Loaded before = c.get();

        write(file, "proficio-catalogue 1\na | m1\na | m2\n", 2_000_000); // listed twice
        assertThat(c.reloadIfChanged()).isFalse();
        assertThat(c.get()).isSameAs(before);

        Files.delete(file);
        assertThat(c.reloadIfChanged()).isFalse();
        assertThat(c.get()).isSameAs(before);

        write(file, TWO, 3_000_000);
        assertThat(c.reloadIfChanged()).isTrue();
        assertThat(names(c)).containsExactly("a", "b");
    }

    @Test
    void badFileAtStart_leavesTheCatalogueEmpty() throws Exception {
        Path file = dir.resolve("catalogue.txt");
        write(file, "not a catalogue\n", 1_000_000);
        assertThat(holder(file).get().catalogue().size()).isZero();
        assertThat(holder(dir.resolve("missing.txt")).get().catalogue().size()).isZero();
    }

    @Test
    void junyiPrefix_importsTheJunyiTable() throws Exception {
        Path table = dir.resolve("junyi_Exercise_table.csv");
        Files.writeString(table, "\uFEFFname,live,prerequisites,topic\na,TRUE,,t1\nb,TRUE,a,t1\nold,FALSE,,t2\n");
        ActiveCatalogue c = new ActiveCatalogue(Optional.of("junyi:" + table), MasteryConfig.DEFAULTS, Duration.ofSeconds(5));
        assertThat(names(c)).containsExactly("a", "b");
        assertThat(c.get().catalogue().inMission("t1")).hasSize(2);
    }
}
