package proficio.model.feature;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import proficio.model.state.KnowledgeState;

class FeatureSpaceTest {

    private static boolean same(float[] a, float[] b) {
        if (a.length != b.length) return false;
        for (int i = 0; i < a.length; i++) {
            if (Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(b[i])) return false;
        }
        return true;
    }

    @Test
    void component_hasOneValuePerKnowledgeDimension() {
        assertThat(new FeatureSpace(1L).component("addition", "t1", true)).hasSize(KnowledgeState.DIMENSIONS);
        assertThat(KnowledgeState.DIMENSIONS).isEqualTo(100);
    }

    @Test
    void component_isBitIdenticalAcrossInstancesWithTheSameSeed() {
        FeatureSpace a = new FeatureSpace(FeatureSpace.DEFAULT_SEED);
        FeatureSpace b = new FeatureSpace(FeatureSpace.DEFAULT_SEED);
        for (String ex : new String[] {"addition", "fractions", "", "ünïcödé"}) {
            for (boolean correct : new boolean[] {true, false}) {
                assertThat(same(a.component(ex, "t", correct), b.component(ex, "t", correct)))
                        .as("%s/%s", ex, correct).isTrue();
                // and calling twice on one instance too
                assertThat(same(a.component(ex, "t", correct), a.component(ex, "t", correct))).isTrue();
            }
        }
    }

    @Test
    void component_differsWithSeedExerciseProblemTypeOrCorrect() {
        float[] base = new FeatureSpace(1L).component("addition", "t1", true);
        assertThat(same(base, new FeatureSpace(2L).component("addition", "t1", true))).isFalse();
        assertThat(same(base, new FeatureSpace(1L).component("subtraction", "t1", true))).isFalse();
        assertThat(same(base, new FeatureSpace(1L).component("addition", "t2", true))).isFalse();
        assertThat(same(base, new FeatureSpace(1L).component("addition", "", true))).isFalse();
        assertThat(same(base, new FeatureSpace(1L).component("addition", "t1", false))).isFalse();
    }

    @Test
    void component_lengthPrefixingSeparatesExerciseFromProblemType() {
        FeatureSpace s = new FeatureSpace(1L);
        assertThat(same(s.component("ab", "c", true), s.component("a", "bc", true))).isFalse();
        assertThat(same(s.component("abc", "", true), s.component("", "abc", true))).isFalse();
        assertThat(same(s.component("abc", "", true), s.component("ab", "c", true))).isFalse();
    }

    @Test
    void component_followsTheDocumentedGeneration() throws Exception {
        // Javadoc: SHA-256 over (seed, len(exercise), exercise, len(problemType), problemType, correct),
        // first 8 bytes (big-endian) seed java.util.Random; value i = (float) (nextGaussian() / sqrt(100)).
        long seed = 20140101L;
        String exercise = "exponents_1";
        String type = "problem-type-3";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            byte[] e = exercise.getBytes(StandardCharsets.UTF_8);
            byte[] p = type.getBytes(StandardCharsets.UTF_8);
            out.writeLong(seed);
            out.writeInt(e.length);
            out.write(e);
            out.writeInt(p.length);
            out.write(p);
            out.writeByte(0);  // correct = false
        }
        long randomSeed = ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray())).getLong();
        Random r = new Random(randomSeed);
        float[] expected = new float[100];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (float) (r.nextGaussian() * (1.0 / Math.sqrt(100)));
        }
        assertThat(same(new FeatureSpace(seed).component(exercise, type, false), expected)).isTrue();
    }

    @Test
    void components_lookLikeNormalDrawsWithStdOneTenth() throws IOException {
        // 2,000 triples x 100 values = 200,000 draws of N(0, 0.1^2): the sample mean's std is
        // 0.1/sqrt(2e5) ~ 2.2e-4 and the sample std's ~ 0.1/sqrt(4e5) ~ 1.6e-4, so the bounds
        // below are many standard errors wide.
        FeatureSpace s = new FeatureSpace(FeatureSpace.DEFAULT_SEED);
        double sum = 0;
        double sumSq = 0;
        long count = 0;
        Set<Float> firstValues = new HashSet<>();
        for (int t = 0; t < 2_000; t++) {
            float[] c = s.component("exercise_" + (t / 4), "type_" + (t % 2), (t / 2) % 2 == 0);
            assertThat(c).hasSize(100);
            firstValues.add(c[0]);
            double cs = 0;
            double cq = 0;
            for (float v : c) {
                assertThat(Float.isFinite(v)).isTrue();
                sum += v;
                sumSq += (double) v * v;
                cs += v;
                cq += (double) v * v;
                count++;
            }
            // each component alone: length about 1 (sum of squares ~ chi2(100)/100, std ~ 0.14)
            double cStd = Math.sqrt((cq - cs * cs / 100) / 99);
            assertThat(cStd).as("std of component %d", t).isBetween(0.05, 0.15);
        }
        double mean = sum / count;
        double std = Math.sqrt((sumSq - sum * sum / count) / (count - 1));
        assertThat(mean).isBetween(-0.005, 0.005);
        assertThat(std).isBetween(0.095, 0.105);
        // distinct triples give distinct components
        assertThat(firstValues).hasSizeGreaterThan(1_990);
    }

    @Test
    void seed_isPartOfTheRecordIdentity() {
        assertThat(new FeatureSpace(5L)).isEqualTo(new FeatureSpace(5L));
        assertThat(new FeatureSpace(5L)).isNotEqualTo(new FeatureSpace(6L));
        assertThat(new FeatureSpace(FeatureSpace.DEFAULT_SEED).seed()).isEqualTo(20140101L);
    }
}
