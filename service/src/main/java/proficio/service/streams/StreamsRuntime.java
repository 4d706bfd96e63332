package proficio.service.streams;

import grpc.health.v1.HealthOuterClass.HealthCheckResponse.ServingStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.quarkus.grpc.runtime.health.GrpcHealthStorage;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;
import proficio.model.event.ProblemLogValidator;
import proficio.model.feature.FeatureSpace;
import proficio.model.mastery.MasteryRules;
import proficio.model.state.StateUpdate;
import proficio.service.config.ProficioConfig;
import proficio.service.kafka.EmbeddedKafka;
import proficio.service.kafka.Topics;
import proficio.service.models.ActiveModel;
import proficio.service.models.ModelTopicFollower;
import proficio.service.monitoring.IngestMetrics;
import proficio.service.quality.LiveLogLikelihood;
import proficio.store.rocksdb.BoundedMemoryRocksDBConfig;

/**
 * Starts and stops Kafka (embedded when no brokers are configured), the Kafka Streams app and the
 * {@code models} topic follower, and ties gRPC health to them: SERVING once Streams runs and the
 * models topic has been read to its end (or the bounded wait for it gave up). With
 * {@link proficio.service.query.StudentStateQuery}, the only class that touches {@link KafkaStreams}.
 */
@ApplicationScoped
public class StreamsRuntime {

    private static final Logger LOG = Logger.getLogger(StreamsRuntime.class);

    @Inject
    ProficioConfig config;
    @Inject
    Config rawConfig;
    @Inject
    GrpcHealthStorage health;
    @Inject
    ModelTopicFollower modelFollower;
    @Inject
    ActiveModel activeModel;
    @Inject
    MeterRegistry meters;
    @Inject
    LiveLogLikelihood liveLogLikelihood;

    private EmbeddedKafka embedded;
    private KafkaStreams streams;
    private KafkaStreamsMetrics streamsMetrics;
    private ScheduledExecutorService streamsMetricsRefresh;
    private String advertisedAddress;
    private volatile String bootstrapServers;
    private volatile KafkaStreams.State streamsState = KafkaStreams.State.CREATED;
    /** Streams reached RUNNING once since start: from then on a rebalance does not take us out of service. */
    private volatile boolean hasRun;

    void onStart(@Observes StartupEvent ev) {
        health.setStatus(GrpcHealthStorage.DEFAULT_SERVICE_NAME, ServingStatus.NOT_SERVING);
        String bootstrap = config.kafka().bootstrapServers().filter(s -> !s.isBlank()).orElse(null);
        if (bootstrap == null) {
            ProficioConfig.Embedded e = config.kafka().embedded();
            long t0 = System.nanoTime();
            embedded = EmbeddedKafka.start(e.port(), e.controllerPort(), Path.of(e.dataDir()));
            bootstrap = embedded.bootstrapServers();
            LOG.infof("embedded Kafka (KRaft) listening on %s, data in %s (%d ms)", bootstrap,
                    Path.of(e.dataDir()).toAbsolutePath(), (System.nanoTime() - t0) / 1_000_000);
        }
        bootstrapServers = bootstrap;
        if (embedded != null || config.kafka().topics().create()) {
            Topics.ensure(bootstrap, config.kafka().topics().partitions(), config.kafka().topics().replicationFactor());
        }
        // Read the models topic while Streams starts; SERVING waits for both (see updateHealth).
        modelFollower.start(bootstrap);
        StateUpdate update = new StateUpdate(new FeatureSpace(config.featureSpaceSeed()));
        ProblemLogValidator validator = new ProblemLogValidator(config.validation().maxFutureSkew().toMillis());
        advertisedAddress = config.streams().advertisedAddress()
                .orElse("localhost:" + rawConfig.getOptionalValue("quarkus.grpc.server.port", Integer.class).orElse(9000));
        MasteryRules rules = new MasteryRules(ProficioConfig.Mastery.toModel(config.mastery()));
        streams = new KafkaStreams(ProficioTopology.build(update, validator, rules, activeModel::lineup,
                new IngestMetrics(meters, liveLogLikelihood)), streamsProperties(bootstrap));
        bindClientMetrics();
        streams.setStateListener((now, before) -> {
            LOG.infof("Kafka Streams %s -> %s", before, now);
            streamsState = now;
            if (now == KafkaStreams.State.RUNNING) {
                hasRun = true;
            }
            updateHealth();
        });
        // A processing error that is not a bad record (a corrupt store, say) must not be skipped:
        // stop, stay NOT_SERVING, and let the orchestrator restart us.
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("Kafka Streams stopped on an unexpected error", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.start();
        LOG.infof("Kafka Streams %s started against %s, state in %s", config.streams().applicationId(), bootstrap,
                Path.of(config.streams().stateDir()).toAbsolutePath());
        // Never answer with the default model when the topic points elsewhere: wait (bounded) until
        // the topic is read to its end; on time-out the follower logs it and lets answers through.
        modelFollower.awaitCaughtUp(config.model().catchUpTimeout());
        updateHealth();
    }

    /**
     * The Streams client's own metrics (its consumers' lag, its producer, its threads and tasks) on
     * {@code /q/metrics}, through Micrometer's binder: {@code kafka_consumer_fetch_manager_records_lag_max}
     * and the rest. New ones (per-partition lag once partitions are assigned) are picked up at
     * every refresh.
     */
    private void bindClientMetrics() {
        streamsMetricsRefresh = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kafka-streams-metrics-refresh");
            t.setDaemon(true);
            return t;
        });
        streamsMetrics = new KafkaStreamsMetrics(streams, Tags.empty(), streamsMetricsRefresh,
                config.metrics().kafkaRefreshInterval());
        streamsMetrics.bindTo(meters);
    }

    /**
     * SERVING once Streams has been RUNNING (its first assignment restored and queryable) and the models
     * topic has been caught up with; then through later rebalances too, as most students stay served
     * while a few partitions move (a query for a moving one waits, bounded). Not during the first
     * rebalance: a probe that said SERVING then would send traffic no store can answer yet.
     */
    private synchronized void updateHealth() {
        KafkaStreams.State s = streamsState;
        boolean up = s == KafkaStreams.State.RUNNING || (s == KafkaStreams.State.REBALANCING && hasRun);
        boolean serving = up && activeModel.isSettled();
        health.setStatus(GrpcHealthStorage.DEFAULT_SERVICE_NAME, serving ? ServingStatus.SERVING : ServingStatus.NOT_SERVING);
    }

    void onStop(@Observes ShutdownEvent ev) {
        if (streams != null) {
            // Leave the group on a clean stop, so the partitions move at once if we do not come back
            // (Streams' default is to stay until the session times out; for a static member,
            // leaveGroup removes it from the group through the admin client).
            streams.close(new KafkaStreams.CloseOptions().leaveGroup(true).timeout(config.streams().closeTimeout()));
        }
        if (streamsMetrics != null) {
            streamsMetrics.close();
            streamsMetricsRefresh.shutdownNow();
        }
        try {
            modelFollower.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (embedded != null) {
            embedded.close();
        }
    }

    public KafkaStreams streams() {
        return streams;
    }

    /** Kafka Streams' state, as its last transition left it (CREATED before start). */
    public KafkaStreams.State state() {
        return streamsState;
    }

    /** The brokers in use (the embedded one's when none are configured); null before start. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** host:port this instance advertises, as Kafka Streams metadata names it. */
    public String advertisedAddress() {
        return advertisedAddress;
    }

    private Properties streamsProperties(String bootstrap) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.streams().applicationId());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.STATE_DIR_CONFIG, Path.of(config.streams().stateDir()).toAbsolutePath().toString());
        p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, advertisedAddress);
        p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedMemoryRocksDBConfig.class);
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) config.kafka().topics().replicationFactor());
        // Static membership: a restart (clean or after a crash) under the same id is handed its
        // partitions back at once. Streams appends the thread index to it.
        p.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
                config.streams().instanceId().orElse(advertisedAddress.replaceAll("[^A-Za-z0-9._-]", "_")));
        // A member that dies and does not come back is replaced after this long (default 45 s).
        p.put(StreamsConfig.consumerPrefix("session.timeout.ms"), 10_000);
        p.put(StreamsConfig.consumerPrefix("heartbeat.interval.ms"), 2_000);
        // No JMX reporter (Kafka 4 adds it by default): the metrics reach /q/metrics through Micrometer's
        // KafkaStreamsMetrics binder, which reads them directly. With JMX on, every store iterator a
        // query opened added a gauge (oldest-iterator-open-since-ms) and removed it on close, and each
        // of those re-registered the store's MBean: a share of every RankExercises / GetNextChallenge.
        // kafka-streams.metric.reporters=org.apache.kafka.common.metrics.JmxReporter turns it back on.
        p.put(StreamsConfig.METRIC_REPORTER_CLASSES_CONFIG, "");
        // Pass-through: kafka-streams.<any Streams, consumer or producer key>.
        String prefix = "kafka-streams.";
        for (String name : rawConfig.getPropertyNames()) {
            if (name.startsWith(prefix)) {
                rawConfig.getOptionalValue(name, String.class).ifPresent(v -> p.put(name.substring(prefix.length()), v));
            }
        }
        return p;
    }
}
