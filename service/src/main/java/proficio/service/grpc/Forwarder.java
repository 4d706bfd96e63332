package proficio.service.grpc;

import io.grpc.CallOptions;
import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.TlsChannelCredentials;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Deadline;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.quarkus.grpc.GlobalInterceptor;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import proficio.service.config.ProficioConfig;

/**
 * Sends a call for a student owned by another instance to that instance's same RPC, with the caller's
 * bearer token, and maps the status back. One channel per owner address (TLS when the server speaks
 * TLS), reused, closed on shutdown. Every forward has a deadline: the caller's remaining one, capped at
 * {@code proficio.query.forward-timeout}.
 *
 * <p>A forwarded call carries {@value #HEADER}; the interceptor turns it into {@link #isForwarded()}
 * for the receiving handler, which then answers itself or fails, never forwards again (so two
 * instances that disagree about the owner during a rebalance cannot bounce a call between them).
 */
@ApplicationScoped
@Startup // a TLS trust file that cannot be read stops the service at start, not at its first forward
public class Forwarder {

    static final String HEADER = "proficio-forwarded";
    static final Metadata.Key<String> FORWARDED = Metadata.Key.of(HEADER, Metadata.ASCII_STRING_MARSHALLER);
    private static final Context.Key<Boolean> FORWARDED_CALL = Context.key(HEADER);

    private final Duration maxTimeout;
    private final ChannelCredentials credentials;
    private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();

    /**
     * @param plainText  {@code quarkus.grpc.server.plain-text}: false when this server (and so every
     *                   instance) speaks TLS, and forwards must too
     * @param serverCert {@code quarkus.grpc.server.ssl.certificate}, the default trust for forwards
     */
    @Inject
    public Forwarder(ProficioConfig config,
                     @ConfigProperty(name = "quarkus.grpc.server.plain-text", defaultValue = "true") boolean plainText,
                     @ConfigProperty(name = "quarkus.grpc.server.ssl.certificate") Optional<String> serverCert) {
        this(config.query().forwardTimeout(), plainText ? InsecureChannelCredentials.create()
                : tls(config.grpc().tls().trustCertificates().or(() -> serverCert)));
    }

    Forwarder(Duration maxTimeout) {
        this(maxTimeout, InsecureChannelCredentials.create());
    }

    Forwarder(Duration maxTimeout, ChannelCredentials credentials) {
        this.maxTimeout = maxTimeout;
        this.credentials = credentials;
    }

    static ChannelCredentials tls(Optional<String> trust) {
        String file = trust.orElseThrow(() -> new IllegalStateException("the gRPC server speaks TLS but forwards "
                + "have no certificate to trust: set proficio.grpc.tls.trust-certificates or quarkus.grpc.server.ssl.certificate"));
        try {
            return TlsChannelCredentials.newBuilder().trustManager(new File(file)).build();
        } catch (IOException e) {
            throw new IllegalStateException("proficio.grpc.tls.trust-certificates " + file + " cannot be read: " + e, e);
        }
    }

    /** True while handling a call another instance forwarded here. */
    public static boolean isForwarded() {
        return Boolean.TRUE.equals(FORWARDED_CALL.get());
    }

    /**
     * Calls {@code method} with {@code request} on the instance at {@code owner} (host:port) and
     * returns its answer, or throws its status with the owner named in the description.
     */
    public <Req, Resp> Resp forward(String owner, MethodDescriptor<Req, Resp> method, Req request) {
        Deadline deadline = Deadline.after(maxTimeout.toNanos(), TimeUnit.NANOSECONDS);
        Deadline callers = Context.current().getDeadline();
        if (callers != null) {
            deadline = deadline.minimum(callers);
        }
        try {
            return ClientCalls.blockingUnaryCall(channel(owner), method, CallOptions.DEFAULT.withDeadline(deadline),
                    request);
        } catch (StatusRuntimeException e) {
            throw mapped(e.getStatus(), owner);
        }
    }

    /** The owner's status, kept as it is (its code is the caller's to act on), with who said it. */
    static StatusRuntimeException mapped(Status status, String owner) {
        String said = status.getDescription() == null ? status.getCode().toString() : status.getDescription();
        return status.withDescription("forwarded to the owner at " + owner + ": " + said).asRuntimeException();
    }

    private ManagedChannel channel(String owner) {
        return channels.computeIfAbsent(owner, a -> {
            int colon = a.lastIndexOf(':');
            Metadata marked = new Metadata();
            marked.put(FORWARDED, "1");
            // These channels carry forwards only, so every call on them is marked.
            return NettyChannelBuilder.forAddress(a.substring(0, colon), Integer.parseInt(a.substring(colon + 1)), credentials)
                    .intercept(MetadataUtils.newAttachHeadersInterceptor(marked), new CallersToken())
                    .build();
        });
    }

    @PreDestroy
    void close() {
        channels.values().forEach(ManagedChannel::shutdown);
        for (ManagedChannel c : channels.values()) {
            try {
                if (!c.awaitTermination(2, TimeUnit.SECONDS)) {
                    c.shutdownNow();
                }
            } catch (InterruptedException e) {
                c.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        channels.clear();
    }

    /**
     * Carries the caller's authorization header (kept by {@link TokenAuth}) to the owner, which checks
     * it as it would the caller's own call.
     */
    private static final class CallersToken implements ClientInterceptor {
        @Override
        public <Q, S> ClientCall<Q, S> interceptCall(MethodDescriptor<Q, S> method, CallOptions options, Channel next) {
            String authorization = TokenAuth.CALLERS_AUTHORIZATION.get();
            ClientCall<Q, S> call = next.newCall(method, options);
            if (authorization == null) {
                return call;
            }
            return new ForwardingClientCall.SimpleForwardingClientCall<>(call) {
                @Override
                public void start(Listener<S> listener, Metadata headers) {
                    headers.put(TokenAuth.AUTHORIZATION, authorization);
                    super.start(listener, headers);
                }
            };
        }
    }

    /** Marks calls that carry {@value #HEADER}, for {@link #isForwarded()}. */
    @ApplicationScoped
    @GlobalInterceptor
    public static class MarkForwarded implements ServerInterceptor {
        @Override
        public <Q, S> ServerCall.Listener<Q> interceptCall(ServerCall<Q, S> call, Metadata headers,
                ServerCallHandler<Q, S> next) {
            if (headers.containsKey(FORWARDED)) {
                return Contexts.interceptCall(Context.current().withValue(FORWARDED_CALL, true), call, headers, next);
            }
            return next.startCall(call, headers);
        }
    }
}
