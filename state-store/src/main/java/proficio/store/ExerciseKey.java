package proficio.store;

import java.util.Objects;

/**
 * Key of the {@code exercise} store: one student's state in one exercise. Serialised as
 * {@code varint(len(student)) student exercise} (UTF-8), so all of a student's exercises sit side by
 * side in RocksDB and one prefix scan reads them, and no student id is a prefix of another's.
 */
public record ExerciseKey(String studentId, String exercise) {
    public ExerciseKey {
        Objects.requireNonNull(studentId, "studentId");
        Objects.requireNonNull(exercise, "exercise");
    }
}
