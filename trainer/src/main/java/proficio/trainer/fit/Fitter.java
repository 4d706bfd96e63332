package proficio.trainer.fit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import proficio.trainer.Progress;
import proficio.trainer.replay.ExerciseRows;
import proficio.trainer.replay.RowSet;

/**
 * Fits a global theta on every row, then a theta per exercise shrunk toward it. The global fit's
 * row blocks and then the exercises run on a fixed pool of {@link FitSettings#threads} threads;
 * results do not depend on the thread count.
 */
public final class Fitter {

    private final FitSettings settings;

    public Fitter(FitSettings settings) {
        this.settings = settings;
    }

    public FitSettings settings() {
        return settings;
    }

    /** Global, then every exercise with enough rows. */
    public FitResult fit(RowSet train, Progress.Factory progress) {
        ExecutorService pool = pool();
        try {
            GlobalFit global;
            try (Progress p = progress.start("fit global", 1, "fits")) {
                global = fitGlobal(train, pool);
                p.step(1);
            }
            long t1 = System.nanoTime();
            List<ExerciseFit> exercises = fitExercises(train, global.theta(), pool, progress);
            long t2 = System.nanoTime();
            return new FitResult(global.theta(), train.size(), global.iterations(), global.converged(), exercises,
                    global.seconds(), (t2 - t1) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The global fit only (a scale-out fit worker that was given the global theta skips it). */
    public GlobalFit fitGlobal(RowSet train, ExecutorService pool) {
        long t0 = System.nanoTime();
        int d = train.dimension();
        double[] lambda = new double[d];
        Arrays.fill(lambda, settings.lambdaGlobal());
        lambda[0] = 0; // the intercept is not penalised
        Newton newton = new Newton(RowBlock.of(train.exercises()), d, new double[d], lambda, pool);
        Newton.Solution s = newton.solve(new double[d], settings.tolerance(), settings.maxIterations());
        return new GlobalFit(s.theta(), train.size(), s.logLoss(), s.iterations(), s.converged(),
                (System.nanoTime() - t0) / 1e9);
    }

    /** The global fit alone, on its own pool (for a global-only model such as the KA accuracy baseline). */
    public GlobalFit fitGlobal(RowSet train) {
        ExecutorService pool = pool();
        try {
            return fitGlobal(train, pool);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Per exercise, shrunk toward {@code globalTheta}; exercises below the minimum row count are left out.
     * Exercises run in parallel, largest first; each fit runs on one thread.
     */
    public List<ExerciseFit> fitExercises(RowSet train, double[] globalTheta, ExecutorService pool,
                                          Progress.Factory progress) {
        List<ExerciseRows> eligible = new ArrayList<>();
        long rows = 0;
        for (ExerciseRows e : train.exercises()) {
            if (e.size() >= settings.minRows()) {
                eligible.add(e);
                rows += e.size();
            }
        }
        List<ExerciseRows> bySize = new ArrayList<>(eligible);
        bySize.sort(Comparator.comparingInt(ExerciseRows::size).reversed().thenComparing(ExerciseRows::exercise));
        List<Future<ExerciseFit>> futures = new ArrayList<>();
        try (Progress p = progress.start("fit exercises", rows, "rows")) {
            for (ExerciseRows e : bySize) {
                futures.add(pool.submit(() -> {
                    ExerciseFit f = fitExercise(e, globalTheta);
                    p.step(e.size());
                    return f;
                }));
            }
            List<ExerciseFit> out = new ArrayList<>();
            for (Future<ExerciseFit> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
    }

    /** One exercise: L2 toward the global theta on every weight, started from it. */
    public ExerciseFit fitExercise(ExerciseRows rows, double[] globalTheta) {
        return fitExercise(rows, globalTheta, null, globalTheta);
    }

    /**
     * One exercise with a fixed term added to each row's z (its problem type's offset), started from
     * {@code start}; still shrunk toward the global theta.
     *
     * <p>By L-BFGS ({@link Lbfgs}) on the run-compressed rows ({@link RunMatrix}), its first direction
     * from the exact Hessian at the start ({@link RunHessian}), not by Newton as the global fit: an
     * exercise starts near its optimum (the penalty pulls it to the global theta), so a Newton step
     * from one Hessian and a few cheap corrections get there; rebuilding the Hessian at every step
     * cost more than all the evaluations (trainer/README.md, "The scipy comparison").
     */
    public ExerciseFit fitExercise(ExerciseRows rows, double[] globalTheta, double[] rowOffsets, double[] start) {
        if (rowOffsets != null && rowOffsets.length != rows.size()) {
            throw new IllegalArgumentException("offsets for " + rowOffsets.length + " rows, exercise has " + rows.size());
        }
        double lambda = settings.lambdaExercise();
        ExerciseObjective objective = new ExerciseObjective(RunMatrix.of(rows), rows.y(), rowOffsets, globalTheta, lambda);
        Lbfgs.Result r = Lbfgs.minimise(objective, start, settings.tolerance() * Math.max(1, rows.size()),
                settings.maxIterations());
        double penalty = 0;
        for (int k = 0; k < globalTheta.length; k++) {
            double diff = r.theta()[k] - globalTheta[k];
            penalty += diff * diff;
        }
        return new ExerciseFit(rows.exercise(), r.theta(), rows.size(), r.objective() - 0.5 * lambda * penalty,
                r.objective(), r.iterations(), r.converged());
    }

    public ExecutorService pool() {
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(settings.threads(), r -> {
            Thread t = new Thread(r, "proficio-fit-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }
}
