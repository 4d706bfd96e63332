package proficio.model.catalogue;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One exercise of the catalogue.
 *
 * @param name          the exercise id, as {@code exercise} in the problem log
 * @param mission       the mission (topic) it belongs to; "" when none
 * @param problemTypes  the problem types (item templates) it has; may be empty
 * @param prerequisites exercises to be at least PRACTICED before a practice task in this one is recommended
 * @param covers        exercises this one covers: while this one is MASTERED they get no review cards of their own
 */
public record Exercise(String name, String mission, List<String> problemTypes, List<String> prerequisites,
                       List<String> covers) {

    /** Longest name accepted, as for exercise ids in the problem log. */
    public static final int MAX_NAME_LENGTH = 256;

    public Exercise {
        checkName("name", name);
        Objects.requireNonNull(mission, "mission");
        if (!mission.isEmpty()) {
            checkName("mission", mission);
        }
        problemTypes = checkList("problemTypes", problemTypes);
        prerequisites = checkList("prerequisites", prerequisites);
        covers = checkList("covers", covers);
    }

    /** An exercise with a mission and nothing else. */
    public static Exercise of(String name, String mission) {
        return new Exercise(name, mission, List.of(), List.of(), List.of());
    }

    /**
     * Checks a name: not blank, at most {@link #MAX_NAME_LENGTH} characters, no leading or trailing
     * whitespace, no control characters, and none of {@code | ,} (the separators of the catalogue file).
     *
     * @throws IllegalArgumentException naming {@code field} and the problem
     */
    public static void checkName(String field, String value) {
        Objects.requireNonNull(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " is blank");
        }
        if (value.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException(field + " is longer than " + MAX_NAME_LENGTH + " characters");
        }
        if (!value.strip().equals(value)) {
            throw new IllegalArgumentException(field + " '" + value + "' has leading or trailing whitespace");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '|' || c == ',' || Character.isISOControl(c)) {
                throw new IllegalArgumentException(field + " '" + value + "' contains "
                        + (Character.isISOControl(c) ? "a control character" : "'" + c + "'")
                        + "; names may not contain '|', ',' or control characters");
            }
        }
    }

    private static List<String> checkList(String field, List<String> values) {
        Objects.requireNonNull(values, field);
        Set<String> seen = new HashSet<>();
        for (String v : values) {
            checkName(field + " item", v);
            if (!seen.add(v)) {
                throw new IllegalArgumentException(field + " lists '" + v + "' twice");
            }
        }
        return List.copyOf(values);
    }
}
