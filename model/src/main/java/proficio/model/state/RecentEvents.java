package proficio.model.state;

import java.util.Arrays;

/**
 * Fingerprints of the last few event ids applied to one (student, exercise), newest last, so a
 * retried delivery of the same answer is applied once. 64-bit fingerprints instead of the ids keep
 * the stored state small and fixed-size whatever the id format; two different ids collide with
 * probability about 2^-64 per comparison.
 */
public final class RecentEvents {

    /**
     * Ids kept. A producer retry repeats an answer within a few events of the same exercise, so a
     * handful is enough; a duplicate arriving later than this is applied again.
     */
    public static final int CAPACITY = 4;

    public static final RecentEvents NONE = new RecentEvents(new long[0]);

    private final long[] fingerprints;

    private RecentEvents(long[] fingerprints) {
        this.fingerprints = fingerprints;
    }

    /** From stored fingerprints, oldest first. */
    public static RecentEvents ofFingerprints(long... fingerprints) {
        if (fingerprints.length > CAPACITY) {
            throw new IllegalArgumentException("at most " + CAPACITY + " recent events, got " + fingerprints.length);
        }
        return fingerprints.length == 0 ? NONE : new RecentEvents(fingerprints.clone());
    }

    public boolean contains(String eventId) {
        long f = fingerprint(eventId);
        for (long g : fingerprints) {
            if (g == f) {
                return true;
            }
        }
        return false;
    }

    /** These plus {@code eventId}, dropping the oldest beyond {@link #CAPACITY}. */
    public RecentEvents with(String eventId) {
        int keep = Math.min(fingerprints.length, CAPACITY - 1);
        long[] next = new long[keep + 1];
        System.arraycopy(fingerprints, fingerprints.length - keep, next, 0, keep);
        next[keep] = fingerprint(eventId);
        return new RecentEvents(next);
    }

    public int size() {
        return fingerprints.length;
    }

    public long[] fingerprints() {
        return fingerprints.clone();
    }

    /** FNV-1a over the UTF-16 code units, then the SplitMix64 finaliser to spread the bits. */
    public static long fingerprint(String eventId) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < eventId.length(); i++) {
            h ^= eventId.charAt(i);
            h *= 0x100000001b3L;
        }
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        return h ^ (h >>> 31);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecentEvents other && Arrays.equals(fingerprints, other.fingerprints);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(fingerprints);
    }

    @Override
    public String toString() {
        return "RecentEvents" + Arrays.toString(fingerprints);
    }
}
