package proficio.service.grpc;

import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import proficio.proto.v1.DiagnosticsGrpc;
import proficio.proto.v1.EchoRequest;
import proficio.proto.v1.EchoResponse;

/**
 * {@code proficio.v1.Diagnostics}: an echo that does no work, the serving ceiling the load harness
 * measures Predict against (issue #5). Answered on the gRPC event loop, as {@link KnowledgeGrpcService}'s
 * read-only calls are whenever the student's stores are here and ready, so both take the same path
 * through the server and the difference between them is the work alone.
 */
@GrpcService
public class DiagnosticsGrpcService extends DiagnosticsGrpc.DiagnosticsImplBase {

    /** Echo is a probe, not a bulk transfer: a bigger payload is refused. */
    static final int MAX_PAYLOAD_BYTES = 1024;

    @Override
    public void echo(EchoRequest request, StreamObserver<EchoResponse> reply) {
        if (request.getPayload().size() > MAX_PAYLOAD_BYTES) {
            reply.onError(Requests.invalid("payload", "at most " + MAX_PAYLOAD_BYTES + " bytes, got "
                    + request.getPayload().size()));
            return;
        }
        reply.onNext(EchoResponse.newBuilder().setPayload(request.getPayload()).build());
        reply.onCompleted();
    }
}
