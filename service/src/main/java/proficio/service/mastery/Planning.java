package proficio.service.mastery;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import proficio.model.catalogue.Exercise;
import proficio.model.mastery.MasteryChallenge;
import proficio.model.mastery.MasteryPlanner;
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

    private static final Comparator<RankedExercise> HIGHEST_P_FIRST =
            Comparator.comparingDouble(RankedExercise::p).reversed().thenComparing(RankedExercise::exercise);

    private Planning() {
    }

    /** p per exercise for {@code student} (a snapshot of all their exercises), through the model's one code path. */
    public static ToDoubleFunction<String> predictions(KnowledgeModel model, StudentSnapshot student) {
        KnowledgeModel.Unattempted unattempted = model.unattempted(student);
        return exercise -> student.exercise(exercise).isEmpty()
                ? unattempted.probability(exercise)
                : model.predict(exercise, "", student).probability();
    }

    public static MasteryChallenge nextChallenge(MasteryPlanner planner, KnowledgeModel model, StudentSnapshot student,
                                                 long asOfMs) {
        return planner.nextChallenge(student.studentId(), student.mastery(), predictions(model, student), asOfMs);
    }

    public static List<RankedExercise> challengeCards(MasteryPlanner planner, KnowledgeModel model,
                                                      StudentSnapshot student, int limit) {
        return planner.challengeCards(student.mastery(), predictions(model, student), limit);
    }

    public static List<RankedExercise> practiceTasks(MasteryPlanner planner, KnowledgeModel model,
                                                     StudentSnapshot student, String mission, int limit) {
        return planner.recommendedPractice(mission, student.mastery(), predictions(model, student), limit);
    }

    /**
     * Every catalogue exercise and every exercise the student attempted, highest p first (ties by
     * name), at most {@code limit} (0: all).
     */
    public static List<RankedExercise> rankAll(MasteryPlanner planner, KnowledgeModel model, StudentSnapshot student,
                                               int limit) {
        ToDoubleFunction<String> p = predictions(model, student);
        Set<String> seen = new HashSet<>();
        List<RankedExercise> all = new ArrayList<>(planner.catalogue().size() + student.exercises().size());
        for (Exercise e : planner.catalogue().exercises()) {
            if (seen.add(e.name())) {
                all.add(new RankedExercise(e.name(), p.applyAsDouble(e.name()), student.masteryOf(e.name()).level()));
            }
        }
        for (String e : student.exercises().keySet()) {
            if (seen.add(e)) {
                all.add(new RankedExercise(e, p.applyAsDouble(e), student.masteryOf(e).level()));
            }
        }
        all.sort(HIGHEST_P_FIRST);
        return limit > 0 && limit < all.size() ? all.subList(0, limit) : all;
    }
}
