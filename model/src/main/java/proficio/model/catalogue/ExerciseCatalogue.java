package proficio.model.catalogue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * The exercises a learning platform serves, with their missions, problem types, prerequisites and
 * covering relations. Immutable: a reload builds a new one and swaps it in.
 *
 * <p>Checked on construction: names unique; every prerequisite and covered exercise is in the
 * catalogue and is not the exercise itself; neither prerequisites nor covers form a cycle. Answers
 * for exercises missing from the catalogue are still applied elsewhere; they just lack catalogue data.
 */
public final class ExerciseCatalogue {

    public static final ExerciseCatalogue EMPTY = new ExerciseCatalogue(List.of());

    private final List<Exercise> exercises;
    private final Map<String, Integer> indexByName;
    private final Map<String, List<Exercise>> byMission;
    private final Map<String, List<String>> coveredBy;

    private ExerciseCatalogue(List<Exercise> exercises) {
        this.exercises = List.copyOf(exercises);
        Map<String, Integer> index = new HashMap<>(exercises.size() * 2);
        Map<String, List<Exercise>> missions = new LinkedHashMap<>();
        Map<String, List<String>> covered = new HashMap<>();
        for (int i = 0; i < this.exercises.size(); i++) {
            Exercise e = this.exercises.get(i);
            index.put(e.name(), i);
            missions.computeIfAbsent(e.mission(), m -> new ArrayList<>()).add(e);
            for (String c : e.covers()) {
                covered.computeIfAbsent(c, k -> new ArrayList<>()).add(e.name());
            }
        }
        missions.replaceAll((m, list) -> List.copyOf(list));
        covered.replaceAll((c, list) -> List.copyOf(list));
        this.indexByName = Collections.unmodifiableMap(index);
        this.byMission = Collections.unmodifiableMap(missions);
        this.coveredBy = Collections.unmodifiableMap(covered);
    }

    /**
     * A catalogue of {@code exercises}, in that order.
     *
     * @throws IllegalArgumentException naming the exercise and the first problem found
     */
    public static ExerciseCatalogue of(List<Exercise> exercises) {
        List<Problem> problems = problems(exercises, i -> "position " + (i + 1));
        if (!problems.isEmpty()) {
            Problem first = problems.get(0);
            throw new IllegalArgumentException("exercise '" + exercises.get(first.index()).name() + "': "
                    + first.message());
        }
        return new ExerciseCatalogue(exercises);
    }

    public List<Exercise> exercises() {
        return exercises;
    }

    public int size() {
        return exercises.size();
    }

    public boolean contains(String name) {
        return indexByName.containsKey(name);
    }

    /** The position of {@code name} in catalogue order, or -1 when it is not in the catalogue. */
    public int indexOf(String name) {
        Integer i = indexByName.get(name);
        return i == null ? -1 : i;
    }

    public Optional<Exercise> find(String name) {
        Integer i = indexByName.get(name);
        return i == null ? Optional.empty() : Optional.of(exercises.get(i));
    }

    /** The exercise at {@code index} in catalogue order. */
    public Exercise get(int index) {
        return exercises.get(index);
    }

    /** The missions, in order of first appearance; "" stands for exercises without a mission. */
    public Set<String> missions() {
        return byMission.keySet();
    }

    /** The exercises of {@code mission}, in catalogue order; empty for an unknown mission. */
    public List<Exercise> inMission(String mission) {
        return byMission.getOrDefault(mission, List.of());
    }

    /** The exercises that cover {@code exercise}, in catalogue order; empty when none does. */
    public List<String> coveredBy(String exercise) {
        return coveredBy.getOrDefault(exercise, List.of());
    }

    /** Whether any exercise covers another; lets a planner skip the covering check altogether. */
    public boolean hasCovering() {
        return !coveredBy.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExerciseCatalogue other && exercises.equals(other.exercises);
    }

    @Override
    public int hashCode() {
        return exercises.hashCode();
    }

    @Override
    public String toString() {
        return "ExerciseCatalogue[" + exercises.size() + " exercises, " + byMission.size() + " missions]";
    }

    /** A problem with the exercise at {@code index} of the list checked. */
    record Problem(int index, String message) {
    }

    /** A cycle closed by the edge from exercise {@code from} to exercise {@code to} (list indices). */
    record BackEdge(int from, int to, List<String> cycle) {
    }

    /**
     * Every problem with {@code exercises}, grouped by kind (names, references, cycles), each in list order.
     *
     * @param place names the place of the exercise at a list index in messages ("line 7")
     */
    static List<Problem> problems(List<Exercise> exercises, IntFunction<String> place) {
        Objects.requireNonNull(exercises, "exercises");
        List<Problem> problems = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>(exercises.size() * 2);
        for (int i = 0; i < exercises.size(); i++) {
            Exercise e = Objects.requireNonNull(exercises.get(i), "exercise " + i);
            Integer before = index.putIfAbsent(e.name(), i);
            if (before != null) {
                problems.add(new Problem(i, "listed twice (first on " + place.apply(before) + ")"));
            }
        }
        if (!problems.isEmpty()) {
            return problems;
        }
        for (int i = 0; i < exercises.size(); i++) {
            Exercise e = exercises.get(i);
            references(problems, i, e, "prerequisite", e.prerequisites(), index);
            references(problems, i, e, "covered exercise", e.covers(), index);
        }
        if (!problems.isEmpty()) {
            return problems;
        }
        for (BackEdge b : backEdges(exercises, index, Exercise::prerequisites)) {
            problems.add(new Problem(b.from(), "prerequisite cycle: " + String.join(" -> ", b.cycle())));
        }
        for (BackEdge b : backEdges(exercises, index, Exercise::covers)) {
            problems.add(new Problem(b.from(), "covering cycle: " + String.join(" -> ", b.cycle())));
        }
        return problems;
    }

    private static void references(List<Problem> problems, int i, Exercise e, String what, List<String> names,
                                   Map<String, Integer> index) {
        for (String name : names) {
            if (name.equals(e.name())) {
                problems.add(new Problem(i, what + " '" + name + "' is the exercise itself"));
            } else if (!index.containsKey(name)) {
                problems.add(new Problem(i, what + " '" + name + "' is not in the catalogue"));
            }
        }
    }

    /**
     * The edges that close a cycle, found by a depth-first search in list order (deterministic).
     * Removing all of them leaves no cycle. References to unknown exercises are ignored.
     */
    static List<BackEdge> backEdges(List<Exercise> exercises, Map<String, Integer> index,
                                    Function<Exercise, List<String>> edges) {
        int n = exercises.size();
        byte[] colour = new byte[n]; // 0 unseen, 1 on the current path, 2 done
        int[] nextChild = new int[n];
        int[] path = new int[n];
        List<BackEdge> found = new ArrayList<>();
        for (int root = 0; root < n; root++) {
            if (colour[root] != 0) continue;
            int depth = 0;
            path[depth++] = root;
            colour[root] = 1;
            while (depth > 0) {
                int u = path[depth - 1];
                List<String> children = edges.apply(exercises.get(u));
                if (nextChild[u] < children.size()) {
                    Integer v = index.get(children.get(nextChild[u]++));
                    if (v == null) continue;
                    if (colour[v] == 0) {
                        colour[v] = 1;
                        path[depth++] = v;
                    } else if (colour[v] == 1) {
                        List<String> cycle = new ArrayList<>();
                        int start = depth - 1;
                        while (path[start] != v) start--;
                        for (int k = start; k < depth; k++) cycle.add(exercises.get(path[k]).name());
                        cycle.add(exercises.get(v).name());
                        found.add(new BackEdge(u, v, List.copyOf(cycle)));
                    }
                } else {
                    colour[u] = 2;
                    depth--;
                }
            }
        }
        return found;
    }
}
