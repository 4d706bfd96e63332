package proficio.service.query;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import proficio.model.predict.KnowledgeModel;
import proficio.model.predict.Prediction;
import proficio.store.StudentSnapshot;

/** Predictions for a student from a snapshot of their state, through the model's one code path. */
public final class Predictions {

    private Predictions() {
    }

    /**
     * For the named exercises, in the order given.
     *
     * @param problemType the next problem's type when known (its difficulty offset applies), else ""
     */
    public static List<Prediction> of(KnowledgeModel model, StudentSnapshot student, Collection<String> exercises,
                                      String problemType) {
        List<Prediction> out = new ArrayList<>(exercises.size());
        for (String e : exercises) {
            out.add(model.predict(e, problemType, student));
        }
        return out;
    }

    /**
     * Every exercise known for this student: the ones they attempted and the ones the model has a
     * theta for, by name. (The exercise catalogue joins this set when it exists.)
     */
    public static List<Prediction> ofAllKnown(KnowledgeModel model, StudentSnapshot student) {
        TreeSet<String> all = new TreeSet<>(student.exercises().keySet());
        all.addAll(model.exerciseThetas().keySet());
        return of(model, student, all, "");
    }
}
