package proficio.model.feature;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;
import proficio.model.state.KnowledgeState;

/**
 * The random components of the knowledge space, generated rather than stored: component(triple) is
 * a pure function of (seed, exercise, problem type, correct). A new exercise therefore contributes
 * from its first answer on, and any two processes with the same seed agree bit for bit.
 *
 * <p>Each component is {@value KnowledgeState#DIMENSIONS} independent normal draws with standard
 * deviation 1/sqrt(dimensions), so a component has length about 1 whatever the dimension, and the
 * trainer's L2 penalty means the same thing if the dimension ever changes.
 *
 * <p>Generation: SHA-256 over (seed, exercise, problem type, correct), each length-prefixed so no
 * two triples share an input; the first 8 bytes seed {@link java.util.Random}, whose algorithm the
 * JDK specifies exactly, so the draws do not depend on the JVM vendor or version.
 */
public record FeatureSpace(long seed) {

    /** The feature-space seed of the default model and of a fresh install. */
    public static final long DEFAULT_SEED = 20140101L;

    private static final double SCALE = 1.0 / Math.sqrt(KnowledgeState.DIMENSIONS);

    public float[] component(String exercise, String problemType, boolean correct) {
        Random random = new Random(tripleHash(exercise, problemType, correct));
        float[] c = new float[KnowledgeState.DIMENSIONS];
        for (int i = 0; i < c.length; i++) {
            c[i] = (float) (random.nextGaussian() * SCALE);
        }
        return c;
    }

    private long tripleHash(String exercise, String problemType, boolean correct) {
        byte[] e = exercise.getBytes(StandardCharsets.UTF_8);
        byte[] p = problemType.getBytes(StandardCharsets.UTF_8);
        ByteBuffer in = ByteBuffer.allocate(8 + 4 + e.length + 4 + p.length + 1)
                .putLong(seed).putInt(e.length).put(e).putInt(p.length).put(p).put((byte) (correct ? 1 : 0));
        return ByteBuffer.wrap(sha256(in.array())).getLong();
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK ships SHA-256", e);
        }
    }
}
