package proficio.loadtest.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The scheduler against fake targets that serve one call at a time, in real time. */
class OpenLoopTest {

    final ExecutorService server = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        server.shutdownNow();
    }

    /** A server that takes {@code serviceMs} per call, one call at a time (capacity 1000 / serviceMs per second). */
    OpenLoop.Target slowServer(long serviceMs) {
        return (i, due) -> CompletableFuture.runAsync(() -> sleep(serviceMs), server);
    }

    @Test
    void aServerTooSlowForTheRate_showsTheQueueingInTheLatency_measuredFromTheIntendedTime() throws Exception {
        // 200 calls/s for 1 s against a 10 ms server (100/s): call i is due at 5i ms and done at
        // about 10(i+1) ms, so its latency is about 10 + 5i ms: median ~500 ms, worst ~1 s. A closed
        // loop (one call, wait, next) would report 10 ms for every call.
        OpenLoop.Result r = OpenLoop.run(slowServer(10), 200, Duration.ofSeconds(1), Duration.ofSeconds(5), 10_000);
        assertThat(r.scheduled()).isEqualTo(200);
        assertThat(r.completed()).isEqualTo(200);
        assertThat(r.unfinished()).isZero();
        assertThat(r.latency().getTotalCount()).isEqualTo(200);
        // (a busy machine only makes the server slower and these figures larger)
        assertThat(r.ms(50)).isGreaterThan(350.0);
        assertThat(r.latency().getMaxValue() / 1e6).isGreaterThan(850.0);
        assertThat(r.latency().getMinValue() / 1e6).isGreaterThanOrEqualTo(9.0);
        // answers came at the server's pace, not the rate asked for
        assertThat(r.achievedRate()).isLessThan(120.0);
    }

    @Test
    void oneStall_isChargedToEveryCallThatFellDueDuringIt() throws Exception {
        // 500 calls/s, answered at once, except call 100 (due at 200 ms), which stalls the server for
        // 300 ms: the 150 calls due in the stall each wait for its end, the 100 due in its first
        // 200 ms more than 100 ms. Ignoring the intended times would show one slow call.
        OpenLoop.Target target = (i, due) -> CompletableFuture.runAsync(() -> sleep(i == 100 ? 300 : 0), server);
        OpenLoop.Result r = OpenLoop.run(target, 500, Duration.ofSeconds(1), Duration.ofSeconds(5), 10_000);
        assertThat(r.completed()).isEqualTo(500);
        long waitedOver100ms = 0;
        for (var v : r.latency().recordedValues()) {
            if (v.getValueIteratedTo() > TimeUnit.MILLISECONDS.toNanos(100)) {
                waitedOver100ms += v.getCountAddedInThisIterationStep();
            }
        }
        assertThat(waitedOver100ms).isBetween(70L, 200L);
        assertThat(r.latency().getMaxValue() / 1e6).isGreaterThan(290.0);
    }

    @Test
    void callsAreDueEvenlyAtTheRate() throws Exception {
        List<Long> due = new ArrayList<>();
        OpenLoop.run((i, intended) -> {
            due.add(intended);
            return CompletableFuture.completedFuture(null);
        }, 1000, Duration.ofMillis(200), Duration.ofSeconds(1), 10_000);
        assertThat(due).hasSize(200);
        for (int i = 1; i < due.size(); i++) {
            assertThat(due.get(i) - due.get(i - 1)).isBetween(999_000L, 1_001_000L);
        }
    }

    @Test
    void failures_areCountedNotTimed() throws Exception {
        OpenLoop.Result r = OpenLoop.run((i, due) -> i % 2 == 0 ? CompletableFuture.completedFuture(null)
                : CompletableFuture.failedFuture(new IllegalStateException("no")), 100, Duration.ofMillis(200),
                Duration.ofSeconds(1), 10_000);
        assertThat(r.completed()).isEqualTo(10);
        assertThat(r.failed()).isEqualTo(10);
        assertThat(r.firstError()).contains("no");
    }

    @Test
    void rateSearch_findsTheCapacityOfTheSlowServer() throws Exception {
        // 20 ms per call: 50 calls/s at most (less on a busy machine). Steps 10, 15, 22.5, 33.75 can
        // hold; 50.6 may, within the search's resolution (a rate a few % over capacity builds too
        // little queue in one step to fail it); 75.9 cannot keep up, whatever the machine.
        RateSearch.Outcome o = RateSearch.search(slowServer(20),
                new RateSearch.Plan(10, 1.5, 6, Duration.ofSeconds(1), 200), 10_000);
        assertThat(o.maxRate()).isBetween(10.0, 50.0 * 1.05);
        assertThat(o.steps().get(0).holds()).isTrue();
        assertThat(o.steps()).anyMatch(s -> !s.holds());
        assertThat(o.bounded()).isTrue();
    }

    private static void sleep(long ms) {
        if (ms == 0) {
            return;
        }
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
