package proficio.service.streams;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * {@code /q/health/live}: DOWN once Kafka Streams has stopped on an error (the uncaught-exception
 * handler shuts the client down rather than skip a record it cannot apply), so an orchestrator restarts
 * the process. Readiness, {@code /q/health/ready}, is Quarkus' check of the gRPC health status: UP when
 * SERVING (StreamsRuntime sets it).
 */
@Liveness
@ApplicationScoped
public class StreamsLiveness implements HealthCheck {

    @Inject
    StreamsRuntime runtime;

    /** Whether a process whose Kafka Streams client is in {@code state} is still doing its job or will be. */
    static boolean alive(KafkaStreams.State state) {
        return state != KafkaStreams.State.ERROR && state != KafkaStreams.State.PENDING_ERROR;
    }

    @Override
    public HealthCheckResponse call() {
        KafkaStreams.State state = runtime.state();
        return HealthCheckResponse.named("kafka-streams").status(alive(state)).withData("state", state.name()).build();
    }
}
