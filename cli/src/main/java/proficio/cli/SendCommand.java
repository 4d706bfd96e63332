package proficio.cli;

import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import proficio.model.event.ProblemLog;
import proficio.proto.ProblemLogs;
import proficio.proto.v1.ExerciseStateView;
import proficio.proto.v1.PredictResponse;
import proficio.proto.v1.StudentState;

@Command(mixinStandardHelpOptions = true, versionProvider = ProficioCli.Version.class,
        name = "send",
        description = {"Send one answer to topic problem-logs and, unless --no-wait, wait until the service "
                + "applied it and print the new prediction."},
        sortOptions = false)
final class SendCommand implements Callable<Integer> {

    static final long WAIT_MS = 10_000;
    static final long POLL_MS = 50;

    @ParentCommand
    ProficioCli cli;

    @Spec
    CommandSpec spec;

    @Mixin
    AnswerOptions answer;

    @Option(names = "--no-wait", description = "Return once Kafka acknowledged the record.")
    boolean noWait;

    /** Makes the producer from the bootstrap address; tests substitute a MockProducer. */
    Function<String, Producer<String, byte[]>> producers = KafkaClients::singleProducer;
    /** How long to wait for the answer to be applied. */
    long waitMs = WAIT_MS;

    @Override
    public Integer call() throws Exception {
        ProblemLog log = buildLog();
        if (noWait) {
            RecordMetadata md = produce(log);
            print(log, md, null, null);
            return ExitCodes.OK;
        }
        try (ServiceClient service = new ServiceClient(cli.connection())) {
            List<String> only = List.of(answer.exercise);
            long before = done(service.state(answer.student, only)).orElse(0L);
            RecordMetadata md = produce(log);
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs);
            ExerciseStateView applied = null;
            while (true) {
                Optional<ExerciseStateView> view = view(service.state(answer.student, only));
                if (view.isPresent() && view.get().getDone() > before) {
                    applied = view.get();
                    break;
                }
                if (System.nanoTime() >= deadline) {
                    break;
                }
                Thread.sleep(POLL_MS);
            }
            if (applied == null) {
                throw new CliException("answer " + log.eventId() + " was sent (" + where(md) + ") but not applied within "
                        + (waitMs % 1000 == 0 ? waitMs / 1000 + " s" : waitMs + " ms") + ": the done count of " + answer.exercise + " stayed at " + before + ". "
                        + "Either the event id was applied before (a repeated id counts once), or the service "
                        + "rejected it to " + Topics.PROBLEM_LOGS_DLQ + " (run `proficio dlq`), or it is not keeping up.",
                        ExitCodes.NOT_APPLIED);
            }
            PredictResponse prediction = service.predict(answer.student, only, false);
            print(log, md, applied, prediction);
            return ExitCodes.OK;
        }
    }

    ProblemLog buildLog() {
        return answer.toLog(spec);
    }

    private RecordMetadata produce(ProblemLog log) throws InterruptedException {
        byte[] value = ProblemLogs.toWire(log).toByteArray();
        Producer<String, byte[]> producer = producers.apply(cli.bootstrap());
        boolean ok = false;
        try {
            RecordMetadata md = producer.send(new ProducerRecord<>(Topics.PROBLEM_LOGS, log.studentId(), value))
                    .get(WAIT_MS * 3, TimeUnit.MILLISECONDS);
            ok = true;
            return md;
        } catch (ExecutionException e) {
            throw new CliException("could not send to Kafka at " + cli.bootstrap() + ": "
                    + ErrorHandler.describe(e.getCause()), ExitCodes.ERROR, e.getCause());
        } catch (java.util.concurrent.TimeoutException | org.apache.kafka.common.KafkaException e) {
            throw new CliException("could not send to Kafka at " + cli.bootstrap() + ": " + ErrorHandler.describe(e),
                    ExitCodes.ERROR, e);
        } finally {
            producer.close(ok ? Duration.ofSeconds(10) : Duration.ZERO);
        }
    }

    private Optional<ExerciseStateView> view(StudentState state) {
        return state.getExercisesList().stream().filter(e -> e.getExercise().equals(answer.exercise)).findFirst();
    }

    private Optional<Long> done(StudentState state) {
        return view(state).map(ExerciseStateView::getDone);
    }

    private static String where(RecordMetadata md) {
        return md.topic() + " partition " + md.partition() + " offset " + md.offset();
    }

    private void print(ProblemLog log, RecordMetadata md, ExerciseStateView applied, PredictResponse prediction) {
        PrintWriter out = spec.commandLine().getOut();
        if (cli.json()) {
            JsonObject o = new JsonObject();
            o.add("sent", Json.tree(ProblemLogs.toWire(log)));
            o.addProperty("topic", md.topic());
            o.addProperty("partition", md.partition());
            o.addProperty("offset", md.offset());
            if (applied != null) {
                o.addProperty("applied", true);
                o.add("exercise", Json.tree(applied));
                o.add("prediction", Json.tree(prediction));
            }
            out.println(Json.print(o));
        } else {
            String head = "sent answer " + log.eventId() + " (" + log.studentId() + ", " + log.exercise() + ", "
                    + (log.correct() ? "correct" : "wrong") + ")";
            if (applied == null) {
                out.println(head + " to " + where(md));
            } else {
                String p = prediction.getPredictionsCount() == 0 ? "?" : Text.p4(prediction.getPredictions(0).getProbability());
                out.println(head + " " + Text.dash() + " applied: done " + applied.getDone() + ", p(next right) = " + p
                        + " [model " + prediction.getModelVersion() + "]");
            }
        }
        out.flush();
    }
}
