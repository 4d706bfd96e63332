package proficio.service.streams;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import proficio.model.event.ProblemLog;
import proficio.model.event.ProblemLogValidator;
import proficio.model.event.Violation;
import proficio.model.state.ExerciseState;
import proficio.model.state.KnowledgeState;
import proficio.model.state.StateUpdate;
import proficio.proto.ProblemLogs;
import proficio.store.ExerciseKey;
import proficio.store.Schemas;

/**
 * Folds one ProblemLog into the student's stores: decode, validate, read the exercise state, call
 * {@link StateUpdate}, write back. Records that cannot be applied go to the dead-letter sink with
 * the reason; the task keeps running.
 *
 * <p>Per event: one read and one write of the exercise state; the KnowledgeState is read and
 * written only on a student's first answer in an exercise, the only time it changes.
 */
final class ProblemLogProcessor implements Processor<String, byte[], String, byte[]> {

    private final StateUpdate update;
    private final ProblemLogValidator validator;

    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, KnowledgeState> knowledge;
    private KeyValueStore<ExerciseKey, ExerciseState> exercises;

    ProblemLogProcessor(StateUpdate update, ProblemLogValidator validator) {
        this.update = update;
        this.validator = validator;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.knowledge = context.getStateStore(Schemas.KNOWLEDGE_STORE);
        this.exercises = context.getStateStore(Schemas.EXERCISE_STORE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        ProblemLog log;
        try {
            if (record.value() == null) {
                deadLetter(record, new DeadLetter(DeadLetter.UNDECODABLE, "", "record has no value"));
                return;
            }
            log = ProblemLogs.toModel(proficio.proto.v1.ProblemLog.parseFrom(record.value()));
        } catch (InvalidProtocolBufferException | ArithmeticException e) {
            deadLetter(record, new DeadLetter(DeadLetter.UNDECODABLE, "", "not a proficio.v1.ProblemLog: " + e.getMessage()));
            return;
        }
        Optional<Violation> violation = validator.validate(log, record.key(), record.timestamp());
        if (violation.isPresent()) {
            deadLetter(record, new DeadLetter(DeadLetter.INVALID, violation.get().field(), violation.get().toString()));
            return;
        }
        apply(log);
    }

    private void apply(ProblemLog log) {
        ExerciseKey key = new ExerciseKey(log.studentId(), log.exercise());
        ExerciseState exercise = orElse(exercises.get(key), ExerciseState.EMPTY);
        // The KnowledgeState only changes on a first answer, so only then is it worth reading.
        KnowledgeState before = exercise.isEmpty() ? orElse(knowledge.get(log.studentId()), KnowledgeState.zero()) : null;
        StateUpdate.Outcome outcome = update.apply(before != null ? before : KnowledgeState.zero(), exercise, log);
        if (outcome.duplicate()) {
            return;
        }
        exercises.put(key, outcome.exercise());
        if (outcome.knowledgeChanged()) {
            knowledge.put(log.studentId(), outcome.knowledge());
        }
    }

    private void deadLetter(Record<String, byte[]> record, DeadLetter why) {
        RecordMetadata source = context.recordMetadata().orElseThrow();
        context.forward(record.withHeaders(why.headers(record.headers(), source)), ProficioTopology.DLQ_SINK);
    }

    private static <T> T orElse(T value, T dflt) {
        return value != null ? value : dflt;
    }
}
