package proficio.service.grpc;

import io.grpc.BindableService;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import proficio.model.event.ProblemLog;
import proficio.model.event.ProblemLogValidator;
import proficio.model.feature.FeatureSet;
import proficio.model.mastery.MasteryConfig;
import proficio.model.mastery.Card;
import proficio.model.mastery.MasteryChallenge;
import proficio.model.mastery.MasteryLevel;
import proficio.model.mastery.RankedExercise;
import proficio.model.predict.KnowledgeModel;
import proficio.proto.ProblemLogs;
import proficio.proto.v1.GetChallengeCardsRequest;
import proficio.proto.v1.GetNextChallengeRequest;
import proficio.proto.v1.GetPracticeTasksRequest;
import proficio.proto.v1.NextChallenge;
import proficio.proto.v1.RankExercisesRequest;
import proficio.proto.v1.RankedExercises;
import proficio.proto.v1.RecordAttemptRequest;
import proficio.proto.v1.RecordAttemptResponse;
import proficio.service.catalogue.ActiveCatalogue;
import proficio.service.kafka.AttemptRecorder;
import proficio.service.mastery.Planning;
import proficio.service.quality.QualityQueries;
import proficio.proto.v1.GetQualitySeriesRequest;
import proficio.proto.v1.GetQualityTableRequest;
import proficio.proto.v1.QualitySeries;
import proficio.proto.v1.QualityTable;
import proficio.model.predict.Prediction;
import proficio.proto.v1.GetActiveModelRequest;
import proficio.proto.v1.GetMasteryLevelsRequest;
import proficio.proto.v1.GetStudentStateRequest;
import proficio.proto.v1.GetTransitionsRequest;
import proficio.proto.v1.GetTransitionsResponse;
import proficio.proto.v1.KnowledgeServiceGrpc;
import proficio.proto.v1.ListModelsRequest;
import proficio.proto.v1.ListModelsResponse;
import proficio.proto.v1.MasteryLevels;
import proficio.proto.v1.ModelInfo;
import proficio.proto.v1.PredictRequest;
import proficio.proto.v1.PredictResponse;
import proficio.proto.v1.StudentState;
import proficio.service.config.ProficioConfig;
import proficio.service.models.ActiveModel;
import proficio.service.models.ModelRegistry;
import proficio.service.monitoring.ServingMetrics;
import proficio.service.query.Predictions;
import proficio.service.query.QueryResult;
import proficio.service.query.StudentStateQuery;
import proficio.store.StudentSnapshot;
import proficio.store.StudentStateReader;

/** {@code proficio.v1.KnowledgeService}: validate, read the student's state, call {@code model}, reply. */
@GrpcService
public class KnowledgeGrpcService implements KnowledgeServiceGrpc.AsyncService, BindableService {

    @Inject
    StudentStateQuery query;
    @Inject
    ActiveModel activeModel;
    @Inject
    ModelRegistry models;
    @Inject
    ProficioConfig config;

    @Inject
    ActiveCatalogue catalogue;
    @Inject
    AttemptRecorder attempts;
    @Inject
    Forwarder forwarder;
    @Inject
    ServingMetrics served;
    @Inject
    QualityQueries quality;

    private MasteryConfig masteryConfig;
    private ProblemLogValidator validator;

    static final int MAX_CARDS = 1000;
    static final int DEFAULT_TRANSITIONS = 100;
    static final int MAX_TRANSITIONS = 1000;
    static final Duration DEFAULT_WAIT = Duration.ofSeconds(5);
    static final Duration MAX_WAIT = Duration.ofSeconds(30);

    @PostConstruct
    void init() {
        masteryConfig = ProficioConfig.Mastery.toModel(config.mastery());
        validator = new ProblemLogValidator(config.validation().maxFutureSkew().toMillis());
    }

    @Override
    public void predict(PredictRequest request, StreamObserver<PredictResponse> reply) {
        answerOnLoop(reply, KnowledgeServiceGrpc.getPredictMethod(), request, reads -> {
            String student = Requests.studentId(request.getStudentId());
            List<String> exercises = Requests.exercises(request.getExercisesList(), config.query().maxExercises());
            if (request.getAllExercises() && !exercises.isEmpty()) {
                throw Requests.invalid("all_exercises", "set together with exercises; ask for one or the other");
            }
            if (!request.getAllExercises() && exercises.isEmpty()) {
                throw Requests.invalid("exercises", "name at least one exercise, or set all_exercises");
            }
            String problemType = request.getProblemType();
            if (problemType.length() > proficio.model.event.ProblemLogValidator.MAX_ID_LENGTH) {
                throw Requests.invalid("problem_type", "longer than " + proficio.model.event.ProblemLogValidator.MAX_ID_LENGTH + " characters");
            }
            if (!problemType.isEmpty() && exercises.size() != 1) {
                throw Requests.invalid("problem_type", "names the next problem of one exercise; ask for exactly one exercise");
            }
            ActiveModel.Active model = reads.model();
            // A feature set that sums over all exercises needs the whole student, not only the ones asked
            // (either read carries the student's sequence, for a feature set that reads it).
            FeatureSet set = model.model().featureSet();
            boolean whole = request.getAllExercises() || set.needsWholeStudent() || set.needsSequence();
            StudentSnapshot snapshot = reads.snapshot(student, whole ? r -> r.readAll(student) : r -> r.read(student, exercises));
            List<Prediction> predictions = request.getAllExercises()
                    ? Predictions.ofAllKnown(model.model(), snapshot)
                    : Predictions.of(model.model(), snapshot, exercises, problemType);
            served.predicted("Predict", predictions);
            return Replies.predictions(student, model.model().version(), predictions, snapshot);
        });
    }

    @Override
    public void getStudentState(GetStudentStateRequest request, StreamObserver<StudentState> reply) {
        answerOnLoop(reply, KnowledgeServiceGrpc.getGetStudentStateMethod(), request, reads -> {
            String student = Requests.studentId(request.getStudentId());
            List<String> exercises = Requests.exercises(request.getExercisesList(), config.query().maxExercises());
            StudentSnapshot snapshot = reads.snapshot(student, exercises.isEmpty()
                    ? r -> r.readAll(student) : r -> r.read(student, exercises));
            return Replies.studentState(snapshot, config.featureSpaceSeed());
        });
    }

    @Override
    public void getMasteryLevels(GetMasteryLevelsRequest request, StreamObserver<MasteryLevels> reply) {
        answerOnLoop(reply, KnowledgeServiceGrpc.getGetMasteryLevelsMethod(), request, reads -> {
            String student = Requests.studentId(request.getStudentId());
            List<String> exercises = Requests.exercises(request.getExercisesList(), config.query().maxExercises());
            StudentSnapshot snapshot = reads.snapshot(student, exercises.isEmpty()
                    ? r -> r.readAll(student) : r -> r.read(student, exercises));
            return Replies.masteryLevels(snapshot, exercises.isEmpty() ? snapshot.mastery().keySet() : exercises,
                    masteryConfig);
        });
    }

    @Override
    public void getNextChallenge(GetNextChallengeRequest request, StreamObserver<NextChallenge> reply) {
        answerOnLoop(reply, KnowledgeServiceGrpc.getGetNextChallengeMethod(), request, reads -> {
            String student = Requests.studentId(request.getStudentId());
            long asOf = request.hasAsOf() ? ProblemLogs.Timestamps.toMillis(request.getAsOf()) : System.currentTimeMillis();
            KnowledgeModel model = reads.model().model();
            ActiveCatalogue.Loaded cat = catalogue.get();
            StudentSnapshot snapshot = reads.snapshot(student, r -> r.readAll(student));
            MasteryChallenge challenge = Planning.nextChallenge(cat.planner(), model, snapshot, asOf);
            served.ranked("GetNextChallenge", model, challenge.cards().stream().map(Card::exercise).toList());
            return Replies.nextChallenge(challenge, model.version(), cat.catalogue().size(), masteryConfig);
        });
    }

    @Override
    public void getChallengeCards(GetChallengeCardsRequest request, StreamObserver<RankedExercises> reply) {
        answerOnLoop(reply, KnowledgeServiceGrpc.getGetChallengeCardsMethod(), request, reads -> {
            String student = Requests.studentId(request.getStudentId());
            int limit = Requests.limit("limit", request.getLimit(), 10, MAX_CARDS);
            KnowledgeModel model = reads.model().model();
            ActiveCatalogue.Loaded cat = catalogue.get();
            StudentSnapshot snapshot = reads.snapshot(student, r -> r.readAll(student));
            List<RankedExercise> cards = Planning.challengeCards(cat.planner(), model, snapshot, limit);
            served.ranked("GetChallengeCards", model, exercises(cards));
            return Replies.ranked(student, model.version(), cards, cat.catalogue());
        });
    }

    @Override
    public void getPracticeTasks(GetPracticeTasksRequest request, StreamObserver<RankedExercises> reply) {
        answerOnLoop(reply, KnowledgeServiceGrpc.getGetPracticeTasksMethod(), request, reads -> {
            String student = Requests.studentId(request.getStudentId());
            String mission = Requests.mission(request.getMission());
            int limit = Requests.limit("limit", request.getLimit(), 10, MAX_CARDS);
            KnowledgeModel model = reads.model().model();
            ActiveCatalogue.Loaded cat = catalogue.get();
            StudentSnapshot snapshot = reads.snapshot(student, r -> r.readAll(student));
            List<RankedExercise> tasks = Planning.practiceTasks(cat.planner(), model, snapshot, mission, limit);
            served.ranked("GetPracticeTasks", model, exercises(tasks));
            return Replies.ranked(student, model.version(), tasks, cat.catalogue());
        });
    }

    /**
     * RankExercises, bound by {@link #bindService} in place of the generated method: its reply (every
     * catalogue exercise, 155 KB for 5,000) is written as bytes straight from the ranking
     * ({@link Replies#rankedAll}), not built as a message of 5,000 lines first.
     */
    void rankExercisesEncoded(RankExercisesRequest request, StreamObserver<EncodedReply> reply) {
        answerOnLoop(reply, (owner, r) -> EncodedReply.of(forwarder.forward(owner, KnowledgeServiceGrpc.getRankExercisesMethod(), r)),
                request, reads -> {
            String student = Requests.studentId(request.getStudentId());
            int limit = Requests.limit("limit", request.getLimit(), 0, Integer.MAX_VALUE);
            KnowledgeModel model = reads.model().model();
            ActiveCatalogue.Loaded cat = catalogue.get();
            StudentSnapshot snapshot = reads.snapshot(student, r -> r.readAll(student));
            Planning.RankedAll ranked = Planning.rankAll(cat.planner(), model, snapshot, limit);
            long own = Planning.ownThetas(ranked, model);
            served.rankedAll(model, own, ranked.size() - own);
            return Replies.rankedAll(student, model.version(), ranked);
        });
    }

    /** The generated binding (as {@code KnowledgeServiceImplBase} makes it), with RankExercises encoding its reply. */
    @Override
    public ServerServiceDefinition bindService() {
        return EncodedReply.bind(KnowledgeServiceGrpc.bindService(this), KnowledgeServiceGrpc.getRankExercisesMethod(),
                this::rankExercisesEncoded);
    }

    @Override
    @Blocking // writes, then may wait for the answer to be applied
    public void recordAttempt(RecordAttemptRequest request, StreamObserver<RecordAttemptResponse> reply) {
        answer(reply, KnowledgeServiceGrpc.getRecordAttemptMethod(), request, () -> {
            if (!request.hasAttempt()) {
                throw Requests.invalid("attempt", "missing");
            }
            Duration timeout = Requests.timeout(request.hasTimeout(), request.getTimeout(), DEFAULT_WAIT, MAX_WAIT);
            ProblemLog log = ProblemLogs.toModel(request.getAttempt());
            validator.validate(log, log.studentId(), System.currentTimeMillis()).ifPresent(v -> {
                throw Requests.invalid("attempt." + v.field(), v.reason());
            });
            String student = log.studentId();
            String exercise = log.exercise();
            // Read before writing: a student served elsewhere is forwarded from here, before anything is written.
            MasteryLevel before = request.getWait()
                    ? local(student, r -> r.read(student, List.of(exercise))).masteryOf(exercise).level()
                    : null;
            AttemptRecorder.Written written;
            try {
                written = attempts.write(student, request.getAttempt().toByteArray());
            } catch (AttemptRecorder.WriteFailed e) {
                throw Status.UNAVAILABLE.withDescription(e.getMessage()).asRuntimeException();
            }
            RecordAttemptResponse out = Replies.attemptWritten(log.eventId(), written.partition(), written.offset());
            if (!request.getWait()) {
                return out;
            }
            Optional<StudentSnapshot> applied = switch (attempts.awaitApplied(student, exercise, log.eventId(), timeout)) {
                case QueryResult.Local<Optional<StudentSnapshot>> l -> l.value();
                case QueryResult.Remote<Optional<StudentSnapshot>> r -> throw Status.UNAVAILABLE
                        .withDescription("written, but student_id " + student + " is now served by " + r.host() + ":" + r.port())
                        .asRuntimeException();
                case QueryResult.Unavailable<Optional<StudentSnapshot>> u -> throw Status.UNAVAILABLE
                        .withDescription("written, but the state is not queryable: " + u.reason()).asRuntimeException();
            };
            if (applied.isEmpty()) {
                return out;
            }
            StudentSnapshot after = applied.get();
            Prediction p = activeModel().model().predict(exercise, "", after);
            served.predicted("RecordAttempt", List.of(p));
            return Replies.attemptApplied(out, p, after, before, transitionsAt(student, log.timeDoneMs()), log.eventId(),
                    masteryConfig);
        });
    }

    /**
     * The stored transitions at one event time, read after the answer was seen applied (the processor
     * puts them before the exercise state that says so). Not forwarded: the answer is written and applied
     * already, so a student that moved since gets UNAVAILABLE, as in {@link #recordAttempt}.
     */
    private List<byte[]> transitionsAt(String student, long eventTimeMs) {
        return switch (query.readTransitions(student, r -> r.at(student, eventTimeMs, MAX_TRANSITIONS))) {
            case QueryResult.Local<List<byte[]>> l -> l.value();
            case QueryResult.Remote<List<byte[]>> r -> throw Status.UNAVAILABLE
                    .withDescription("written and applied, but student_id " + student + " is now served by "
                            + r.host() + ":" + r.port() + "; read its transitions there (GetTransitions)")
                    .asRuntimeException();
            case QueryResult.Unavailable<List<byte[]>> u -> throw Status.UNAVAILABLE
                    .withDescription("written and applied, but the transitions are not queryable: " + u.reason())
                    .asRuntimeException();
        };
    }

    @Override
    @Blocking
    public void getTransitions(GetTransitionsRequest request, StreamObserver<GetTransitionsResponse> reply) {
        answer(reply, KnowledgeServiceGrpc.getGetTransitionsMethod(), request, () -> {
            String student = Requests.studentId(request.getStudentId());
            long since = request.hasSince() ? ProblemLogs.Timestamps.toMillis(request.getSince()) : Long.MIN_VALUE;
            int limit = Requests.limit("limit", request.getLimit(), DEFAULT_TRANSITIONS, MAX_TRANSITIONS);
            // One more than asked tells whether there are more.
            List<byte[]> stored = local(student, query.readTransitions(student, r -> r.since(student, since, limit + 1)));
            return Replies.transitions(student, stored, limit);
        });
    }

    @Override
    @Blocking
    public void getQualitySeries(GetQualitySeriesRequest request, StreamObserver<QualitySeries> reply) {
        // A call another instance forwarded here asks for this instance's partitions only (it gathers the rest).
        answer(reply, () -> quality.series(request, Forwarder.isForwarded()));
    }

    @Override
    @Blocking
    public void getQualityTable(GetQualityTableRequest request, StreamObserver<QualityTable> reply) {
        answer(reply, () -> quality.table(request));
    }

    @Override
    @Blocking
    public void getActiveModel(GetActiveModelRequest request, StreamObserver<ModelInfo> reply) {
        answer(reply, () -> {
            activeModel(); // wait, bounded, until start-up has read the models topic
            return Replies.modelInfo(models.name(), models.active());
        });
    }

    @Override
    @Blocking // may wait for a swap in progress
    public void listModels(ListModelsRequest request, StreamObserver<ListModelsResponse> reply) {
        answer(reply, () -> Replies.modelList(models.name(), models.versions()));
    }

    private static List<String> exercises(List<RankedExercise> ranked) {
        return ranked.stream().map(RankedExercise::exercise).toList();
    }

    /** The model to answer with, once start-up has read the models topic (bounded wait, else UNAVAILABLE). */
    private ActiveModel.Active activeModel() {
        if (!activeModel.awaitSettled(config.query().readyTimeout())) {
            throw Status.UNAVAILABLE.withDescription("starting: the models topic has not been read to its end yet")
                    .asRuntimeException();
        }
        return activeModel.get();
    }

    /**
     * The student's snapshot from this instance's stores, or the status that says why not. A student
     * owned elsewhere is forwarded there (by {@link #answer(StreamObserver, MethodDescriptor, Object,
     * Supplier)}), unless this call was itself forwarded here: then ownership is moving (a rebalance),
     * and the caller is told to retry rather than the call bouncing on.
     */
    private StudentSnapshot local(String student, Function<StudentStateReader, StudentSnapshot> read) {
        return local(student, query.read(student, read));
    }

    /** The value of a local read, or the status that says why not (see {@link #local(String, Function)}). */
    private <T> T local(String student, QueryResult<T> result) {
        return switch (result) {
            case QueryResult.Local<T> l -> l.value();
            case QueryResult.Remote<T> r when Forwarder.isForwarded() -> throw Status.UNAVAILABLE
                    .withDescription("student_id " + student + " was forwarded here, but this instance now sees "
                            + r.host() + ":" + r.port() + " as its owner (ownership is moving); not forwarded again, retry")
                    .asRuntimeException();
            case QueryResult.Remote<T> r -> throw new OwnedElsewhere(r.host() + ":" + r.port());
            case QueryResult.Unavailable<T> u -> throw Status.UNAVAILABLE
                    .withDescription("state not queryable: " + u.reason()).asRuntimeException();
        };
    }

    /** Thrown by {@link #local} for a student another instance owns; never leaves this class. */
    private static final class OwnedElsewhere extends RuntimeException {
        final String owner;

        OwnedElsewhere(String owner) {
            super(owner, null, false, false);
            this.owner = owner;
        }
    }

    /**
     * How a read-only call gets its model and the student's state. {@link #waiting} may block: it waits
     * (bounded) for the models topic and for stores that are not queryable yet, and it lets a student
     * owned elsewhere be forwarded. {@link #now} never blocks: anything that would wait or forward throws
     * {@link WouldBlock}.
     */
    private interface Reads {
        ActiveModel.Active model();

        StudentSnapshot snapshot(String student, Function<StudentStateReader, StudentSnapshot> read);
    }

    private final Reads waiting = new Reads() {
        @Override
        public ActiveModel.Active model() {
            return activeModel();
        }

        @Override
        public StudentSnapshot snapshot(String student, Function<StudentStateReader, StudentSnapshot> read) {
            return local(student, read);
        }
    };

    private final Reads now = new Reads() {
        @Override
        public ActiveModel.Active model() {
            if (!activeModel.isSettled()) {
                throw WouldBlock.INSTANCE;
            }
            return activeModel.get();
        }

        @Override
        public StudentSnapshot snapshot(String student, Function<StudentStateReader, StudentSnapshot> read) {
            if (query.readNow(student, read) instanceof QueryResult.Local<StudentSnapshot> l) {
                return l.value();
            }
            throw WouldBlock.INSTANCE;
        }
    };

    /** Thrown by {@link #now} where {@link #waiting} would wait or forward; never leaves this class. */
    private static final class WouldBlock extends RuntimeException {
        static final WouldBlock INSTANCE = new WouldBlock();

        private WouldBlock() {
            super("would block", null, false, false);
        }
    }

    /**
     * A read-only call, answered on the gRPC event loop that received it when it can be without
     * blocking: the model is loaded and the student's stores are here and queryable (the common case).
     * Otherwise (start-up, a rebalance, a student owned elsewhere) it is handed to a worker thread,
     * which may wait and forward as {@link #answer(StreamObserver, MethodDescriptor, Object, Supplier)}
     * does. Why: the hand-off to a worker and back is two thread wake-ups per call, which on this 2-core
     * machine cost GetNextChallenge about a third of its time (bench/mastery: p50 1.4-2.8 ms on a
     * worker, 1.1-1.2 ms on the loop; loadtest/README.md). The price: a call holds its event loop while
     * it computes (about 1 ms for a challenge, 2.5 ms to rank 5,000 exercises; a point read of RocksDB
     * that misses the page cache would add a disk read), so the other calls of that loop wait that long.
     */
    private <Req, Resp> void answerOnLoop(StreamObserver<Resp> reply, MethodDescriptor<Req, Resp> method, Req request,
                                          Function<Reads, Resp> call) {
        answerOnLoop(reply, (owner, r) -> forwarder.forward(owner, method, r), request, call);
    }

    /** {@link #answerOnLoop(StreamObserver, MethodDescriptor, Object, Function)}, forwarding with {@code forward}. */
    private <Req, Resp> void answerOnLoop(StreamObserver<Resp> reply, Forward<Req, Resp> forward, Req request,
                                          Function<Reads, Resp> call) {
        if (io.vertx.core.Context.isOnEventLoopThread()) {
            try {
                answer(reply, () -> call.apply(now));
            } catch (WouldBlock e) {
                // Thrown before anything was replied. The gRPC context (deadline, the forwarded-call
                // mark) goes along to the worker.
                Infrastructure.getDefaultWorkerPool().execute(io.grpc.Context.current().wrap(
                        () -> answer(reply, forward, request, () -> call.apply(waiting))));
            }
            return;
        }
        answer(reply, forward, request, () -> call.apply(waiting));
    }

    /** Answers here, or sends the same request to the same RPC of the instance that owns the student. */
    private <Req, Resp> void answer(StreamObserver<Resp> reply, MethodDescriptor<Req, Resp> method, Req request,
            Supplier<Resp> call) {
        answer(reply, (owner, r) -> forwarder.forward(owner, method, r), request, call);
    }

    private <Req, Resp> void answer(StreamObserver<Resp> reply, Forward<Req, Resp> forward, Req request,
                                    Supplier<Resp> call) {
        answer(reply, () -> {
            try {
                return call.get();
            } catch (OwnedElsewhere e) {
                return forward.to(e.owner, request);
            }
        });
    }

    /** Sends a request to the instance that owns its student, and gives its reply. */
    @FunctionalInterface
    private interface Forward<Req, Resp> {
        Resp to(String owner, Req request);
    }

    /** Replies with what {@code call} returns, or with its status; a {@link WouldBlock} goes back to the caller. */
    private static <T> void answer(StreamObserver<T> reply, Supplier<T> call) {
        try {
            reply.onNext(call.get());
            reply.onCompleted();
        } catch (WouldBlock e) {
            throw e;
        } catch (StatusRuntimeException e) {
            reply.onError(e);
        } catch (RuntimeException e) {
            reply.onError(Status.INTERNAL.withDescription(e.toString()).withCause(e).asRuntimeException());
        }
    }
}
