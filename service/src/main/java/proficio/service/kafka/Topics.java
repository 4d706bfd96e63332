package proficio.service.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import proficio.store.Schemas;

/** Creates Proficio's topics when they are missing, with the retention each one needs. */
public final class Topics {

    /** Largest record the models topic accepts: 16 MiB, the trainer's producer limit. */
    public static final int MODELS_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

    private Topics() {
    }

    public static void ensure(String bootstrapServers, int partitions, short replicationFactor) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (NewTopic t : wanted(partitions, replicationFactor)) {
                if (!existing.contains(t.name())) {
                    missing.add(t);
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create topics on " + bootstrapServers + ": " + e.getCause().getMessage(), e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topics on " + bootstrapServers + ": " + e, e);
        }
    }

    /** The topics the service needs, as it creates them (deploy/k8s/topics.yaml declares the same). */
    public static List<NewTopic> wanted(int partitions, short rf) {
        Map<String, String> forever = Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1");
        return List.of(
                // The source of truth: retraining and state rebuilds replay it, so it is kept forever.
                new NewTopic(Schemas.Topics.PROBLEM_LOGS, partitions, rf).configs(forever),
                new NewTopic(Schemas.Topics.PROBLEM_LOGS_DLQ, 1, rf).configs(forever),
                new NewTopic(Schemas.Topics.MASTERY_TRANSITIONS, partitions, rf),
                // An artifact of thousands of exercises x 107 doubles is megabytes: past Kafka's 1 MiB
                // default. The trainer's producer sends up to 16 MiB (zstd-compressed).
                new NewTopic(Schemas.Topics.MODELS, 1, rf).configs(Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                        TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(MODELS_MAX_MESSAGE_BYTES))));
    }
}
