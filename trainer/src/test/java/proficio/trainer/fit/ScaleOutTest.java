package proficio.trainer.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import proficio.model.event.ProblemLog;
import proficio.model.feature.FeatureSpace;
import proficio.model.feature.Ka2014FeatureSet;
import proficio.trainer.Progress;
import proficio.trainer.Simulation;
import proficio.trainer.input.Shard;
import proficio.trainer.replay.Replayer;
import proficio.trainer.replay.RowFiles;
import proficio.trainer.replay.RowSet;

/** Two workers (replay split by student, fit split by exercise, through files) give the one-worker model bit for bit. */
class ScaleOutTest {

    @TempDir
    Path dir;

    @Test
    void mergeOfTwoWorkersFits_equalsTheSingleWorkerFitBitForBit() throws Exception {
        List<ProblemLog> log = new Simulation(10, 5).students(0, 150, 4, 10);
        FeatureSpace space = new FeatureSpace(FeatureSpace.DEFAULT_SEED);
        FitSettings settings = new FitSettings(1, 100, 20, 2, 1e-10, 50);

        Replayer whole = new Replayer(Ka2014FeatureSet.INSTANCE, space, List.of());
        log.forEach(l -> whole.accept(l, false));
        FitResult single = new Fitter(settings).fit(whole.rows(), Progress.Factory.NONE);

        // Replay workers write their rows to the shared volume.
        List<Path> rowFiles = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            Shard shard = new Shard(w, 2);
            Replayer part = new Replayer(Ka2014FeatureSet.INSTANCE, space, List.of());
            log.stream().filter(l -> shard.ownsStudent(l.studentId())).forEach(l -> part.accept(l, false));
            Path f = dir.resolve("rows-" + w);
            RowFiles.write(part.rows(), f);
            rowFiles.add(f);
        }
        // Fit workers read all rows, fit the global theta and their own exercises, write partials.
        List<FitPartial> partials = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            RowSet rows = RowSet.merge(List.of(RowFiles.read(rowFiles.get(0)), RowFiles.read(rowFiles.get(1))));
            Fitter fitter = new Fitter(settings.withThreads(1 + w)); // thread counts may differ between workers
            ExecutorService pool = fitter.pool();
            try {
                GlobalFit g = fitter.fitGlobal(rows, pool);
                List<ExerciseFit> mine = fitter.fitExercises(rows.exercisesOf(new Shard(w, 2)), g.theta(), pool,
                        Progress.Factory.NONE);
                Path f = dir.resolve("fit-" + w);
                new FitPartial(w, 2, "s", g, mine).write(f);
                partials.add(FitPartial.read(f));
            } finally {
                pool.shutdownNow();
            }
        }
        assertThat(partials.get(0).exercises()).isNotEmpty();
        assertThat(partials.get(1).exercises()).isNotEmpty();

        FitResult merged = FitPartial.merge(List.of(partials.get(1), partials.get(0)));

        assertThat(merged.globalTheta()).isEqualTo(single.globalTheta());
        assertThat(merged.exercises()).hasSameSizeAs(single.exercises());
        for (int k = 0; k < single.exercises().size(); k++) {
            assertThat(merged.exercises().get(k).exercise()).isEqualTo(single.exercises().get(k).exercise());
            assertThat(merged.exercises().get(k).theta()).isEqualTo(single.exercises().get(k).theta());
            assertThat(merged.exercises().get(k).rows()).isEqualTo(single.exercises().get(k).rows());
        }
    }

    @Test
    void merge_refusesAMissingWorkerOrAnExerciseFittedTwice() {
        GlobalFit g = new GlobalFit(new double[] {1, 2}, 10, 1, 1, true, 0);
        ExerciseFit e = new ExerciseFit("e", new double[] {1, 2}, 30, 1, 1, 1, true);

        assertThatThrownBy(() -> FitPartial.merge(List.of(new FitPartial(0, 2, "s", g, List.of(e)))))
                .hasMessageContaining("workers [1]");
        assertThatThrownBy(() -> FitPartial.merge(List.of(new FitPartial(0, 2, "s", g, List.of(e)),
                new FitPartial(1, 2, "s", g, List.of(e))))).hasMessageContaining("fitted by two workers");
        GlobalFit other = new GlobalFit(new double[] {1, 2.0000001}, 10, 1, 1, true, 0);
        assertThatThrownBy(() -> FitPartial.merge(List.of(new FitPartial(0, 2, "s", g, List.of()),
                new FitPartial(1, 2, "s", other, List.of())))).hasMessageContaining("another global theta");
    }
}
