package proficio.loadtest.serve;

import com.google.protobuf.ByteString;
import io.grpc.Channel;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import proficio.loadtest.simulate.Roster;
import proficio.proto.ProblemLogs;
import proficio.proto.v1.DiagnosticsGrpc;
import proficio.proto.v1.EchoRequest;
import proficio.proto.v1.EchoResponse;
import proficio.proto.v1.GetNextChallengeRequest;
import proficio.proto.v1.KnowledgeServiceGrpc;
import proficio.proto.v1.NextChallenge;
import proficio.proto.v1.PredictRequest;
import proficio.proto.v1.PredictResponse;
import proficio.proto.v1.RankExercisesRequest;
import proficio.proto.v1.RankedExercises;

/**
 * The RPCs the serving benchmark drives, each as an {@link OpenLoop.Target} over one async stub:
 * requests are built beforehand (a pool drawn from the students sent, seeded) so the send loop only
 * picks one, and every call has a deadline so a stuck one ends as a failure.
 */
public final class RpcTargets {

    public static final String PREDICT = "Predict";
    public static final String RANK_ALL = "RankExercises";
    public static final String NEXT_CHALLENGE = "GetNextChallenge";
    public static final String ECHO = "Echo";

    static final int POOL = 4096;
    static final long DEADLINE_S = 10;

    private RpcTargets() {
    }

    /** Predict for one exercise the student answered in (what the dashboard asks before each problem). */
    public static OpenLoop.Target predict(Channel channel, Roster roster, long seed) {
        var stub = KnowledgeServiceGrpc.newStub(channel);
        List<PredictRequest> pool = new ArrayList<>(POOL);
        List<String> students = roster.studentIds();
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < POOL; i++) {
            String s = students.get(r.nextInt(students.size()));
            List<String> exercises = roster.exercisesOf(s);
            pool.add(PredictRequest.newBuilder().setStudentId(s)
                    .addExercises(exercises.get(r.nextInt(exercises.size()))).build());
        }
        return (i, due) -> RpcTargets.<PredictRequest, PredictResponse>call(pool.get((int) (i % POOL)), (req, obs) -> stub.withDeadlineAfter(DEADLINE_S, TimeUnit.SECONDS)
                .predict(req, obs));
    }

    /** RankExercises with limit 0: the whole catalogue and every attempted exercise, by p. */
    public static OpenLoop.Target rankAll(Channel channel, Roster roster, long seed) {
        var stub = KnowledgeServiceGrpc.newStub(channel);
        List<RankExercisesRequest> pool = students(roster, seed).stream()
                .map(s -> RankExercisesRequest.newBuilder().setStudentId(s).build()).toList();
        return (i, due) -> RpcTargets.<RankExercisesRequest, RankedExercises>call(pool.get((int) (i % pool.size())), (req, obs) -> stub
                .withDeadlineAfter(DEADLINE_S, TimeUnit.SECONDS).rankExercises(req, obs));
    }

    /** GetNextChallenge as of {@code asOfMs} (the simulation's "now"). */
    public static OpenLoop.Target nextChallenge(Channel channel, Roster roster, long seed, long asOfMs) {
        var stub = KnowledgeServiceGrpc.newStub(channel);
        List<GetNextChallengeRequest> pool = students(roster, seed).stream()
                .map(s -> GetNextChallengeRequest.newBuilder().setStudentId(s)
                        .setAsOf(ProblemLogs.Timestamps.fromMillis(asOfMs)).build()).toList();
        return (i, due) -> RpcTargets.<GetNextChallengeRequest, NextChallenge>call(pool.get((int) (i % pool.size())), (req, obs) -> stub
                .withDeadlineAfter(DEADLINE_S, TimeUnit.SECONDS).getNextChallenge(req, obs));
    }

    /** Echo of a 32-byte payload, about the size of a Predict request: the server with no work. */
    public static OpenLoop.Target echo(Channel channel) {
        var stub = DiagnosticsGrpc.newStub(channel);
        EchoRequest req = EchoRequest.newBuilder().setPayload(ByteString.copyFrom(new byte[32])).build();
        return (i, due) -> RpcTargets.<EchoRequest, EchoResponse>call(req, (r, obs) -> stub.withDeadlineAfter(DEADLINE_S, TimeUnit.SECONDS).echo(r, obs));
    }

    private static List<String> students(Roster roster, long seed) {
        List<String> all = roster.studentIds();
        SplittableRandom r = new SplittableRandom(seed);
        List<String> pool = new ArrayList<>(POOL);
        for (int i = 0; i < POOL; i++) {
            pool.add(all.get(r.nextInt(all.size())));
        }
        return pool;
    }

    private static <Req, Resp> CompletableFuture<Resp> call(Req request, BiConsumer<Req, StreamObserver<Resp>> rpc) {
        CompletableFuture<Resp> done = new CompletableFuture<>();
        rpc.accept(request, new StreamObserver<>() {
            private Resp last;

            @Override
            public void onNext(Resp value) {
                last = value;
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {
                done.complete(last);
            }
        });
        return done;
    }
}
