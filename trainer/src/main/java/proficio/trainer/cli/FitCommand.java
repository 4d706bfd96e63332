package proficio.trainer.cli;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import proficio.trainer.fit.ExerciseFit;
import proficio.trainer.fit.FitPartial;
import proficio.trainer.fit.FitSettings;
import proficio.trainer.fit.Fitter;
import proficio.trainer.fit.GlobalFit;
import proficio.trainer.input.Shard;
import proficio.trainer.replay.RowSet;

@Command(name = "fit", mixinStandardHelpOptions = true, versionProvider = TrainerCli.Version.class, sortOptions = false,
        description = {"Scale-out step 2: read every replay worker's rows from <work>, fit the global theta (each fit "
                + "worker computes the same one) and the exercises whose name hashes to this worker, and write "
                + "<work>/fit-I-of-N.fit."})
final class FitCommand implements Callable<Integer> {

    @ParentCommand
    TrainerCli cli;

    @Spec
    CommandSpec spec;

    @Mixin
    WorkerOptions worker;

    @Mixin
    FitOptions fitOptions;

    @Option(names = "--work", paramLabel = "DIR", required = true, description = "The shared directory.")
    java.nio.file.Path work;

    @Option(names = "--holdout", paramLabel = "time:F|students:F|file", defaultValue = "time:0.1",
            description = "Hold-out rule; must be the same for every fit worker and merge (default: ${DEFAULT-VALUE}; "
                    + "file when the replay had --test).")
    String holdout;

    @Override
    public Integer call() throws Exception {
        Shard shard = worker.shard();
        FitSettings settings = fitOptions.settings();
        HoldOut h = HoldOut.parse(holdout);
        RowSet train = h.apply(WorkDir.readRows(work)).train();
        Fitter fitter = new Fitter(settings);
        ExecutorService pool = fitter.pool();
        try {
            GlobalFit global = fitter.fitGlobal(train, pool);
            List<ExerciseFit> mine = fitter.fitExercises(train.exercisesOf(shard), global.theta(), pool, cli.progress());
            FitPartial partial = new FitPartial(shard.index(), shard.count(), partialSettings(settings, h), global, mine);
            java.nio.file.Path file = WorkDir.fitFile(work, shard.index(), shard.count());
            partial.write(file);
            spec.commandLine().getOut().printf(Locale.ROOT, "%s: global theta on %,d rows, %d exercise thetas -> %s%n",
                    shard, train.size(), mine.size(), file);
            spec.commandLine().getOut().flush();
        } finally {
            pool.shutdownNow();
        }
        return ExitCodes.OK;
    }

    /** What every fit worker must agree on; merge checks it. Threads are left out: they do not change the result. */
    static String partialSettings(FitSettings s, HoldOut h) {
        return s.withThreads(1).describe() + "; hold-out " + h.describe();
    }
}
