package proficio.trainer.input;

import proficio.model.event.ProblemLog;

/** Receives the events that passed validation and belong to this worker, each student's in order. */
@FunctionalInterface
public interface EventSink {

    /**
     * @param log     a valid event
     * @param holdOut true when it comes from a hold-out source (a test file): its row is for evaluation only
     */
    void accept(ProblemLog log, boolean holdOut);
}
