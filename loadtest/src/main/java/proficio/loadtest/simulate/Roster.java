package proficio.loadtest.simulate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who answered in which exercises, noted from the answers as they are sent: the students and
 * exercises the serving load then asks about, and the figures of the state report.
 */
public final class Roster {

    private final Map<String, Set<String>> exercisesByStudent = new LinkedHashMap<>();
    private long answers;

    public void note(SourcedAnswer a) {
        exercisesByStudent.computeIfAbsent(a.log().studentId(), k -> new LinkedHashSet<>()).add(a.log().exercise());
        answers++;
    }

    public int students() {
        return exercisesByStudent.size();
    }

    public long answers() {
        return answers;
    }

    public List<String> studentIds() {
        return new ArrayList<>(exercisesByStudent.keySet());
    }

    /** The exercises the student answered in, in the order first answered. */
    public List<String> exercisesOf(String student) {
        return List.copyOf(exercisesByStudent.getOrDefault(student, Set.of()));
    }

    public double meanExercisesPerStudent() {
        return exercisesByStudent.isEmpty() ? 0
                : exercisesByStudent.values().stream().mapToInt(Set::size).average().orElse(0);
    }
}
