package proficio.loadtest.ingest;

import io.grpc.Channel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import proficio.loadtest.serve.OpenLoop;
import proficio.loadtest.simulate.AnswerSource;
import proficio.loadtest.simulate.Roster;
import proficio.loadtest.simulate.SourcedAnswer;
import proficio.proto.ProblemLogs;

/**
 * Answers produced at a target rate, open loop (as a platform's many users would send them, not
 * waiting for the service), by an idempotent producer like the platform's, while every
 * {@code sampleEvery}-th answer is watched until it is visible through gRPC ({@link VisibilityProbe}).
 */
public final class LiveIngest {

    /**
     * @param produce        the open-loop run; its latency is the producer's acknowledgement
     * @param visible        ns, intended send time → visible through gRPC, of the sampled answers
     * @param watched        answers sampled
     * @param timedOut       sampled answers not visible within the probe's timeout
     * @param probeFailed    sampled answers whose poll failed (an RPC error)
     * @param probePolls     GetStudentState calls the probe made
     */
    public record Result(OpenLoop.Result produce, Histogram visible, long watched, long timedOut, long probeFailed,
                         long probePolls) {
    }

    /** Linger like a platform producer that batches a little. */
    static final int LINGER_MS = 5;

    private LiveIngest() {
    }

    public static Result run(String bootstrap, String topic, Channel channel, AnswerSource source, Roster roster,
                             double rate, Duration duration, int sampleEvery, Duration pollEvery)
            throws InterruptedException {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "proficio-loadtest-live");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
             VisibilityProbe probe = new VisibilityProbe(channel, 4, pollEvery, Duration.ofSeconds(30))) {
            producer.partitionsFor(topic); // metadata before the clock starts
            OpenLoop.Target send = (i, intended) -> {
                SourcedAnswer a;
                try {
                    a = source.next();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                if (a == null) {
                    return CompletableFuture.failedFuture(new IllegalStateException("the answer source ran dry"));
                }
                roster.note(a);
                CompletableFuture<Void> acked = new CompletableFuture<>();
                producer.send(new ProducerRecord<>(topic, a.log().studentId(), ProblemLogs.toWire(a.log()).toByteArray()),
                        (md, e) -> {
                            if (e == null) {
                                acked.complete(null);
                            } else {
                                acked.completeExceptionally(e);
                            }
                        });
                if (i % sampleEvery == 0) {
                    probe.watch(a, intended);
                }
                return acked;
            };
            OpenLoop.Result produced = OpenLoop.run(send, rate, duration, Duration.ofSeconds(30), Integer.MAX_VALUE);
            probe.awaitAll(Duration.ofSeconds(35));
            return new Result(produced, probe.histogram(), probe.watched(), probe.timedOut(), probe.failed(), probe.polls());
        }
    }
}
