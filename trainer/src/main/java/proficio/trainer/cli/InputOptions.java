package proficio.trainer.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;
import proficio.model.event.ProblemLogValidator;
import proficio.proto.files.FileFormat;
import proficio.trainer.input.EventSource;
import proficio.trainer.input.EventSources;
import proficio.trainer.input.FileEventSource;
import proficio.trainer.input.KafkaEventSource;
import proficio.trainer.input.Shard;

/** Where the event log comes from, and which part of it is the hold-out. */
final class InputOptions {

    @Parameters(paramLabel = "FILE", arity = "0..*",
            description = "Answer files, in log order: Gervet TSV, Khan/Junyi CSV or ProblemLog JSON lines.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--from-kafka", description = "Read topic problem-logs (every partition, from the start to the end "
            + "offsets at start, read_committed) instead of files.")
    boolean fromKafka;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT", defaultValue = "localhost:9092",
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    String bootstrap;

    @Option(names = "--topic", paramLabel = "TOPIC", defaultValue = "problem-logs",
            description = "The event topic (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--format", paramLabel = "FORMAT", converter = FormatConverter.class,
            description = "gervet-tsv, junyi-csv or jsonl (default: from each file's header and name).")
    FileFormat format;

    @Option(names = "--student-prefix", paramLabel = "P", defaultValue = "",
            description = "Put before every student id read from files.")
    String studentPrefix;

    @Option(names = "--test", paramLabel = "FILE", description = "Hold-out files: replayed after the inputs, scored only.")
    List<Path> test = new ArrayList<>();

    @Option(names = "--holdout", paramLabel = "time:F|students:F", defaultValue = "time:0.1",
            description = "Without --test: the last fraction F of the rows by time (default: ${DEFAULT-VALUE}), or the rows "
                    + "of a fraction F of the students.")
    String holdout;

    @Option(names = "--max-future-skew", paramLabel = "SECONDS", defaultValue = "3600",
            description = "Refuse events whose time_done is this far after their log time (Kafka), as the service does "
                    + "(default: ${DEFAULT-VALUE}).")
    long maxFutureSkewSeconds;

    EventSource source(Shard shard) {
        List<EventSource> sources = new ArrayList<>();
        if (fromKafka) {
            if (!files.isEmpty()) {
                throw new TrainerException("give input files or --from-kafka, not both", ExitCodes.BAD_INPUT);
            }
            sources.add(new KafkaEventSource(bootstrap, topic, shard, Duration.ofSeconds(60)));
        } else {
            if (files.isEmpty() && test.isEmpty()) {
                throw new TrainerException("no input: give answer files or --from-kafka", ExitCodes.BAD_INPUT);
            }
            checkFiles(files);
            if (!files.isEmpty()) {
                sources.add(new FileEventSource(files, format, studentPrefix, false));
            }
        }
        checkFiles(test);
        if (!test.isEmpty()) {
            sources.add(new FileEventSource(test, format, studentPrefix, true));
        }
        return EventSources.concat(sources);
    }

    ProblemLogValidator validator() {
        return new ProblemLogValidator(Math.multiplyExact(maxFutureSkewSeconds, 1000L));
    }

    /** The hold-out rule when there is no test file. */
    HoldOut holdOut() {
        return HoldOut.parse(test.isEmpty() ? holdout : "file");
    }

    String describe() {
        return fromKafka ? "topic " + topic + " at " + bootstrap : String.join(", ", files.stream().map(Path::toString).toList());
    }

    private static void checkFiles(List<Path> files) {
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                throw new TrainerException("no such file: " + f, ExitCodes.BAD_INPUT);
            }
        }
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
