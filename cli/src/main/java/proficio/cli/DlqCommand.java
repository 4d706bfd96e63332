package proficio.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(mixinStandardHelpOptions = true, versionProvider = ProficioCli.Version.class,
        name = "dlq", description = {"Show the records the service could not apply (topic problem-logs-dlq), "
        + "from the beginning, with why and where they came from. Commits nothing."}, sortOptions = false)
final class DlqCommand implements Callable<Integer> {

    /** The headers the service puts on a DLQ record, in the order shown. */
    static final List<String> HEADERS = List.of(
            "proficio.dlq.reason", "proficio.dlq.field", "proficio.dlq.detail",
            "proficio.dlq.source.topic", "proficio.dlq.source.partition", "proficio.dlq.source.offset");

    @ParentCommand
    ProficioCli cli;

    @Spec
    CommandSpec spec;

    @Option(names = "--max", paramLabel = "N", defaultValue = "20", description = "Show at most N records (default: ${DEFAULT-VALUE}).")
    int max;

    @Option(names = "--timeout-ms", paramLabel = "MS", defaultValue = "3000",
            description = "Stop reading after this long (default: ${DEFAULT-VALUE}).")
    long timeoutMs;

    @Override
    public Integer call() {
        if (max < 0 || timeoutMs <= 0) {
            throw new ParameterException(spec.commandLine(), "--max must be >= 0 and --timeout-ms > 0");
        }
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        boolean exists;
        long deadline = System.nanoTime() + Duration.ofMillis(timeoutMs).toNanos();
        try (KafkaConsumer<String, byte[]> consumer = KafkaClients.groupLessConsumer(cli.bootstrap(), timeoutMs)) {
            List<PartitionInfo> infos = consumer.partitionsFor(Topics.PROBLEM_LOGS_DLQ, Duration.ofMillis(timeoutMs));
            exists = infos != null && !infos.isEmpty();
            if (exists && max > 0) {
                List<TopicPartition> parts = infos.stream()
                        .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
                consumer.assign(parts);
                consumer.seekToBeginning(parts);
                Map<TopicPartition, Long> end = new LinkedHashMap<>(consumer.endOffsets(parts, Duration.ofMillis(timeoutMs)));
                while (records.size() < max && !reachedEnd(consumer, end) && System.nanoTime() < deadline) {
                    long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
                    ConsumerRecords<String, byte[]> batch = consumer.poll(Duration.ofMillis(Math.min(left, 500)));
                    for (ConsumerRecord<String, byte[]> r : batch) {
                        if (records.size() < max) {
                            records.add(r);
                        }
                    }
                }
            }
        } catch (KafkaException e) {
            throw new CliException("could not read " + Topics.PROBLEM_LOGS_DLQ + " from Kafka at " + cli.bootstrap()
                    + ": " + ErrorHandler.describe(e), ExitCodes.ERROR, e);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (cli.json()) {
            JsonObject o = new JsonObject();
            o.addProperty("topic", Topics.PROBLEM_LOGS_DLQ);
            o.addProperty("exists", exists);
            JsonArray arr = new JsonArray();
            for (ConsumerRecord<String, byte[]> r : records) {
                JsonObject j = new JsonObject();
                j.addProperty("partition", r.partition());
                j.addProperty("offset", r.offset());
                j.addProperty("timestamp", Instant.ofEpochMilli(r.timestamp()).toString());
                j.addProperty("key", r.key());
                j.addProperty("valueBytes", r.value() == null ? 0 : r.value().length);
                JsonObject h = new JsonObject();
                for (Header header : r.headers()) {
                    h.addProperty(header.key(), text(header.value()));
                }
                j.add("headers", h);
                arr.add(j);
            }
            o.add("records", arr);
            out.println(Json.print(o));
        } else if (!exists) {
            out.println("topic " + Topics.PROBLEM_LOGS_DLQ + " does not exist yet: no record has been rejected");
        } else if (records.isEmpty()) {
            out.println("no records in " + Topics.PROBLEM_LOGS_DLQ);
        } else {
            for (ConsumerRecord<String, byte[]> r : records) {
                out.println("partition " + r.partition() + " offset " + r.offset() + "  key " + r.key()
                        + "  (" + (r.value() == null ? 0 : r.value().length) + " bytes, "
                        + Instant.ofEpochMilli(r.timestamp()) + ")");
                out.println("  reason: " + header(r, "proficio.dlq.reason")
                        + "  field: " + header(r, "proficio.dlq.field"));
                out.println("  detail: " + header(r, "proficio.dlq.detail"));
                out.println("  source: " + header(r, "proficio.dlq.source.topic")
                        + " partition " + header(r, "proficio.dlq.source.partition")
                        + " offset " + header(r, "proficio.dlq.source.offset"));
            }
            out.println(records.size() + " record(s) shown" + (records.size() == max ? " (--max " + max + ")" : ""));
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static boolean reachedEnd(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static String header(ConsumerRecord<String, byte[]> r, String key) {
        Header h = r.headers().lastHeader(key);
        return h == null ? "-" : text(h.value());
    }

    private static String text(byte[] b) {
        return b == null ? "" : new String(b, StandardCharsets.UTF_8);
    }
}
