package proficio.service.streams;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import proficio.model.event.ProblemLog;
import proficio.model.event.ProblemLogValidator;
import proficio.model.event.Violation;
import proficio.model.feature.StudentView;
import proficio.model.mastery.Answer;
import proficio.model.mastery.MasteryRules;
import proficio.model.mastery.Transition;
import proficio.model.predict.KnowledgeModel;
import proficio.model.predict.Prediction;
import proficio.model.quality.ModelRole;
import proficio.model.state.KnowledgeState;
import proficio.model.state.StateUpdate;
import proficio.model.state.StudentSequence;
import proficio.proto.MasteryTransitions;
import proficio.proto.ProblemLogs;
import proficio.service.monitoring.IngestMetrics;
import proficio.service.models.ModelLineup;
import proficio.store.ExerciseKey;
import proficio.store.Schemas;
import proficio.store.StoredExercise;
import proficio.store.StudentSnapshot;
import proficio.store.StudentStateReader;
import proficio.store.TransitionKey;

/**
 * Folds one ProblemLog into the student's stores: decode, validate, read the exercise state, call
 * {@link StateUpdate}, predict p just before the answer with the active model, call
 * {@link MasteryRules}, write the exercise and mastery states back together, and store every
 * transition in the {@code transitions} store and forward it to {@code mastery-transitions}. Records that cannot be applied go to the dead-letter
 * sink with the reason; the task keeps running.
 *
 * <p>Online quality: the active model's p and, when a candidate is named, the candidate's p for the
 * same answer from the same state (one pass) are counted in the {@code quality} store
 * ({@link QualityTally}) per exercise, UTC day of event time, model version and role.
 *
 * <p>Per event: one read and one write of the exercise store value (exercise and mastery state
 * together), one read of the KnowledgeState, which p needs, and one read and one write of the
 * student's {@link StudentSequence} (42 bytes; it changes with every applied answer, and is kept
 * whatever model is active so that a ka2014-seq model can be swapped in at any time); the
 * KnowledgeState is written only on a student's first answer in an exercise, the only time it
 * changes. The sequence carries the student's totals, so a feature set that reads them
 * ({@code ka2014-plus}, {@code ka2014-seq}) needs no read of the student's other exercises; only a
 * student with no sequence stored yet costs one scan of their exercises, once.
 *
 * <p>p comes from the model active when the answer is applied, and every transition names it: a
 * replay of the log under the same model versions gives the same levels; under another, levels can
 * differ (see docs/decisions.md, "Mastery in the service").
 */
final class ProblemLogProcessor implements Processor<String, byte[], String, byte[]> {

    private final StateUpdate update;
    private final ProblemLogValidator validator;
    private final Supplier<ModelLineup> models;
    private final MasteryRules rules;
    private final IngestMetrics metrics;

    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, KnowledgeState> knowledge;
    private KeyValueStore<String, StudentSequence> sequences;
    private KeyValueStore<ExerciseKey, StoredExercise> exercises;
    private KeyValueStore<TransitionKey, byte[]> transitions;
    private QualityTally quality;

    ProblemLogProcessor(StateUpdate update, ProblemLogValidator validator, Supplier<ModelLineup> models,
                        MasteryRules rules, IngestMetrics metrics) {
        this.update = update;
        this.validator = validator;
        this.models = models;
        this.rules = rules;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.knowledge = context.getStateStore(Schemas.KNOWLEDGE_STORE);
        this.sequences = context.getStateStore(Schemas.SEQUENCE_STORE);
        this.exercises = context.getStateStore(Schemas.EXERCISE_STORE);
        this.transitions = context.getStateStore(Schemas.TRANSITIONS_STORE);
        this.quality = new QualityTally(context.getStateStore(Schemas.QUALITY_STORE));
    }

    @Override
    public void process(Record<String, byte[]> record) {
        long start = System.nanoTime(); // metrics: the time per record, whatever becomes of it
        try {
            decodeAndApply(record);
        } finally {
            metrics.processed(System.nanoTime() - start);
        }
    }

    private void decodeAndApply(Record<String, byte[]> record) {
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
        apply(log, record.timestamp());
    }

    private void apply(ProblemLog log, long timestamp) {
        ExerciseKey key = new ExerciseKey(log.studentId(), log.exercise());
        StoredExercise stored = orElse(exercises.get(key), StoredExercise.EMPTY);
        KnowledgeState stateBefore = knowledge.get(log.studentId());
        KnowledgeState before = orElse(stateBefore, KnowledgeState.zero());
        StateUpdate.Outcome outcome = update.apply(before, stored.state(), log);
        if (outcome.duplicate()) {
            metrics.duplicate();
            return;
        }
        StudentSequence sequenceBefore = sequences.get(log.studentId());
        if (sequenceBefore == null) {
            // No KnowledgeState either: a new student (their first answer writes one), nothing to sum.
            sequenceBefore = stateBefore == null ? StudentSequence.EMPTY : firstSequence(log.studentId());
        }
        ModelLineup lineup = models.get(); // once per event: p and the version it names are one model's
        KnowledgeModel m = lineup.active();
        StudentView view = viewBefore(lineup, log, stored, before, sequenceBefore);
        Prediction served = m.predict(log.exercise(), log.problemType(), view);
        double p = served.probability();
        quality.add(log.exercise(), log.timeDoneMs(), served, ModelRole.ACTIVE, log.correct());
        if (lineup.hasCandidate()) {
            scoreCandidate(lineup.candidate(), log, view);
        }
        MasteryRules.Outcome mastery = rules.apply(stored.mastery(), Answer.of(log), p, m.version());
        // The exercise value goes last: its event ids are what RecordAttempt(wait) polls for, so once a
        // reader sees the answer there, the KnowledgeState, the sequence and the transitions it caused are
        // in place too (the stores are uncached: a put is visible to queries at once).
        if (outcome.knowledgeChanged()) {
            knowledge.put(log.studentId(), outcome.knowledge());
        }
        sequences.put(log.studentId(), update.next(sequenceBefore, log, outcome));
        metrics.applied(served, log.correct());
        putTransitions(log, timestamp, mastery.transitions());
        exercises.put(key, new StoredExercise(outcome.exercise(), mastery.state()));
    }

    private void putTransitions(ProblemLog log, long timestamp, List<Transition> happened) {
        if (happened.isEmpty()) {
            return; // the common case: no transition, nothing more to write
        }
        long offset = context.recordMetadata().map(RecordMetadata::offset).orElse(-1L);
        for (int i = 0; i < happened.size(); i++) {
            Transition t = happened.get(i);
            byte[] value = MasteryTransitions.toWire(log.studentId(), log.eventId(), t).toByteArray();
            transitions.put(new TransitionKey(log.studentId(), t.eventTimeMs(), offset, i), value);
            context.forward(new Record<>(log.studentId(), value, timestamp), ProficioTopology.TRANSITIONS_SINK);
        }
    }

    /**
     * Shadow scoring: the candidate's p for this answer, from the same state just before it, and so its
     * log-likelihood given the outcome ({@code QualityFigures.logLikelihood(p, log.correct())}), counted
     * under the candidate's version. Nothing it says reaches the student: no mastery rule reads it.
     */
    private void scoreCandidate(KnowledgeModel candidate, ProblemLog log, StudentView view) {
        Prediction shadow = candidate.predict(log.exercise(), log.problemType(), view);
        quality.add(log.exercise(), log.timeDoneMs(), shadow, ModelRole.CANDIDATE, log.correct());
        metrics.candidateScored(shadow, log.correct());
    }

    /**
     * The view the active (and candidate) model predict this answer from: the answer's exercise and
     * the KnowledgeState just before it, and, for a feature set that reads the student's totals or
     * sequence, the sequence just before it, whose totals are the student's. One exercise is read, not
     * all of the student's.
     */
    private static StudentView viewBefore(ModelLineup lineup, ProblemLog log, StoredExercise stored,
                                          KnowledgeState before, StudentSequence sequenceBefore) {
        boolean beyondOne = readsMoreThanOneExercise(lineup.active())
                || (lineup.hasCandidate() && readsMoreThanOneExercise(lineup.candidate()));
        return beyondOne
                ? StudentView.ofExercise(log.exercise(), stored.state(), before, sequenceBefore)
                : StudentView.ofOne(log.exercise(), stored.state(), before);
    }

    private static boolean readsMoreThanOneExercise(KnowledgeModel model) {
        return model.featureSet().needsWholeStudent() || model.featureSet().needsSequence();
    }

    /**
     * The sequence of a student with none stored: empty for a new student; for one whose answers were
     * applied before the {@code sequence} store was kept, their totals summed over their exercises (one
     * read of all of them, once per such student) and an empty history.
     */
    private StudentSequence firstSequence(String student) {
        StudentSnapshot s = new StudentStateReader(knowledge, sequences, exercises).readAll(student);
        return s.totalDone() == 0 ? StudentSequence.EMPTY : StudentSequence.startingAt(s.totalDone(), s.totalCorrect());
    }

    private void deadLetter(Record<String, byte[]> record, DeadLetter why) {
        metrics.deadLettered(why.reason(), why.field());
        RecordMetadata source = context.recordMetadata().orElseThrow();
        context.forward(record.withHeaders(why.headers(record.headers(), source)), ProficioTopology.DLQ_SINK);
    }

    private static <T> T orElse(T value, T dflt) {
        return value != null ? value : dflt;
    }
}
