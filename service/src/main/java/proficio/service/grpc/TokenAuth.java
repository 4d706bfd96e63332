package proficio.service.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.health.v1.HealthGrpc;
import io.quarkus.grpc.GlobalInterceptor;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.logging.Logger;
import proficio.service.config.ProficioConfig;
import proficio.service.config.WatchedFile;

/**
 * Bearer-token authentication of every gRPC call but the health service's (Kubernetes' gRPC probes
 * send no metadata), when {@code proficio.grpc.auth.token} or {@code .token-file} is set; a refused
 * call gets UNAUTHENTICATED saying why, before any handler runs. The token file is re-read when its
 * modification time changes (a rotated Secret); a file that no longer parses is logged and the tokens
 * before it stay, so a bad edit cannot lock every client out. The accepted header is kept in the call's
 * context: a call forwarded to the student's owner carries it on ({@link Forwarder}).
 */
@ApplicationScoped
@Startup // a token file that cannot be read stops the service at start, not at its first call
@GlobalInterceptor
@Priority(1000) // before our other interceptors and every handler; Quarkus' own and the metrics interceptor stay outside, so refusals are counted
public class TokenAuth implements ServerInterceptor {

    private static final Logger LOG = Logger.getLogger(TokenAuth.class);
    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    static final Context.Key<String> CALLERS_AUTHORIZATION = Context.key("proficio-authorization");
    private static final String HEALTH = HealthGrpc.SERVICE_NAME;

    private final String token;
    /** The token file, re-read when it changes; null without one. */
    private final WatchedFile file;
    private volatile BearerTokens tokens;

    @Inject
    public TokenAuth(ProficioConfig config) {
        ProficioConfig.Auth auth = config.grpc().auth();
        token = auth.token().filter(t -> !t.isBlank()).orElse(null);
        Path path = auth.tokenFile().filter(f -> !f.isBlank()).map(Path::of).orElse(null);
        if (token == null && path == null) {
            file = null;
            LOG.info("gRPC calls are not authenticated (proficio.grpc.auth.token and .token-file are unset)");
            return;
        }
        file = path == null ? null : new WatchedFile("token file", path, (f, modified) -> {
            tokens = BearerTokens.of(token, Files.readString(f), f.toString());
            LOG.infof("token file %s re-read: %d tokens accepted", f, tokens.size());
        }, () -> "the tokens accepted before it (" + tokens.size() + ")", LOG);
        // At start a file that cannot be read or parsed stops the service, naming it.
        String text = null;
        if (path != null) {
            try {
                file.alreadyRead(Files.getLastModifiedTime(path));
                text = Files.readString(path);
            } catch (IOException e) {
                throw new IllegalStateException("proficio.grpc.auth.token-file " + path + " cannot be read: " + e, e);
            }
        }
        tokens = BearerTokens.of(token, text, path == null ? null : path.toString());
        LOG.infof("gRPC calls need a bearer token: %d accepted%s", tokens.size(),
                path == null ? "" : " (" + path.toAbsolutePath() + ", re-read when it changes)");
        if (file != null) {
            file.watch(auth.reloadInterval(), "proficio-token-file");
        }
    }

    @Override
    public <Q, S> ServerCall.Listener<Q> interceptCall(ServerCall<Q, S> call, Metadata headers,
                                                      ServerCallHandler<Q, S> next) {
        BearerTokens accepted = tokens;
        if (accepted == null || HEALTH.equals(call.getMethodDescriptor().getServiceName())) {
            return next.startCall(call, headers);
        }
        String authorization = headers.get(AUTHORIZATION);
        String refusal = accepted.refusal(authorization);
        if (refusal != null) {
            call.close(Status.UNAUTHENTICATED.withDescription(refusal), new Metadata());
            return new ServerCall.Listener<>() {
            };
        }
        return Contexts.interceptCall(Context.current().withValue(CALLERS_AUTHORIZATION, authorization), call, headers,
                next);
    }

    @PreDestroy
    void close() {
        if (file != null) {
            file.close();
        }
    }
}
