package proficio.cli;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import proficio.proto.files.FileFormat;
import proficio.proto.files.MalformedRecordException;
import proficio.proto.files.ProblemLogReader;
import proficio.model.event.ProblemLog;
import proficio.proto.ProblemLogs;

@Command(mixinStandardHelpOptions = true, versionProvider = ProficioCli.Version.class,
        name = "send-file",
        description = {"Send every answer in a file to topic problem-logs, validating each line as it is read.",
                "Event ids are <file name>:<line number> (jsonl: when the record has none), so sending a file "
                        + "twice applies it once. A malformed line stops the upload before it (exit code 2)."},
        sortOptions = false)
final class SendFileCommand implements Callable<Integer> {

    static final long PROGRESS_EVERY = 10_000;

    @ParentCommand
    ProficioCli cli;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The answers.")
    Path file;

    @Option(names = "--format", paramLabel = "FORMAT", converter = FormatConverter.class,
            description = "gervet-tsv, junyi-csv or jsonl (default: guessed from the header and the file name).")
    FileFormat format;

    @Option(names = "--limit", paramLabel = "N", description = "Send at most N records.")
    Long limit;

    @Option(names = "--student-prefix", paramLabel = "P", defaultValue = "",
            description = "Put before every student id, e.g. to keep datasets apart.")
    String studentPrefix;

    @Override
    public Integer call() throws Exception {
        if (limit != null && limit < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--limit must not be negative");
        }
        if (!Files.isRegularFile(file)) {
            throw new CliException("no such file: " + file, ExitCodes.BAD_INPUT);
        }
        PrintWriter err = spec.commandLine().getErr();
        long start = System.nanoTime();
        long sent = 0;
        AtomicReference<Exception> failure = new AtomicReference<>();
        AtomicLong acked = new AtomicLong();
        MalformedRecordException malformed = null;
        FileFormat used = format;
        try (ProblemLogReader reader = ProblemLogReader.open(file, format, studentPrefix)) {
            used = reader.format();
            KafkaProducer<String, byte[]> producer = null; // created with the first valid record
            boolean ok = false;
            try {
                try {
                    ProblemLog log;
                    while ((limit == null || sent < limit) && failure.get() == null && (log = reader.next()) != null) {
                        if (producer == null) {
                            producer = KafkaClients.bulkProducer(cli.bootstrap());
                        }
                        producer.send(new ProducerRecord<>(Topics.PROBLEM_LOGS, log.studentId(),
                                ProblemLogs.toWire(log).toByteArray()), (md, e) -> {
                            if (e != null) {
                                failure.compareAndSet(null, e);
                            } else {
                                acked.incrementAndGet();
                            }
                        });
                        sent++;
                        if (sent % PROGRESS_EVERY == 0) {
                            err.printf(Locale.ROOT, "%,d records sent (%s records/s)%n", sent, rate(sent, start));
                            err.flush();
                        }
                    }
                } catch (MalformedRecordException e) {
                    malformed = e; // what was read before it still goes out: flushed below
                }
                if (producer != null && failure.get() == null) {
                    producer.flush();
                }
                ok = failure.get() == null;
            } finally {
                if (producer != null) {
                    // After a failure, don't wait for records that cannot be delivered.
                    producer.close(ok ? Duration.ofSeconds(30) : Duration.ZERO);
                }
            }
        } catch (KafkaException e) {
            throw new CliException("could not send to Kafka at " + cli.bootstrap() + ": " + ErrorHandler.describe(e),
                    ExitCodes.ERROR, e);
        } catch (MalformedRecordException e) { // from open: the header, or the format could not be guessed
            throw new CliException("malformed input: " + e.getMessage(), ExitCodes.BAD_INPUT, e);
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + ErrorHandler.describe(e), ExitCodes.ERROR, e);
        }
        if (failure.get() != null) {
            throw new CliException("could not send to Kafka at " + cli.bootstrap() + " after " + acked.get()
                    + " records were acknowledged: " + ErrorHandler.describe(failure.get()), ExitCodes.ERROR, failure.get());
        }
        if (malformed != null) {
            throw new CliException("malformed input: " + malformed.getMessage() + " (" + sent
                    + " records before it were sent; nothing from that line on)", ExitCodes.BAD_INPUT, malformed);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        PrintWriter out = spec.commandLine().getOut();
        if (cli.json()) {
            JsonObject o = new JsonObject();
            o.addProperty("file", file.toString());
            o.addProperty("format", used.id());
            o.addProperty("topic", Topics.PROBLEM_LOGS);
            o.addProperty("records", sent);
            o.addProperty("seconds", Math.round(seconds * 1000) / 1000.0);
            o.addProperty("recordsPerSecond", Math.round(sent / Math.max(seconds, 1e-9)));
            out.println(Json.print(o));
        } else {
            out.printf(Locale.ROOT, "sent %,d records from %s (%s) to %s in %.1f s (%s records/s)%n",
                    sent, file, used.id(), Topics.PROBLEM_LOGS, seconds, rate(sent, start));
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static String rate(long n, long startNanos) {
        double s = Math.max((System.nanoTime() - startNanos) / 1e9, 1e-9);
        return String.format(Locale.ROOT, "%,.0f", n / s);
    }

    static final class FormatConverter implements ITypeConverter<FileFormat> {
        @Override
        public FileFormat convert(String value) {
            try {
                return FileFormat.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
