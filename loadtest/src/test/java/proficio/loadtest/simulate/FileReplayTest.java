package proficio.loadtest.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileReplayTest {

    @TempDir
    Path dir;

    @Test
    void replaysTheFileInOrder_countingEachStudentsAnswersPerExercise() throws Exception {
        Path file = dir.resolve("answers.tsv");
        Files.writeString(file, """
                user_id\titem_id\ttimestamp\tcorrect\tskill_id
                1\t10\t0\t1\t7
                1\t11\t0\t0\t7
                2\t10\t0\t1\t7
                1\t12\t0\t1\t8
                1\t13\t0\t1\t7
                """);
        List<SourcedAnswer> out = new ArrayList<>();
        try (FileReplay replay = FileReplay.open(file, null, "r-")) {
            for (SourcedAnswer a = replay.next(); a != null; a = replay.next()) {
                out.add(a);
            }
        }
        assertThat(out).extracting(a -> a.log().studentId()).containsExactly("r-1", "r-1", "r-2", "r-1", "r-1");
        assertThat(out).extracting(a -> a.log().exercise()).containsExactly("7", "7", "7", "8", "7");
        assertThat(out).extracting(SourcedAnswer::doneInExercise).containsExactly(1L, 2L, 1L, 1L, 3L);
    }

    @Test
    void aLineThatIsNoAnswer_stopsTheReplay_namingFileAndLine() throws Exception {
        Path file = dir.resolve("bad.tsv");
        Files.writeString(file, "user_id\titem_id\ttimestamp\tcorrect\tskill_id\n1\t10\t0\tmaybe\t7\n");
        try (FileReplay replay = FileReplay.open(file, null, "")) {
            assertThatThrownBy(replay::next).isInstanceOf(IOException.class).hasMessageContaining("bad.tsv")
                    .hasMessageContaining("2");
        }
    }
}
