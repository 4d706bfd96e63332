package proficio.service.streams;

import org.apache.kafka.streams.Topology;
import proficio.model.event.ProblemLogValidator;
import proficio.model.state.StateUpdate;
import proficio.store.Schemas;

/** Wires the topology: problem-logs → apply → stores, with bad records to the dead-letter topic. */
public final class ProficioTopology {

    static final String SOURCE = "problem-logs-source";
    static final String APPLY = "apply-problem-log";
    static final String DLQ_SINK = "problem-logs-dlq-sink";

    private ProficioTopology() {
    }

    public static Topology build(StateUpdate update, ProblemLogValidator validator) {
        Topology t = new Topology();
        t.addSource(SOURCE, Schemas.Topics.KEY.deserializer(), Schemas.Topics.VALUE.deserializer(), Schemas.Topics.PROBLEM_LOGS);
        t.addProcessor(APPLY, () -> new ProblemLogProcessor(update, validator), SOURCE);
        t.addStateStore(Schemas.knowledgeStore(), APPLY);
        t.addStateStore(Schemas.exerciseStore(), APPLY);
        t.addSink(DLQ_SINK, Schemas.Topics.PROBLEM_LOGS_DLQ, Schemas.Topics.KEY.serializer(), Schemas.Topics.VALUE.serializer(), APPLY);
        return t;
    }
}
