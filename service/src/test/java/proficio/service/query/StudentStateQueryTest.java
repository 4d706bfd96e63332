package proficio.service.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import proficio.service.config.ProficioConfig;
import proficio.service.streams.StreamsRuntime;

/**
 * The two ways of reading a student: {@code read} waits (bounded) for stores that are not queryable,
 * {@code readNow} never does, so that a call on the gRPC event loop can hand itself to a worker
 * instead of blocking the loop. Here Kafka Streams has not started, so no store is queryable.
 */
class StudentStateQueryTest {

    private static final Duration READY_TIMEOUT = Duration.ofMillis(400);

    private static StudentStateQuery query() {
        ProficioConfig.Query q = (ProficioConfig.Query) Proxy.newProxyInstance(StudentStateQueryTest.class.getClassLoader(),
                new Class<?>[] {ProficioConfig.Query.class}, (proxy, method, args) -> {
                    if (method.getName().equals("readyTimeout")) {
                        return READY_TIMEOUT;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        ProficioConfig config = (ProficioConfig) Proxy.newProxyInstance(StudentStateQueryTest.class.getClassLoader(),
                new Class<?>[] {ProficioConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals("query")) {
                        return q;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return new StudentStateQuery(new StreamsRuntime(), config);
    }

    @Test
    void readNow_givesUpAtOnce_whereReadWaitsForTheReadyTimeout() {
        StudentStateQuery query = query();

        QueryResult<String> now = query.readNow("ada", r -> "read");
        assertThat(now).isInstanceOf(QueryResult.Unavailable.class);
        assertThat(((QueryResult.Unavailable<String>) now).reason())
                .isEqualTo("Kafka Streams has not started (waited 0 ms)");

        long t0 = System.nanoTime();
        QueryResult<String> waited = query.read("ada", r -> "read");
        long elapsedMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat(((QueryResult.Unavailable<String>) waited).reason())
                .isEqualTo("Kafka Streams has not started (waited " + READY_TIMEOUT.toMillis() + " ms)");
        assertThat(elapsedMs).as("read waited the ready timeout").isGreaterThanOrEqualTo(READY_TIMEOUT.toMillis());
    }
}
