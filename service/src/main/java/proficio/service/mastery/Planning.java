package proficio.service.mastery;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import proficio.model.catalogue.Exercise;
import proficio.model.mastery.MasteryChallenge;
import proficio.model.mastery.MasteryPlanner;
import proficio.model.mastery.MasteryState;
import proficio.model.mastery.RankedExercise;
import proficio.model.predict.KnowledgeModel;
import proficio.store.StudentSnapshot;

/**
 * The planner's calls for one student, fed with the active model's predictions. Plain code: the
 * gRPC layer validates and maps; the numbers come from {@code model}.
 *
 * <p>Predictions: an exercise the student attempted is predicted from its own state
 * ({@link KnowledgeModel#predict}); every never-attempted exercise shares one feature vector, built
 * once per call ({@link KnowledgeModel#unattempted}), so a 5,000-exercise catalogue costs one
 * vector and 5,000 dot products.
 */
public final class Planning {

    /** p descending, then name; written out rather than composed, as it runs n log n times per RankExercises. */
    private static final Comparator<RankedExercise> HIGHEST_P_FIRST = (a, b) -> {
        int byP = Double.compare(b.p(), a.p());
        return byP != 0 ? byP : a.exercise().compareTo(b.exercise());
    };

    private Planning() {
    }

    /**
     * p per exercise for {@code student} (a snapshot of all their exercises), through the model's one code
     * path. The attempted exercises are put in a hash set once: the planner asks for every catalogue
     * exercise, and the snapshot's sorted map would cost a string-comparing tree walk each time.
     */
    public static ToDoubleFunction<String> predictions(KnowledgeModel model, StudentSnapshot student) {
        KnowledgeModel.Unattempted unattempted = model.unattempted(student);
        Set<String> attempted = HashSet.newHashSet(student.exercises().size());
        student.exercises().forEach((e, state) -> {
            if (!state.isEmpty()) {
                attempted.add(e);
            }
        });
        return exercise -> attempted.contains(exercise)
                ? model.predict(exercise, "", student).probability()
                : unattempted.probability(exercise);
    }

    /** The student's mastery states in a hash map: the planner looks up every catalogue exercise in it. */
    private static Map<String, MasteryState> states(StudentSnapshot student) {
        return new HashMap<>(student.mastery());
    }

    public static MasteryChallenge nextChallenge(MasteryPlanner planner, KnowledgeModel model, StudentSnapshot student,
                                                 long asOfMs) {
        return planner.nextChallenge(student.studentId(), states(student), predictions(model, student), asOfMs);
    }

    public static List<RankedExercise> challengeCards(MasteryPlanner planner, KnowledgeModel model,
                                                      StudentSnapshot student, int limit) {
        return planner.challengeCards(states(student), predictions(model, student), limit);
    }

    public static List<RankedExercise> practiceTasks(MasteryPlanner planner, KnowledgeModel model,
                                                     StudentSnapshot student, String mission, int limit) {
        return planner.recommendedPractice(mission, states(student), predictions(model, student), limit);
    }

    /**
     * Every catalogue exercise and every exercise the student attempted, highest p first (ties by
     * name), at most {@code limit} (0: all).
     *
     * <p>The hot path of RankExercises (bench/mastery): the attempted exercises are predicted once into
     * a hash map, then each catalogue exercise costs one hash lookup and, when never attempted, one dot
     * product. Catalogue names are unique, so nothing else needs de-duplicating.
     */
    public static List<RankedExercise> rankAll(MasteryPlanner planner, KnowledgeModel model, StudentSnapshot student,
                                               int limit) {
        KnowledgeModel.Unattempted unattempted = model.unattempted(student);
        Map<String, RankedExercise> attempted = HashMap.newHashMap(student.exercises().size());
        for (String e : student.exercises().keySet()) {
            double p = student.exercise(e).isEmpty()
                    ? unattempted.probability(e)
                    : model.predict(e, "", student).probability();
            attempted.put(e, new RankedExercise(e, p, student.masteryOf(e).level()));
        }
        List<RankedExercise> all = new ArrayList<>(planner.catalogue().size() + attempted.size());
        for (Exercise e : planner.catalogue().exercises()) {
            RankedExercise own = attempted.remove(e.name());
            all.add(own != null ? own
                    : new RankedExercise(e.name(), unattempted.probability(e.name()), MasteryState.INITIAL.level()));
        }
        all.addAll(attempted.values()); // attempted, not in the catalogue
        all.sort(HIGHEST_P_FIRST);
        return limit > 0 && limit < all.size() ? all.subList(0, limit) : all;
    }
}
