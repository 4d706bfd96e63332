package proficio.trainer.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import proficio.trainer.Progress;

/**
 * {@code proficio-trainer}: replay-mode retraining. This class holds the global options and wires the
 * subcommands; each subcommand is its own class.
 */
@Command(name = "proficio-trainer",
        mixinStandardHelpOptions = true,
        versionProvider = TrainerCli.Version.class,
        description = "Rebuilds the knowledge model's thetas from the event log, evaluates them and publishes them.",
        subcommands = {
                TrainCommand.class,
                EvaluateCommand.class,
                PublishCommand.class,
                RollbackCommand.class,
                PromoteCommand.class,
                ListCommand.class,
                ReplayCommand.class,
                FitCommand.class,
                MergeCommand.class,
                ExportRowsCommand.class,
                CommandLine.HelpCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:ok",
                "1:error (Kafka unreachable, I/O, a failed fit)",
                "2:bad arguments or input (usage, a malformed input line, an invalid artifact)",
                "3:publish, promote or rollback refused (worse model, too few live answers, unknown version)"
        })
public final class TrainerCli implements Runnable {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print results as JSON.")
    boolean json;

    @Option(names = "--progress", scope = ScopeType.INHERIT, paramLabel = "MODE", defaultValue = "auto",
            description = "auto (bars on a terminal, one line per step otherwise), bar, lines or none.")
    String progress;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new TrainerCli());
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setExecutionExceptionHandler(new ErrorHandler());
        return cmd;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing a command");
    }

    boolean json() {
        return json;
    }

    Progress.Factory progress() {
        ConsoleProgress.Mode mode = switch (progress.toLowerCase(java.util.Locale.ROOT)) {
            case "auto" -> ConsoleProgress.Mode.AUTO;
            case "bar" -> ConsoleProgress.Mode.BAR;
            case "lines" -> ConsoleProgress.Mode.LINES;
            case "none" -> ConsoleProgress.Mode.NONE;
            default -> throw new ParameterException(spec.commandLine(), "--progress must be auto, bar, lines or none");
        };
        return new ConsoleProgress(mode, System.err);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = TrainerCli.class.getPackage().getImplementationVersion();
            return new String[] {"proficio-trainer " + (v == null ? "(development build)" : v)};
        }
    }
}
