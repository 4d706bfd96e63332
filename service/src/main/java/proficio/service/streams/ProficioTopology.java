package proficio.service.streams;

import java.util.function.Supplier;
import org.apache.kafka.streams.Topology;
import proficio.model.event.ProblemLogValidator;
import proficio.model.mastery.MasteryRules;
import proficio.model.predict.KnowledgeModel;
import proficio.model.state.StateUpdate;
import proficio.service.monitoring.IngestMetrics;
import proficio.service.models.ModelLineup;
import proficio.store.Schemas;

/**
 * Wires the topology: problem-logs → apply → stores (knowledge, sequence, exercise, transitions, quality), with
 * mastery transitions to mastery-transitions and bad records to the dead-letter topic.
 */
public final class ProficioTopology {

    static final String SOURCE = "problem-logs-source";
    static final String APPLY = "apply-problem-log";
    static final String DLQ_SINK = "problem-logs-dlq-sink";
    static final String TRANSITIONS_SINK = "mastery-transitions-sink";

    private ProficioTopology() {
    }

    /**
     * The active model only, no candidate.
     *
     * @param model   the model to predict p with, asked once per applied answer (the active model)
     * @param metrics what the processor reports per record
     */
    public static Topology build(StateUpdate update, ProblemLogValidator validator, Supplier<KnowledgeModel> model,
                                 MasteryRules rules, IngestMetrics metrics) {
        return build(update, validator, rules, () -> ModelLineup.of(model.get()), metrics);
    }

    /**
     * @param models  the active model and the candidate, asked once per applied answer
     * @param metrics what the processor reports per record
     */
    public static Topology build(StateUpdate update, ProblemLogValidator validator, MasteryRules rules,
                                 Supplier<ModelLineup> models, IngestMetrics metrics) {
        Topology t = new Topology();
        t.addSource(SOURCE, Schemas.Topics.KEY.deserializer(), Schemas.Topics.VALUE.deserializer(), Schemas.Topics.PROBLEM_LOGS);
        t.addProcessor(APPLY, () -> new ProblemLogProcessor(update, validator, models, rules, metrics), SOURCE);
        t.addStateStore(Schemas.knowledgeStore(), APPLY);
        t.addStateStore(Schemas.sequenceStore(), APPLY);
        t.addStateStore(Schemas.exerciseStore(), APPLY);
        t.addStateStore(Schemas.transitionsStore(), APPLY);
        t.addStateStore(Schemas.qualityStore(), APPLY);
        t.addSink(DLQ_SINK, Schemas.Topics.PROBLEM_LOGS_DLQ, Schemas.Topics.KEY.serializer(), Schemas.Topics.VALUE.serializer(), APPLY);
        t.addSink(TRANSITIONS_SINK, Schemas.Topics.MASTERY_TRANSITIONS, Schemas.Topics.KEY.serializer(),
                Schemas.Topics.VALUE.serializer(), APPLY);
        return t;
    }
}
