package proficio.model.quality;

/** The part a model plays when it scores an answer. */
public enum ModelRole {
    /** The model answering: its p is the one served (and the one the mastery rules used). */
    ACTIVE,
    /** Scored in the shadow of the active model, on the same answers, until promoted or dropped. */
    CANDIDATE
}
