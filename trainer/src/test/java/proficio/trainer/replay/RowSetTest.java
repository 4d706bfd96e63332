package proficio.trainer.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import proficio.model.event.ProblemLog;
import proficio.model.feature.FeatureSpace;
import proficio.model.feature.Ka2014FeatureSet;
import proficio.trainer.Simulation;

class RowSetTest {

    @TempDir
    Path dir;

    static RowSet rows() {
        Replayer r = new Replayer(Ka2014FeatureSet.INSTANCE, new FeatureSpace(5), List.of());
        for (ProblemLog l : new Simulation(5, 3).students(0, 20, 3, 10)) {
            r.accept(l, false);
        }
        return r.rows();
    }

    @Test
    void rowFile_roundTripsEveryColumnExactly() throws Exception {
        RowSet rows = rows().holdOutStudents(0.3);
        Path f = dir.resolve("r.rows");

        RowFiles.write(rows, f);
        RowSet back = RowFiles.read(f);

        assertThat(back.featureSet()).isEqualTo(rows.featureSet());
        assertThat(back.seed()).isEqualTo(5);
        assertThat(back.exercises()).hasSameSizeAs(rows.exercises());
        for (int k = 0; k < rows.exercises().size(); k++) {
            ExerciseRows a = rows.exercises().get(k);
            ExerciseRows b = back.exercises().get(k);
            assertThat(b.x()).isEqualTo(a.x());
            assertThat(b.y()).isEqualTo(a.y());
            assertThat(b.time()).isEqualTo(a.time());
            assertThat(b.student()).isEqualTo(a.student());
            assertThat(b.holdOut()).isEqualTo(a.holdOut());
        }
    }

    @Test
    void truncatedRowFile_isRefusedNamingTheFile() throws Exception {
        Path f = dir.resolve("r.rows");
        RowFiles.write(rows(), f);
        byte[] all = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(all, all.length / 2));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RowFiles.read(f))
                .hasMessageContaining("r.rows").hasMessageContaining("truncated");
    }

    @Test
    void holdOutLastByTime_takesTheLatestRowsAndKeepsTheRest() {
        RowSet rows = rows();

        RowSet marked = rows.holdOutLastByTime(0.25);

        long cut = marked.holdOut().exercises().stream().flatMapToLong(e -> java.util.Arrays.stream(e.time())).min()
                .orElseThrow();
        long lastTrain = marked.train().exercises().stream().flatMapToLong(e -> java.util.Arrays.stream(e.time())).max()
                .orElseThrow();
        assertThat(lastTrain).isLessThan(cut);
        assertThat((double) marked.holdOut().size() / rows.size()).isBetween(0.24, 0.26);
        assertThat(marked.train().size() + marked.holdOut().size()).isEqualTo(rows.size());
    }

    @Test
    void holdOutStudents_putsAllOfAStudentsRowsOnOneSide() {
        RowSet marked = rows().holdOutStudents(0.5);

        java.util.Set<String> test = new java.util.HashSet<>();
        marked.holdOut().exercises().forEach(e -> test.addAll(List.of(e.student())));
        java.util.Set<String> train = new java.util.HashSet<>();
        marked.train().exercises().forEach(e -> train.addAll(List.of(e.student())));

        assertThat(test).isNotEmpty().doesNotContainAnyElementsOf(train);
        assertThat(train).isNotEmpty();
    }
}
