package proficio.service.grpc;

import com.google.protobuf.MessageLite;
import io.grpc.Drainable;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.stub.ServerCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * A reply already written in its message's wire format, sent as it is. gRPC hands each reply to its
 * method's marshaller to be serialised; a method bound with {@link #bind} takes these instead, so a
 * large reply can be written straight from the values it is made of (RankExercises: 5,000 lines)
 * without building a message of them first. The bytes are the message's own, so clients parse them
 * with the generated classes as usual, and nothing in the API changes.
 */
record EncodedReply(byte[] bytes) {

    /** A reply that is a message already (one forwarded from the instance that owns the student). */
    static EncodedReply of(MessageLite message) {
        return new EncodedReply(message.toByteArray());
    }

    static final MethodDescriptor.Marshaller<EncodedReply> MARSHALLER = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(EncodedReply reply) {
            return new Stream(reply.bytes);
        }

        @Override
        public EncodedReply parse(InputStream stream) {
            try {
                return new EncodedReply(stream.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    /**
     * {@code definition} with {@code method} answered by {@code handler} with encoded replies: the same
     * method name, request marshaller and schema (reflection lists it unchanged), every other method as
     * it was.
     */
    static <Req> ServerServiceDefinition bind(ServerServiceDefinition definition, MethodDescriptor<Req, ?> method,
                                              ServerCalls.UnaryMethod<Req, EncodedReply> handler) {
        MethodDescriptor<Req, EncodedReply> encoded = method.toBuilder(method.getRequestMarshaller(), MARSHALLER).build();
        ServiceDescriptor service = definition.getServiceDescriptor();
        ServiceDescriptor.Builder descriptor = ServiceDescriptor.newBuilder(service.getName())
                .setSchemaDescriptor(service.getSchemaDescriptor());
        boolean found = false;
        for (MethodDescriptor<?, ?> m : service.getMethods()) {
            boolean replaced = m.getFullMethodName().equals(method.getFullMethodName());
            found |= replaced;
            descriptor.addMethod(replaced ? encoded : m);
        }
        if (!found) {
            throw new IllegalArgumentException(service.getName() + " has no method " + method.getFullMethodName());
        }
        ServerServiceDefinition.Builder out = ServerServiceDefinition.builder(descriptor.build());
        for (ServerMethodDefinition<?, ?> m : definition.getMethods()) {
            if (!m.getMethodDescriptor().getFullMethodName().equals(method.getFullMethodName())) {
                out.addMethod(m);
            }
        }
        return out.addMethod(encoded, ServerCalls.asyncUnaryCall(handler)).build();
    }

    /** The bytes with their length known, drained to gRPC's buffer in one write. */
    private static final class Stream extends ByteArrayInputStream implements KnownLength, Drainable {
        Stream(byte[] bytes) {
            super(bytes);
        }

        @Override
        public int drainTo(OutputStream target) throws IOException {
            int n = count - pos;
            target.write(buf, pos, n);
            pos = count;
            return n;
        }
    }
}
