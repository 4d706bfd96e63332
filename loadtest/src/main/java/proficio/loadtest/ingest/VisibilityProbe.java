package proficio.loadtest.ingest;

import io.grpc.Channel;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import proficio.loadtest.simulate.SourcedAnswer;
import proficio.proto.v1.GetStudentStateRequest;
import proficio.proto.v1.KnowledgeServiceGrpc;
import proficio.proto.v1.StudentState;

/**
 * Event → visible: for a sampled answer, asks the service through gRPC (GetStudentState for that
 * student and exercise) every {@code pollEvery} until the exercise's {@code done} count includes it,
 * and records the time from the answer's <em>intended</em> send time to the reply that showed it.
 * Once an answer has waited 10 poll intervals the interval grows to a tenth of the wait so far, so
 * the figure is late by at most one interval (or 10 %) plus one call, and a service that falls
 * behind is not buried under ever more polls. The polls are load on the service too ({@link #polls}).
 */
public final class VisibilityProbe implements AutoCloseable {

    private final KnowledgeServiceGrpc.KnowledgeServiceBlockingStub stub;
    private final ScheduledExecutorService pollers;
    private final long pollEveryNs;
    private final long timeoutNs;
    private final Recorder visible = new Recorder(3);
    private final AtomicLong watched = new AtomicLong();
    private final AtomicLong seen = new AtomicLong();
    private final AtomicLong timedOut = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong polls = new AtomicLong();

    public VisibilityProbe(Channel channel, int threads, Duration pollEvery, Duration timeout) {
        this.stub = KnowledgeServiceGrpc.newBlockingStub(channel);
        this.pollers = Executors.newScheduledThreadPool(threads, r -> {
            Thread t = new Thread(r, "visibility-probe");
            t.setDaemon(true);
            return t;
        });
        this.pollEveryNs = pollEvery.toNanos();
        this.timeoutNs = timeout.toNanos();
    }

    /** Starts watching for {@code answer}, sent (or due to be sent) at {@code intendedNanos}. */
    public void watch(SourcedAnswer answer, long intendedNanos) {
        watched.incrementAndGet();
        GetStudentStateRequest req = GetStudentStateRequest.newBuilder().setStudentId(answer.log().studentId())
                .addExercises(answer.log().exercise()).build();
        pollers.execute(() -> poll(req, answer.doneInExercise(), intendedNanos));
    }

    private void poll(GetStudentStateRequest req, long want, long intendedNanos) {
        try {
            polls.incrementAndGet();
            StudentState s = stub.withDeadlineAfter(5, TimeUnit.SECONDS).getStudentState(req);
            long now = System.nanoTime();
            if (s.getExercisesCount() == 1 && s.getExercises(0).getDone() >= want) {
                visible.recordValue(now - intendedNanos);
                seen.incrementAndGet();
                return;
            }
            if (now - intendedNanos > timeoutNs) {
                timedOut.incrementAndGet();
                return;
            }
            long delay = Math.max(pollEveryNs, (now - intendedNanos) / 10);
            pollers.schedule(() -> poll(req, want, intendedNanos), delay, TimeUnit.NANOSECONDS);
        } catch (RuntimeException e) {
            failed.incrementAndGet();
        }
    }

    /** Waits (at most {@code timeout}) until every watched answer was seen or given up on. */
    public void awaitAll(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (seen.get() + timedOut.get() + failed.get() < watched.get() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    /** ns from the intended send time to visible, of the answers seen. */
    public Histogram histogram() {
        return visible.getIntervalHistogram();
    }

    public long watched() {
        return watched.get();
    }

    public long timedOut() {
        return timedOut.get();
    }

    public long failed() {
        return failed.get();
    }

    public long polls() {
        return polls.get();
    }

    @Override
    public void close() {
        pollers.shutdownNow();
    }
}
