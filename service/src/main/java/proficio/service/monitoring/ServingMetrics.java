package proficio.service.monitoring;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import proficio.model.predict.KnowledgeModel;
import proficio.model.predict.Prediction;
import proficio.model.predict.ThetaSource;

/**
 * Predictions answered over gRPC, counted in {@code proficio_predictions_total} with the RPC as the
 * path. Only answers computed here are counted: a forwarded call is counted by the instance that
 * owns the student. Latency and status per RPC come from Quarkus' gRPC server metrics
 * ({@code grpc_server_processing_duration_seconds}), not from here.
 */
@Singleton
public class ServingMetrics {

    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, PredictionCounter> byRpc = new ConcurrentHashMap<>();

    @Inject
    public ServingMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Predictions answered by {@code rpc} (its gRPC method name, as {@code Predict}). */
    public void predicted(String rpc, Collection<Prediction> predictions) {
        PredictionCounter c = counter(rpc);
        for (Prediction p : predictions) {
            c.count(p.modelVersion(), p.thetaSource());
        }
    }

    /**
     * Predictions answered by a planning RPC, which replies with p only: the theta source is the
     * model's (an exercise with a theta of its own, else the global one), as {@link KnowledgeModel#predict} decides.
     */
    public void ranked(String rpc, KnowledgeModel model, Collection<String> exercises) {
        long own = 0;
        for (String e : exercises) {
            if (model.exerciseThetas().containsKey(e)) {
                own++;
            }
        }
        counter(rpc).count(model.version(), own, exercises.size() - own);
    }

    /**
     * RankExercises: every catalogue exercise is answered, so the split by theta source is the
     * predictor's, known without a lookup per exercise; only exercises outside the catalogue are looked up.
     */
    public void rankedAll(KnowledgeModel model, long ownTheta, long globalTheta) {
        counter("RankExercises").count(model.version(), ownTheta, globalTheta);
    }

    private PredictionCounter counter(String rpc) {
        return byRpc.computeIfAbsent(rpc, r -> new PredictionCounter(registry, r));
    }
}
