package proficio.trainer.cli;

import java.io.PrintStream;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import proficio.trainer.Progress;

/**
 * Progress on stderr: a progress bar on a terminal; when stderr is a file or a pipe (CI, a Job's
 * log), one line per step when it ends, so logs stay readable.
 */
final class ConsoleProgress implements Progress.Factory {

    enum Mode { AUTO, BAR, LINES, NONE }

    private final Mode mode;
    private final PrintStream err;

    ConsoleProgress(Mode mode, PrintStream err) {
        this.mode = mode == Mode.AUTO ? (isTerminal() ? Mode.BAR : Mode.LINES) : mode;
        this.err = err;
    }

    @Override
    public Progress start(String task, long total, String unit) {
        return switch (mode) {
            case BAR -> bar(task, total, unit);
            case LINES -> lines(task, unit);
            case NONE, AUTO -> Progress.NONE;
        };
    }

    private Progress bar(String task, long total, String unit) {
        ProgressBar pb = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(200)
                .setUnit(" " + unit, 1)
                .showSpeed()
                .setConsumer(new ConsoleProgressBarConsumer(err, 110))
                .build();
        return new Progress() {
            @Override
            public void step(long n) {
                pb.stepBy(n);
            }

            @Override
            public void total(long t) {
                pb.maxHint(t);
            }

            @Override
            public void extra(String message) {
                pb.setExtraMessage(message);
            }

            @Override
            public void close() {
                pb.close();
            }
        };
    }

    private Progress lines(String task, String unit) {
        long start = System.nanoTime();
        AtomicLong done = new AtomicLong();
        return new Progress() {
            @Override
            public void step(long n) {
                done.addAndGet(n);
            }

            @Override
            public void close() {
                double s = (System.nanoTime() - start) / 1e9;
                err.printf(Locale.ROOT, "%s: %,d %s in %.2f s%n", task, done.get(), unit, s);
                err.flush();
            }
        };
    }

    /** Whether stderr goes to a terminal (Console.isTerminal on JDK 22+, else: a console exists). */
    static boolean isTerminal() {
        java.io.Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            Method m = java.io.Console.class.getMethod("isTerminal");
            return (Boolean) m.invoke(c);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
