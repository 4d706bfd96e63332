package proficio.loadtest.mastery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import proficio.model.catalogue.Exercise;
import proficio.model.catalogue.ExerciseCatalogue;
import proficio.model.event.CardType;
import proficio.model.event.ProblemLog;
import proficio.model.predict.KnowledgeModel;
import proficio.model.predict.Provenance;
import proficio.model.predict.Theta;
import proficio.proto.DefaultModel;
import proficio.proto.InvalidArtifactException;
import proficio.proto.ModelArtifacts;

/**
 * The benchmark's input, the same for the same seed and anchor time: a catalogue of {@code size}
 * exercises in missions of {@link #MISSION_SIZE}, with prerequisites and covering relations, and the
 * answers of one benchmarked student who attempted {@code attempted} of them, plus a few other students.
 *
 * <p>The benchmarked student's exercises end in a mix of levels (docs in loadtest/README.md):
 * <ul>
 *   <li>half only practised (3 to 12 answers, about 60 % right, never 5 in a row: UNPRACTICED, some
 *       struggling);</li>
 *   <li>a third PRACTICED recently (5 right in the last 16 h: no mastery card yet), except
 *       {@link #AVAILABLE_MASTERY} practised 2 days ago (mastery card available);</li>
 *   <li>the rest MASTERED by a right challenge card (their only answer) 1 to 3 days ago, so their
 *       first review (after 4 days at the least) is not due, except {@link #DUE_REVIEWS} mastered 40
 *       days ago (review due).</li>
 * </ul>
 * So the next challenge holds one review and one mastery card and then must scan the catalogue for
 * challenge cards: the expensive path, not the one a full page of due reviews or mastery cards would
 * take. The MASTERED group is reached by a challenge card, whatever the model predicts; reached by a
 * mastery card it would depend on p (a mastery card at a modest p moves one level up, and leaves
 * another mastery card available 16 h later: a page of those needs no scan at all).
 */
public final class BenchData {

    public static final int MISSION_SIZE = 50;
    public static final int DUE_REVIEWS = 1;
    public static final int AVAILABLE_MASTERY = 1;
    static final long HOUR = 3_600_000L;
    static final long DAY = 24 * HOUR;

    private final ExerciseCatalogue catalogue;
    private final List<ProblemLog> studentAnswers;
    private final List<ProblemLog> otherAnswers;
    private final String student;
    private final int attempted;

    private BenchData(ExerciseCatalogue catalogue, String student, int attempted, List<ProblemLog> studentAnswers,
                      List<ProblemLog> otherAnswers) {
        this.catalogue = catalogue;
        this.student = student;
        this.attempted = attempted;
        this.studentAnswers = studentAnswers;
        this.otherAnswers = otherAnswers;
    }

    /**
     * @param size        catalogue exercises
     * @param attempted   exercises the benchmarked student answered in (at most {@code size})
     * @param others      other students, 40 practice answers each
     * @param seed        everything random comes from it
     * @param anchorMs    "now": every answer's time is before it
     */
    public static BenchData generate(int size, int attempted, int others, long seed, long anchorMs) {
        if (size < 1 || attempted < 0 || attempted > size || others < 0) {
            throw new IllegalArgumentException("need 1 <= size, 0 <= attempted <= size, others >= 0; got size " + size
                    + ", attempted " + attempted + ", others " + others);
        }
        Random r = new Random(seed);
        ExerciseCatalogue catalogue = catalogue(size, r);
        String student = "bench-student";
        List<String> names = new ArrayList<>(catalogue.exercises().stream().map(Exercise::name).toList());
        Collections.shuffle(names, r);
        List<String> chosen = names.subList(0, attempted);
        Ids ids = new Ids(seed);
        List<ProblemLog> mine = new ArrayList<>();
        int practisedOnly = attempted / 2;
        int practiced = attempted / 3;
        for (int i = 0; i < attempted; i++) {
            String e = chosen.get(i);
            if (i < practisedOnly) {
                long t = anchorMs - (1 + r.nextInt(20)) * DAY;
                int n = 3 + r.nextInt(10);
                for (int k = 0; k < n; k++) { // every fourth wrong: never 5 right in a row, stays UNPRACTICED
                    boolean right = k % 4 != 3 && r.nextDouble() < 0.8;
                    mine.add(answer(ids, student, e, right, t + k * 60_000L, CardType.PRACTICE));
                }
            } else if (i < practisedOnly + practiced) {
                boolean available = i - practisedOnly < AVAILABLE_MASTERY;
                long t = anchorMs - (available ? 2 * DAY : (1 + r.nextInt(12)) * HOUR);
                rightInARow(ids, mine, student, e, t, 5);
            } else {
                boolean due = i - practisedOnly - practiced < DUE_REVIEWS;
                long t = anchorMs - (due ? 40 * DAY : (1 + r.nextInt(3)) * DAY);
                mine.add(answer(ids, student, e, true, t, CardType.CHALLENGE));
            }
        }
        mine.sort(Comparator.comparingLong(ProblemLog::timeDoneMs)); // as the platform would have logged them
        List<ProblemLog> theirs = new ArrayList<>();
        for (int s = 0; s < others; s++) {
            String other = "other-student-" + s;
            long t = anchorMs - 10 * DAY;
            for (int k = 0; k < 40; k++) {
                theirs.add(answer(ids, other, names.get(r.nextInt(names.size())), r.nextDouble() < 0.7,
                        t + k * 600_000L, CardType.PRACTICE));
            }
        }
        return new BenchData(catalogue, student, attempted, List.copyOf(mine), List.copyOf(theirs));
    }

    /**
     * Missions of {@link #MISSION_SIZE} exercises; each exercise after the first of its mission has one
     * or two prerequisites among the earlier ones of the mission; one in five covers an earlier one.
     * Edges only point to earlier exercises, so neither relation has a cycle.
     */
    static ExerciseCatalogue catalogue(int size, Random r) {
        List<Exercise> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            int mission = i / MISSION_SIZE;
            int first = mission * MISSION_SIZE;
            List<String> prerequisites = new ArrayList<>();
            List<String> covers = new ArrayList<>();
            if (i > first) {
                int n = 1 + r.nextInt(2);
                for (int k = 0; k < n; k++) {
                    String p = name(first + r.nextInt(i - first));
                    if (!prerequisites.contains(p)) {
                        prerequisites.add(p);
                    }
                }
                if (r.nextInt(5) == 0) {
                    covers.add(name(first + r.nextInt(i - first)));
                }
            }
            out.add(new Exercise(name(i), String.format("mission_%03d", mission),
                    List.of("type_a", "type_b"), prerequisites, covers));
        }
        return ExerciseCatalogue.of(out);
    }

    static String name(int i) {
        return String.format("exercise_%05d", i);
    }

    private static void rightInARow(Ids ids, List<ProblemLog> out, String student, String e, long t, int n) {
        for (int k = 0; k < n; k++) {
            out.add(answer(ids, student, e, true, t + k * 60_000L, CardType.PRACTICE));
        }
    }

    private static ProblemLog answer(Ids ids, String student, String exercise, boolean correct, long t, CardType card) {
        return new ProblemLog(ids.next(), student, exercise, "type_a", 0, correct, t, 30_000, 0, correct ? 1 : 2,
                card, "");
    }

    public ExerciseCatalogue catalogue() {
        return catalogue;
    }

    /** The benchmarked student's id. */
    public String student() {
        return student;
    }

    public int attempted() {
        return attempted;
    }

    /** The benchmarked student's answers, in time order. */
    public List<ProblemLog> studentAnswers() {
        return studentAnswers;
    }

    /** The other students' answers, each student's in time order. */
    public List<ProblemLog> otherAnswers() {
        return otherAnswers;
    }

    /** Event ids unique to a seed, so two runs on one broker do not look like retries of each other. */
    private static final class Ids {
        private final long seed;
        private int next;

        Ids(long seed) {
            this.seed = seed;
        }

        String next() {
            return "bench-" + seed + "-" + next++;
        }
    }

    /**
     * A model like one the trainer fits for this catalogue: the default model's global theta, and a theta
     * of its own for every catalogue exercise (the global one plus N(0, 0.3) per weight, from
     * {@code seed}), so every never-attempted exercise costs a real dot product and the p's differ.
     */
    static KnowledgeModel trainedModel(ExerciseCatalogue catalogue, long seed) throws InvalidArtifactException {
        KnowledgeModel base = ModelArtifacts.toModel(DefaultModel.artifact());
        Random r = new Random(seed ^ 0x5eedL);
        Map<String, Theta> thetas = new HashMap<>();
        double[] global = base.globalTheta().toArray();
        for (Exercise e : catalogue.exercises()) {
            double[] w = global.clone();
            for (int i = 0; i < w.length; i++) {
                w[i] += r.nextGaussian() * 0.3;
            }
            thetas.put(e.name(), Theta.of(w));
        }
        return new KnowledgeModel("bench-" + catalogue.size() + "-" + seed, base.featureSpace(), base.featureSet(),
                base.globalTheta(), thetas, new Provenance(0, "mastery bench: generated around the default model", 0, null))
                .atFloatPrecision(); // as the trainer publishes its thetas
    }
}
