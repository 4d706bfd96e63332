package proficio.loadtest.simulate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import proficio.model.catalogue.Exercise;
import proficio.model.catalogue.ExerciseCatalogue;

/**
 * What the simulated learners study: topics of exercises, each exercise with a difficulty and a few
 * problem types (item templates) a little easier or harder than the exercise. Within a topic the
 * exercises get harder, and each one's prerequisite is the one before it, as in a mission of the
 * learning dashboard. The same seed gives the same curriculum.
 */
public record Curriculum(List<Topic> topics) {

    /** One mission: exercises in the order they are learnt. */
    public record Topic(String name, List<SimExercise> exercises) {
        public Topic {
            exercises = List.copyOf(exercises);
        }
    }

    /**
     * @param topic      index of its topic
     * @param position   index within the topic
     * @param difficulty on the logit scale of the learners' ability
     */
    public record SimExercise(String name, int topic, int position, double difficulty, List<ProblemType> problemTypes) {
        public SimExercise {
            problemTypes = List.copyOf(problemTypes);
        }
    }

    /** @param offset added to the exercise's difficulty for a problem of this type */
    public record ProblemType(String name, double offset) {
    }

    public Curriculum {
        topics = List.copyOf(topics);
    }

    /** {@code topics} topics of {@code perTopic} exercises, all drawn from {@code seed}. */
    public static Curriculum generate(int topics, int perTopic, long seed) {
        if (topics < 1 || perTopic < 1) {
            throw new IllegalArgumentException("topics and perTopic must be at least 1, got " + topics + " and " + perTopic);
        }
        SplittableRandom r = new SplittableRandom(seed);
        List<Topic> out = new ArrayList<>(topics);
        for (int t = 0; t < topics; t++) {
            String topic = String.format(Locale.ROOT, "topic-%03d", t);
            List<SimExercise> exercises = new ArrayList<>(perTopic);
            for (int i = 0; i < perTopic; i++) {
                // From about -1 (the first, easy) to +1 (the last), with some noise.
                double ramp = perTopic == 1 ? 0 : -1 + 2.0 * i / (perTopic - 1);
                double difficulty = ramp + r.nextGaussian() * 0.3;
                String name = String.format(Locale.ROOT, "%s-ex-%03d", topic, i);
                int types = 1 + r.nextInt(4);
                List<ProblemType> pts = new ArrayList<>(types);
                for (int k = 0; k < types; k++) {
                    pts.add(new ProblemType(name + "-type-" + k, r.nextGaussian() * 0.4));
                }
                exercises.add(new SimExercise(name, t, i, difficulty, pts));
            }
            out.add(new Topic(topic, exercises));
        }
        return new Curriculum(out);
    }

    public int size() {
        return topics.stream().mapToInt(t -> t.exercises().size()).sum();
    }

    public SimExercise exercise(int topic, int position) {
        return topics.get(topic).exercises().get(position);
    }

    /** The catalogue the service plans with: missions = topics, each exercise's prerequisite the one before it. */
    public ExerciseCatalogue toCatalogue() {
        List<Exercise> all = new ArrayList<>(size());
        for (Topic t : topics) {
            SimExercise before = null;
            for (SimExercise e : t.exercises()) {
                all.add(new Exercise(e.name(), t.name(), e.problemTypes().stream().map(ProblemType::name).toList(),
                        before == null ? List.of() : List.of(before.name()), List.of()));
                before = e;
            }
        }
        return ExerciseCatalogue.of(all);
    }
}
