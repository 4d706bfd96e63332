package proficio.service.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;
import proficio.model.mastery.MasteryConfig;

/**
 * Every Proficio setting, typed; values come from application.properties, system properties or
 * the environment (PROFICIO_KAFKA_BOOTSTRAP_SERVERS, ...). Kafka Streams settings not named here
 * pass through as {@code kafka-streams.<streams key>}.
 */
@ConfigMapping(prefix = "proficio")
public interface ProficioConfig {

    Kafka kafka();

    Streams streams();

    Query query();

    Validation validation();

    Model model();

    Mastery mastery();

    Catalogue catalogue();

    Metrics metrics();

    Grpc grpc();

    /** The feature-space seed of the state this service builds; a model trained under another is refused. */
    @WithDefault("20140101")
    long featureSpaceSeed();

    interface Kafka {
        /** Brokers to use. When absent, the service starts an embedded single-node KRaft broker. */
        Optional<String> bootstrapServers();

        Embedded embedded();

        Topics topics();
    }

    interface Embedded {
        /** The client port of the embedded broker (localhost). */
        @WithDefault("9092")
        int port();

        /** The KRaft controller port of the embedded broker (localhost). */
        @WithDefault("9093")
        int controllerPort();

        /** Where the embedded broker keeps its log; kept across restarts. */
        @WithDefault(".proficio/kafka")
        String dataDir();
    }

    interface Topics {
        /** Create missing topics at start (the embedded broker always does). */
        @WithDefault("true")
        boolean create();

        @WithDefault("4")
        int partitions();

        @WithDefault("1")
        short replicationFactor();
    }

    interface Streams {
        /** Kafka Streams application id: the consumer group and the prefix of internal topics. */
        @WithDefault("proficio")
        String applicationId();

        /** Where RocksDB keeps the stores; kept across restarts. */
        @WithDefault(".proficio/streams")
        String stateDir();

        /**
         * host:port at which other instances reach this one's gRPC server (forwarding). Defaults to
         * localhost and the gRPC port.
         */
        Optional<String> advertisedAddress();

        /**
         * Static group membership id (Kafka's group.instance.id). A restart with the same id takes
         * its partitions back at once instead of waiting for the old member's session to expire.
         * Defaults to the advertised address, stable for a StatefulSet pod and for a laptop.
         */
        Optional<String> instanceId();

        /** How long a clean stop may take to commit and leave the group. */
        @WithDefault("15s")
        Duration closeTimeout();
    }

    interface Query {
        /** How long a query waits for the stores to become queryable before UNAVAILABLE. */
        @WithDefault("3s")
        Duration readyTimeout();

        /**
         * The longest a call forwarded to the instance that owns the student may take (the caller's
         * own deadline, when shorter, wins). Above ready-timeout, so the owner's own bounded wait
         * can end with its reason rather than a bare DEADLINE_EXCEEDED.
         */
        @WithDefault("5s")
        Duration forwardTimeout();

        /** The most exercises one Predict or GetStudentState may name. */
        @WithDefault("10000")
        int maxExercises();
    }

    interface Model {
        /** The model this service follows on the {@code models} topic (pointer key "<name>"). */
        @WithDefault("knowledge")
        String name();

        /**
         * How long the start waits to read the {@code models} topic to its end before reporting
         * SERVING; after it, the service goes on with what it has read and logs a warning.
         */
        @WithDefault("10s")
        Duration catchUpTimeout();
    }

    /**
     * The mastery rules' thresholds and intervals (DESIGN §4; why these defaults: docs/mastery.md).
     * The rest of {@link MasteryConfig} keeps its defaults.
     */
    interface Mastery {
        /** Right answers in a row that finish a practice task (UNPRACTICED → PRACTICED). */
        @WithDefault("5")
        int practiceStreakForPracticed();

        /** A mastery card is available this long after the exercise's last promotion. */
        @WithDefault("16h")
        Duration masteryGate();

        /** A right mastery card with p at or above this goes straight to MASTERED. */
        @WithDefault("0.94")
        double straightToMasteredP();

        /** A never-attempted exercise with p at or above this is a challenge card. */
        @WithDefault("0.90")
        double challengeCardP();

        /** First review interval below {@code first-review-medium-from-p}. */
        @WithDefault("P4D")
        Duration firstReviewShort();

        @WithDefault("P8D")
        Duration firstReviewMedium();

        /** First review interval at or above {@code first-review-long-from-p}. */
        @WithDefault("P32D")
        Duration firstReviewLong();

        @WithDefault("0.94")
        double firstReviewMediumFromP();

        @WithDefault("0.97")
        double firstReviewLongFromP();

        /** A right review doubles the interval up to this. */
        @WithDefault("P256D")
        Duration maxReviewInterval();

        /** These settings over {@link MasteryConfig#DEFAULTS}; validated there, naming the field. */
        static MasteryConfig toModel(Mastery m) {
            MasteryConfig d = MasteryConfig.DEFAULTS;
            return new MasteryConfig(m.practiceStreakForPracticed(), m.masteryGate().toMillis(), m.straightToMasteredP(),
                    m.challengeCardP(), m.firstReviewShort().toMillis(), m.firstReviewMedium().toMillis(),
                    m.firstReviewLong().toMillis(), m.firstReviewMediumFromP(), m.firstReviewLongFromP(),
                    m.maxReviewInterval().toMillis(), d.challengeSize(), d.maxAnalyticsCards(), d.analyticsSeed(),
                    d.strugglingWindow(), d.strugglingMinWrong());
        }
    }

    interface Catalogue {
        /**
         * The exercise catalogue: a file in Proficio's catalogue format (docs/mastery.md), or
         * {@code junyi:PATH} for the Junyi exercise table (live exercises only). Absent: an empty
         * catalogue (events for any exercise still work; no challenge, analytics or practice cards).
         */
        Optional<String> path();

        /** How often the file's modification time is checked; a change reloads it. */
        @WithDefault("5s")
        Duration reloadInterval();
    }

    interface Validation {
        /** How far after the record's log time an event's time_done may lie. */
        @WithDefault("1h")
        Duration maxFutureSkew();
    }

    interface Metrics {
        /**
         * How often the Kafka Streams client's metrics are checked for new ones (per-partition lag
         * appears once partitions are assigned) and bound to {@code /q/metrics}.
         */
        @WithDefault("30s")
        Duration kafkaRefreshInterval();
    }

    interface Grpc {
        Auth auth();

        Tls tls();
    }

    /**
     * TLS for the calls an instance forwards to another. The server side is Quarkus' own
     * ({@code quarkus.grpc.server.plain-text=false} and {@code quarkus.grpc.server.ssl.certificate/key});
     * when it is on, forwards go over TLS too, trusting these certificates.
     */
    interface Tls {
        /**
         * PEM certificates (the CA of the instances' certificates) a forward trusts; unset: the instance's
         * own server certificate, enough when every instance has the same one (a wildcard).
         */
        Optional<String> trustCertificates();
    }

    /**
     * Bearer tokens for gRPC (docs/decisions.md, "gRPC authentication and TLS"). With neither set, calls are
     * not authenticated (the laptop default). With either, every call but the health service's must
     * carry {@code authorization: Bearer <token>} with an accepted token, or gets UNAUTHENTICATED.
     */
    interface Auth {
        /** One accepted token (an environment variable from a Secret, say). */
        Optional<String> token();

        /**
         * A file of accepted tokens, one per line ('#' starts a comment): several at once let a
         * token be rotated without a gap. Re-read when it changes.
         */
        Optional<String> tokenFile();

        /** How often the token file is checked for changes. */
        @WithDefault("5s")
        Duration reloadInterval();
    }
}
