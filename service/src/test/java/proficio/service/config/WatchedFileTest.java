package proficio.service.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchedFileTest {

    @TempDir
    Path dir;

    private final List<String> read = new ArrayList<>();

    private WatchedFile watched(Path file) {
        return new WatchedFile("test file", file, (f, modified) -> {
            String text = Files.readString(f);
            if (text.startsWith("bad")) {
                throw new IllegalArgumentException(f + ", line 1: bad");
            }
            read.add(text);
        }, () -> "the value in use", Logger.getLogger(WatchedFileTest.class));
    }

    private static void write(Path file, String text, long mtimeMillis) throws Exception {
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.fromMillis(mtimeMillis));
    }

    @Test
    void aFile_isReadOncePerModificationTime() throws Exception {
        Path file = dir.resolve("f");
        write(file, "one", 1_000_000);
        WatchedFile w = watched(file);

        assertThat(w.checkNow()).isTrue();
        assertThat(w.checkNow()).as("unchanged").isFalse();
        write(file, "two", 2_000_000);
        assertThat(w.checkNow()).isTrue();
        assertThat(read).containsExactly("one", "two");
    }

    @Test
    void aRefusedVersion_isNotRetried_untilTheFileChangesAgain() throws Exception {
        Path file = dir.resolve("f");
        write(file, "bad", 1_000_000);
        WatchedFile w = watched(file);

        assertThat(w.checkNow()).isFalse();
        assertThat(w.checkNow()).isFalse();
        write(file, "good", 2_000_000);
        assertThat(w.checkNow()).isTrue();
        assertThat(read).containsExactly("good");
    }

    @Test
    void aMissingFile_changesNothing_andIsReadWhenItComesBack() throws Exception {
        Path file = dir.resolve("f");
        WatchedFile w = watched(file);

        assertThat(w.checkNow()).isFalse();
        assertThat(w.checkNow()).isFalse();
        write(file, "back", 1_000_000);
        assertThat(w.checkNow()).isTrue();
        assertThat(read).containsExactly("back");
    }

    @Test
    void aVersionReadElsewhere_isNotReadAgain() throws Exception {
        Path file = dir.resolve("f");
        write(file, "at start", 1_000_000);
        WatchedFile w = watched(file);
        w.alreadyRead(Files.getLastModifiedTime(file));

        assertThat(w.checkNow()).isFalse();
        assertThat(read).isEmpty();
    }
}
