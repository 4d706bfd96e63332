package proficio.service.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.smallrye.config.WithDefault;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import proficio.service.config.ProficioConfig;
import proficio.service.kafka.Topics;
import proficio.trainer.cli.TrainerCli;

/**
 * deploy/k8s against the code it deploys. No cluster here: every manifest is read into the model
 * classes of its kind (fabric8's for Kubernetes and the prometheus-operator, Strimzi's own), and a
 * field those do not know (a typo, a field of another API version) fails; then the values that must
 * agree with the service and the trainer are compared with them: ports and probes with
 * application.properties, every PROFICIO_* variable with a key of {@link ProficioConfig}, the topics
 * with {@link Topics#wanted}, and every trainer command line with the trainer's own parser.
 */
class KubernetesManifestsTest {

    private static final Path K8S = Path.of(System.getProperty("proficio.k8s", "../deploy/k8s"));
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/PersistentVolumeClaim", PersistentVolumeClaim.class),
            Map.entry("apps/v1/StatefulSet", StatefulSet.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("batch/v1/Job", Job.class),
            Map.entry("batch/v1/CronJob", CronJob.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("monitoring.coreos.com/v1/PodMonitor", PodMonitor.class),
            Map.entry("monitoring.coreos.com/v1/PrometheusRule", io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule.class),
            Map.entry("kafka.strimzi.io/v1/Kafka", Kafka.class),
            Map.entry("kafka.strimzi.io/v1/KafkaNodePool", KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1/KafkaTopic", KafkaTopic.class));

    private static final ObjectMapper YAML = new YAMLMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    /** Every resource of the base kustomization, then the trainer's scale-out ones, by file. */
    private static final Map<String, List<HasMetadata>> byFile = new LinkedHashMap<>();
    private static final Map<String, String> unknownFields = new TreeMap<>();
    private static Properties application;

    @BeforeAll
    static void read() throws IOException {
        for (Path kustomization : List.of(K8S.resolve("kustomization.yaml"),
                K8S.resolve("trainer-scale-out/kustomization.yaml"))) {
            JsonNode k = YAML.readTree(kustomization.toFile());
            for (JsonNode r : k.get("resources")) {
                Path file = kustomization.getParent().resolve(r.asText());
                byFile.put(K8S.relativize(file).toString(), readAll(file));
            }
        }
        // Applied by hand after the fit Job (its kustomization says why it is not listed there).
        Path merge = K8S.resolve("trainer-scale-out/merge-publish-job.yaml");
        byFile.put(K8S.relativize(merge).toString(), readAll(merge));
        application = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            application.load(in);
        }
    }

    private static List<HasMetadata> readAll(Path file) throws IOException {
        List<HasMetadata> out = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(file.toFile())) {
            for (JsonNode doc : YAML.readValues(parser, JsonNode.class).readAll()) {
                if (doc == null || doc.isEmpty()) {
                    continue;
                }
                String type = doc.path("apiVersion").asText() + "/" + doc.path("kind").asText();
                Class<? extends HasMetadata> cls = KINDS.get(type);
                assertThat(cls).as("%s: a %s, which this test does not know", file, type).isNotNull();
                HasMetadata resource = YAML.treeToValue(doc, cls);
                collectUnknown(file.getFileName() + " " + type + " " + resource.getMetadata().getName(), resource);
                out.add(resource);
            }
        }
        return out;
    }

    /**
     * The models keep a field they do not know in additionalProperties rather than failing: walk every
     * model object reachable through getters and note each non-empty one.
     */
    private static void collectUnknown(String path, Object o) {
        if (o == null) {
            return;
        }
        if (o instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                collectUnknown(path + "[" + i + "]", list.get(i));
            }
            return;
        }
        if (o instanceof Map<?, ?> map) {
            map.forEach((k, v) -> collectUnknown(path + "." + k, v));
            return;
        }
        String pkg = o.getClass().getPackageName();
        if (!pkg.startsWith("io.fabric8.") && !pkg.startsWith("io.strimzi.")) {
            return;
        }
        for (Method m : o.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers()) || !m.getName().startsWith("get")
                    || m.getDeclaringClass() == Object.class) {
                continue;
            }
            Object v;
            try {
                v = m.invoke(o);
            } catch (ReflectiveOperationException | RuntimeException e) {
                continue;
            }
            if (m.getName().equals("getAdditionalProperties")) {
                if (v instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    unknownFields.put(path, extra.keySet().toString());
                }
            } else {
                collectUnknown(path + "." + m.getName().substring(3), v);
            }
        }
    }

    private static <T extends HasMetadata> List<T> all(Class<T> kind) {
        return byFile.values().stream().flatMap(List::stream).filter(kind::isInstance).map(kind::cast).toList();
    }

    private static <T extends HasMetadata> T one(Class<T> kind, String name) {
        List<T> found = all(kind).stream().filter(r -> r.getMetadata().getName().equals(name)).toList();
        assertThat(found).as("%s %s", kind.getSimpleName(), name).hasSize(1);
        return found.get(0);
    }

    @Test
    void everyManifest_isAKnownKind_withNoFieldItsModelDoesNotKnow() {
        assertThat(byFile).containsKeys("kafka.yaml", "topics.yaml", "service.yaml", "trainer-cronjob.yaml",
                "network-policy.yaml", "monitoring.yaml", "trainer-scale-out/replay-job.yaml");
        assertThat(byFile.values().stream().mapToInt(List::size).sum()).isGreaterThanOrEqualTo(18);
        assertThat(unknownFields).as("fields the models do not know, by resource path").isEmpty();
    }

    @Test
    void theUnknownFieldCheck_catchesATypo() throws IOException {
        JsonNode doc = YAML.readTree("""
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: typo}
                spec:
                  serviceName: x
                  template:
                    spec:
                      containers:
                        - name: c
                          image: i
                          readinessProbe: {grpc: {port: 9000}, periodSecond: 5}
                """);
        Map<String, String> before = new TreeMap<>(unknownFields);
        collectUnknown("typo", YAML.treeToValue(doc, StatefulSet.class));
        Map<String, String> found = new TreeMap<>(unknownFields);
        found.keySet().removeAll(before.keySet());
        unknownFields.keySet().retainAll(before.keySet());
        assertThat(found.values()).containsExactly("[periodSecond]");
    }

    @Test
    void theStatefulSet_servesOnTheServicesPorts_withProbesOnItsGrpcHealth() {
        StatefulSet set = one(StatefulSet.class, "proficio");
        Container c = set.getSpec().getTemplate().getSpec().getContainers().get(0);
        Map<String, Integer> ports = new HashMap<>();
        c.getPorts().forEach(p -> ports.put(p.getName(), p.getContainerPort()));
        int grpc = Integer.parseInt(application.getProperty("quarkus.grpc.server.port"));
        assertThat(ports).containsExactlyInAnyOrderEntriesOf(Map.of(
                "grpc", grpc, "http", Integer.parseInt(application.getProperty("quarkus.http.port"))));
        for (Probe p : List.of(c.getStartupProbe(), c.getReadinessProbe(), c.getLivenessProbe())) {
            assertThat(p.getGrpc().getPort()).isEqualTo(grpc);
        }
        // The pod may close Kafka Streams for its whole close timeout before it is killed.
        assertThat(Duration.ofSeconds(set.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds()))
                .isGreaterThan(defaultOf(ProficioConfig.Streams.class, "closeTimeout"));
        Service headless = one(Service.class, set.getSpec().getServiceName());
        assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(headless.getSpec().getPublishNotReadyAddresses()).isTrue();
        Map<String, String> podLabels = set.getSpec().getTemplate().getMetadata().getLabels();
        for (Service s : all(Service.class)) {
            assertThat(podLabels).as("service %s selects the pods", s.getMetadata().getName())
                    .containsAllEntriesOf(s.getSpec().getSelector());
        }
        assertThat(podLabels).containsAllEntriesOf(set.getSpec().getSelector().getMatchLabels())
                .containsAllEntriesOf(one(PodDisruptionBudget.class, "proficio").getSpec().getSelector().getMatchLabels())
                .containsAllEntriesOf(one(PodMonitor.class, "proficio-service").getSpec().getSelector().getMatchLabels());
        var endpoint = one(PodMonitor.class, "proficio-service").getSpec().getPodMetricsEndpoints().get(0);
        assertThat(ports).containsKey(endpoint.getPort());
        assertThat(endpoint.getPath()).isEqualTo("/q/metrics");
    }

    @Test
    void theStatefulSetsEnvironment_namesKeysTheServiceReads_andAdvertisesItsStableName() {
        StatefulSet set = one(StatefulSet.class, "proficio");
        Container c = set.getSpec().getTemplate().getSpec().getContainers().get(0);
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar e : c.getEnv()) {
            env.put(e.getName(), e.getValue());
        }
        Set<String> known = new TreeSet<>();
        configKeys("proficio", ProficioConfig.class, known);
        for (String name : env.keySet()) {
            if (name.startsWith("PROFICIO_")) {
                assertThat(known).as("%s is the environment form of a proficio.* key", name)
                        .contains(name);
            }
        }
        assertThat(env).containsKeys("PROFICIO_KAFKA_BOOTSTRAP_SERVERS", "PROFICIO_STREAMS_ADVERTISED_ADDRESS",
                "PROFICIO_STREAMS_STATE_DIR", "PROFICIO_KAFKA_TOPICS_CREATE");
        assertThat(env.get("PROFICIO_KAFKA_TOPICS_CREATE")).isEqualTo("false");
        // POD_NAME and POD_NAMESPACE must be defined before the variable that uses them.
        List<String> names = new ArrayList<>(env.keySet());
        assertThat(names.indexOf("POD_NAME")).isBetween(0, names.indexOf("PROFICIO_STREAMS_ADVERTISED_ADDRESS"));
        assertThat(names.indexOf("POD_NAMESPACE")).isBetween(0, names.indexOf("PROFICIO_STREAMS_ADVERTISED_ADDRESS"));
        assertThat(env.get("PROFICIO_STREAMS_ADVERTISED_ADDRESS")).isEqualTo("$(POD_NAME)." + set.getSpec().getServiceName()
                + ".$(POD_NAMESPACE).svc.cluster.local:" + application.getProperty("quarkus.grpc.server.port"));
        // The state lives on the pod's own volume, not in the container's file system.
        String stateVolume = set.getSpec().getVolumeClaimTemplates().get(0).getMetadata().getName();
        String mount = c.getVolumeMounts().stream().filter(m -> m.getName().equals(stateVolume)).findFirst()
                .orElseThrow().getMountPath();
        assertThat(env.get("PROFICIO_STREAMS_STATE_DIR")).startsWith(mount + "/");
        assertThat(env.get("PROFICIO_KAFKA_BOOTSTRAP_SERVERS")).isEqualTo(kafkaBootstrap());
        // Streams' own topics (changelogs: the stores' copy off the pod) get the replication every other topic has;
        // the service's default, 1, is for a laptop.
        Object brokerDefault = one(Kafka.class, "proficio-kafka").getSpec().getKafka().getConfig().get("default.replication.factor");
        assertThat(env.get("PROFICIO_KAFKA_TOPICS_REPLICATION_FACTOR")).isEqualTo(String.valueOf(brokerDefault));
        // gRPC needs a token, from a file in the mounted Secret (a rotated Secret reaches the pod; subPath would not).
        var secretVolume = set.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getSecret() != null).findFirst().orElseThrow();
        var secretMount = c.getVolumeMounts().stream().filter(m -> m.getName().equals(secretVolume.getName()))
                .findFirst().orElseThrow();
        assertThat(secretMount.getSubPath()).isNull();
        assertThat(env.get("PROFICIO_GRPC_AUTH_TOKEN_FILE")).startsWith(secretMount.getMountPath() + "/");
    }

    @Test
    void theNetworkPolicy_letsThePodsForwardToEachOther_andPrometheusScrape() {
        NetworkPolicy policy = one(NetworkPolicy.class, "proficio-service");
        Map<String, String> podLabels = one(StatefulSet.class, "proficio").getSpec().getTemplate().getMetadata().getLabels();
        assertThat(podLabels).containsAllEntriesOf(policy.getSpec().getPodSelector().getMatchLabels());
        int grpc = Integer.parseInt(application.getProperty("quarkus.grpc.server.port"));
        int http = Integer.parseInt(application.getProperty("quarkus.http.port"));
        boolean peersOnGrpc = false;
        boolean anyoneOnHttp = false;
        for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
            boolean grpcRule = rule.getPorts().stream().anyMatch(p -> p.getPort().getIntVal() == grpc);
            boolean httpRule = rule.getPorts().stream().anyMatch(p -> p.getPort().getIntVal() == http);
            peersOnGrpc |= grpcRule && rule.getFrom().stream().anyMatch(peer -> peer.getPodSelector() != null
                    && podLabels.entrySet().containsAll(peer.getPodSelector().getMatchLabels().entrySet()));
            anyoneOnHttp |= httpRule && !rule.getFrom().isEmpty();
        }
        assertThat(peersOnGrpc).as("the service's pods reach each other's gRPC port").isTrue();
        assertThat(anyoneOnHttp).as("a scraper reaches the metrics port").isTrue();
        // Kafka's listener admits the service's and the trainer's pods.
        var peers = one(Kafka.class, "proficio-kafka").getSpec().getKafka().getListeners().get(0).getNetworkPolicyPeers();
        Map<String, String> trainerLabels = one(CronJob.class, "proficio-trainer").getSpec().getJobTemplate().getSpec()
                .getTemplate().getMetadata().getLabels();
        for (Map<String, String> labels : List.of(podLabels, trainerLabels)) {
            assertThat(peers).anyMatch(p -> labels.entrySet().containsAll(p.getPodSelector().getMatchLabels().entrySet()));
        }
    }

    @Test
    void theTopics_areTheOnesTheServiceWouldCreate() {
        Map<String, KafkaTopic> declared = new TreeMap<>();
        for (KafkaTopic t : all(KafkaTopic.class)) {
            declared.put(t.getMetadata().getName(), t);
            assertThat(t.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", "proficio-kafka");
        }
        int partitions = declared.get("problem-logs").getSpec().getPartitions();
        Kafka kafka = one(Kafka.class, "proficio-kafka");
        int replicas = ((Number) kafka.getSpec().getKafka().getConfig().get("default.replication.factor")).intValue();
        List<NewTopic> wanted = Topics.wanted(partitions, (short) replicas);
        assertThat(declared.keySet()).containsExactlyInAnyOrderElementsOf(wanted.stream().map(NewTopic::name).toList());
        for (NewTopic w : wanted) {
            KafkaTopic t = declared.get(w.name());
            assertThat(t.getSpec().getPartitions()).as(w.name()).isEqualTo(w.numPartitions());
            assertThat(t.getSpec().getReplicas()).as(w.name()).isEqualTo((int) w.replicationFactor());
            Map<String, String> config = new TreeMap<>();
            if (t.getSpec().getConfig() != null) {
                t.getSpec().getConfig().forEach((k, v) -> config.put(k, String.valueOf(v)));
            }
            assertThat(config).as(w.name()).isEqualTo(new TreeMap<>(w.configs() == null ? Map.of() : w.configs()));
        }
        // Replication carries the largest models record.
        assertThat(((Number) kafka.getSpec().getKafka().getConfig().get("replica.fetch.max.bytes")).intValue())
                .isGreaterThanOrEqualTo(Topics.MODELS_MAX_MESSAGE_BYTES);
        assertThat(all(KafkaNodePool.class).stream().mapToInt(p -> p.getSpec().getReplicas()).sum())
                .isGreaterThanOrEqualTo(replicas);
    }

    @Test
    void everyTrainerCommandLine_parsesWithTheTrainersOwnOptions() {
        List<List<String>> commands = new ArrayList<>();
        for (CronJob cron : all(CronJob.class)) {
            commands.addAll(trainerCommands(cron.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers().get(0)));
        }
        for (Job job : all(Job.class)) {
            commands.addAll(trainerCommands(job.getSpec().getTemplate().getSpec().getContainers().get(0)));
        }
        assertThat(commands.stream().map(c -> c.get(0)).toList())
                .contains("train", "publish", "replay", "fit", "merge");
        for (List<String> args : commands) {
            CommandLine.ParseResult parsed = TrainerCli.commandLine().parseArgs(args.toArray(String[]::new));
            assertThat(parsed.hasSubcommand()).as("%s", args).isTrue();
            CommandLine.ParseResult sub = parsed.subcommand();
            if (sub.hasMatchedOption("--bootstrap")) {
                assertThat((String) sub.matchedOptionValue("--bootstrap", "")).as("%s", args).isEqualTo(kafkaBootstrap());
            }
        }
    }

    @Test
    void theIndexedJobs_runAsManyWorkersAsTheyTellTheTrainer() {
        int partitions = one(KafkaTopic.class, "problem-logs").getSpec().getPartitions();
        for (String name : List.of("proficio-replay", "proficio-fit")) {
            Job job = one(Job.class, name);
            assertThat(job.getSpec().getCompletionMode()).isEqualTo("Indexed");
            List<String> args = job.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
            int workers = Integer.parseInt(args.get(args.indexOf("--worker-count") + 1));
            assertThat(job.getSpec().getCompletions()).as(name).isEqualTo(workers);
            assertThat(args).as("the index comes from JOB_COMPLETION_INDEX").doesNotContain("--worker-index");
            assertThat(workers).as("replay workers split the partitions").isLessThanOrEqualTo(partitions);
        }
        String await = String.join(" ", one(Job.class, "proficio-fit").getSpec().getTemplate().getSpec()
                .getInitContainers().get(0).getCommand());
        int replayWorkers = one(Job.class, "proficio-replay").getSpec().getCompletions();
        assertThat(await).contains("rows-*-of-" + replayWorkers + ".rows", "-eq " + replayWorkers);
    }

    /** The Grafana dashboard the kustomization puts in a ConfigMap is the one MetricsIT checks. */
    @Test
    void theDashboardConfigMap_isMadeFromTheCheckedDashboard() throws IOException {
        JsonNode k = YAML.readTree(K8S.resolve("kustomization.yaml").toFile());
        JsonNode generator = k.get("configMapGenerator").get(0);
        Path file = K8S.resolve(generator.get("files").get(0).asText());
        assertThat(file.toRealPath()).isEqualTo(Path.of(System.getProperty("proficio.dashboard",
                "../deploy/k8s/grafana/proficio-dashboard.json")).toRealPath());
        assertThat(new ObjectMapper().readTree(file.toFile())).isInstanceOf(ObjectNode.class);
    }

    private static String kafkaBootstrap() {
        Kafka kafka = one(Kafka.class, "proficio-kafka");
        int port = kafka.getSpec().getKafka().getListeners().get(0).getPort();
        return kafka.getMetadata().getName() + "-kafka-bootstrap:" + port; // Strimzi's bootstrap Service
    }

    private static final Pattern TRAINER_LINE = Pattern.compile("(?m)^\\s*proficio-trainer\\s+(.*?)(?:\\s+\\|\\|.*)?$");
    private static final Pattern WORD = Pattern.compile("\"([^\"]*)\"|(\\S+)");

    /**
     * The trainer invocations of a container: its args when it runs the image's entrypoint, else each
     * {@code proficio-trainer ...} line of its shell script, with $version and the container's
     * environment put in.
     */
    private static List<List<String>> trainerCommands(Container c) {
        if (c.getCommand() == null || c.getCommand().isEmpty()) {
            return List.of(c.getArgs());
        }
        Map<String, String> env = new HashMap<>();
        if (c.getEnv() != null) {
            c.getEnv().forEach(e -> env.put(e.getName(), e.getValue()));
        }
        env.put("version", "v1");
        String script = c.getCommand().get(c.getCommand().size() - 1);
        List<List<String>> out = new ArrayList<>();
        Matcher line = TRAINER_LINE.matcher(script);
        while (line.find()) {
            List<String> words = new ArrayList<>();
            Matcher w = WORD.matcher(line.group(1));
            while (w.find()) {
                String word = w.group(1) != null ? w.group(1) : w.group(2);
                for (var e : env.entrySet()) {
                    word = word.replace("$" + e.getKey(), e.getValue());
                }
                words.add(word);
            }
            out.add(words);
        }
        assertThat(out).as("trainer lines in %s", script).isNotEmpty();
        return out;
    }

    /** Every key under {@code prefix} that a @ConfigMapping interface declares, in environment form. */
    private static void configKeys(String prefix, Class<?> mapping, Set<String> out) {
        for (Method m : mapping.getDeclaredMethods()) {
            if (m.getParameterCount() != 0 || m.isDefault() || Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            String key = prefix + "." + m.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
            Class<?> type = m.getReturnType();
            if (type.isInterface() && type.getName().startsWith("proficio.")) { // a group of keys
                configKeys(key, type, out);
            } else {
                out.add(key.toUpperCase().replaceAll("[^A-Z0-9]", "_"));
            }
        }
    }

    private static Duration defaultOf(Class<?> mapping, String method) {
        try {
            String value = mapping.getMethod(method).getAnnotation(WithDefault.class).value();
            return Duration.parse("PT" + value.toUpperCase());
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }
}
