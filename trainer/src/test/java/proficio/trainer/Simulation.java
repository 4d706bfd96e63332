package proficio.trainer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import proficio.model.event.ProblemLog;

/**
 * Simulated students whose true parameters the test chooses: each student has an ability, each
 * exercise a difficulty and a learning gain; the chance of a right answer is
 * {@code sigmoid(ability − difficulty + gain · min(right answers so far in the exercise, 6))}. Students
 * work through exercises one after another, the order shuffled per student. Seeded: the same seed
 * gives the same answers.
 */
public final class Simulation {

    private final double[] difficulty;
    private final double[] gain;
    private final int exercises;
    private final long seed;

    public Simulation(int exercises, long seed) {
        this.exercises = exercises;
        this.seed = seed;
        Random r = new Random(seed);
        difficulty = new double[exercises];
        gain = new double[exercises];
        for (int e = 0; e < exercises; e++) {
            difficulty[e] = 1.2 * r.nextGaussian();
            gain[e] = 0.1 + 0.3 * r.nextDouble();
        }
    }

    public static String exercise(int e) {
        return "ex" + e;
    }

    /**
     * Answers of students {@code from} to {@code from + count - 1}, student by student, in time order.
     *
     * @param perStudent exercises each student works on
     * @param attempts   attempts per exercise
     */
    public List<ProblemLog> students(int from, int count, int perStudent, int attempts) {
        List<ProblemLog> out = new ArrayList<>();
        long t = 1_600_000_000_000L;
        for (int s = from; s < from + count; s++) {
            Random r = new Random(seed * 1_000_003L + s);
            double ability = r.nextGaussian();
            List<Integer> order = new ArrayList<>();
            for (int e = 0; e < exercises; e++) {
                order.add(e);
            }
            java.util.Collections.shuffle(order, r);
            for (int k = 0; k < perStudent; k++) {
                int e = order.get(k);
                int right = 0;
                for (int a = 0; a < attempts; a++) {
                    double z = ability - difficulty[e] + gain[e] * Math.min(right, 6);
                    boolean correct = r.nextDouble() < 1 / (1 + Math.exp(-z));
                    right += correct ? 1 : 0;
                    t += 1000;
                    out.add(ProblemLog.practice("s" + s + "-" + out.size(), "s" + s, exercise(e),
                            "p" + r.nextInt(3), correct, t));
                }
            }
        }
        return out;
    }

    /** The answers as a Gervet TSV file (user_id item_id timestamp correct skill_id), timestamps 0: file order is time. */
    public static Path writeGervet(List<ProblemLog> logs, Path file) throws IOException {
        StringBuilder sb = new StringBuilder("user_id\titem_id\ttimestamp\tcorrect\tskill_id\n");
        for (ProblemLog l : logs) {
            sb.append(l.studentId()).append('\t').append(l.problemType()).append("\t0\t").append(l.correct() ? 1 : 0)
                    .append('\t').append(l.exercise()).append('\n');
        }
        return Files.writeString(file, sb);
    }
}
