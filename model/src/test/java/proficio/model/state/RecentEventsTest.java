package proficio.model.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecentEventsTest {

    @Test
    void none_containsNothing() {
        assertThat(RecentEvents.NONE.size()).isZero();
        assertThat(RecentEvents.NONE.contains("e1")).isFalse();
        assertThat(RecentEvents.NONE.contains("")).isFalse();
    }

    @Test
    void with_appendsNewestLastAndDropsTheOldestBeyondCapacity() {
        RecentEvents r = RecentEvents.NONE.with("a").with("b");
        assertThat(r.size()).isEqualTo(2);
        assertThat(r.fingerprints()).containsExactly(RecentEvents.fingerprint("a"), RecentEvents.fingerprint("b"));

        RecentEvents full = r.with("c").with("d").with("e").with("f");
        assertThat(full.size()).isEqualTo(4);
        assertThat(full.contains("a")).isFalse();
        assertThat(full.contains("b")).isFalse();
        assertThat(full.fingerprints()).containsExactly(RecentEvents.fingerprint("c"), RecentEvents.fingerprint("d"),
                RecentEvents.fingerprint("e"), RecentEvents.fingerprint("f"));
        // the receiver is unchanged
        assertThat(r.size()).isEqualTo(2);
        assertThat(r.contains("a")).isTrue();
    }

    @Test
    void ofFingerprints_roundTripsAndCopies() {
        long[] stored = {RecentEvents.fingerprint("x"), RecentEvents.fingerprint("y")};
        RecentEvents r = RecentEvents.ofFingerprints(stored);
        stored[0] = 0;
        r.fingerprints()[1] = 0;
        assertThat(r.contains("x")).isTrue();
        assertThat(r.contains("y")).isTrue();
        assertThat(r).isEqualTo(RecentEvents.NONE.with("x").with("y"))
                .hasSameHashCodeAs(RecentEvents.NONE.with("x").with("y"));
        assertThat(RecentEvents.ofFingerprints()).isSameAs(RecentEvents.NONE);
        assertThatThrownBy(() -> RecentEvents.ofFingerprints(1, 2, 3, 4, 5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fingerprint_isDeterministicAndSeparatesSimilarIds() {
        assertThat(RecentEvents.fingerprint("event-1")).isEqualTo(RecentEvents.fingerprint("event-1"));
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            seen.add(RecentEvents.fingerprint("event-" + i));
        }
        // 1e5 ids in a 64-bit space: a collision has probability ~ 1e10 / 3.7e19
        assertThat(seen).hasSize(100_000);
        assertThat(RecentEvents.fingerprint("ab")).isNotEqualTo(RecentEvents.fingerprint("ba"));
        assertThat(RecentEvents.fingerprint("")).isNotEqualTo(RecentEvents.fingerprint("\0"));
    }
}
