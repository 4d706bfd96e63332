package proficio.service.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.EnumSet;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

class StreamsLivenessTest {

    @Test
    void onlyAClientStoppedOnAnError_isDead() {
        EnumSet<KafkaStreams.State> dead = EnumSet.noneOf(KafkaStreams.State.class);
        Arrays.stream(KafkaStreams.State.values()).filter(s -> !StreamsLiveness.alive(s)).forEach(dead::add);

        // Starting, restoring, rebalancing and a clean shutdown are all alive: restarting the process
        // would only start the same work over.
        assertThat(dead).containsExactlyInAnyOrder(KafkaStreams.State.ERROR, KafkaStreams.State.PENDING_ERROR);
    }
}
