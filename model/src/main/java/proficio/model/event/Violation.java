package proficio.model.event;

/**
 * Why an event cannot be applied: the field at fault and the reason, in words a person can act on.
 *
 * @param field  the ProblemLog field name as it appears on the wire (snake_case)
 * @param reason what is wrong with it
 */
public record Violation(String field, String reason) {
    @Override
    public String toString() {
        return field + ": " + reason;
    }
}
