package proficio.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code proficio}: the command line for Proficio. This class only holds the global options and wires
 * the subcommands; each subcommand is its own class.
 */
@Command(name = "proficio",
        mixinStandardHelpOptions = true,
        versionProvider = ProficioCli.Version.class,
        description = "Sends ProblemLog answers to Kafka and calls the Proficio knowledge service.",
        subcommands = {
                SendCommand.class,
                RecordCommand.class,
                SendFileCommand.class,
                PredictCommand.class,
                StateCommand.class,
                ModelCommand.class,
                ModelsCommand.class,
                MasteryCommand.class,
                ChallengeCommand.class,
                RankCommand.class,
                ChallengeCardsCommand.class,
                PracticeCommand.class,
                TransitionsCommand.class,
                HealthCommand.class,
                DlqCommand.class,
                CommandLine.HelpCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:ok",
                "1:error (service or Kafka unreachable, a gRPC error, NOT_SERVING)",
                "2:bad arguments or input (usage, INVALID_ARGUMENT, malformed file line)",
                "3:an answer was sent but not seen applied in time"
        })
public final class ProficioCli implements Runnable {

    public static final String DEFAULT_TARGET = "localhost:9000";
    public static final String DEFAULT_BOOTSTRAP = "localhost:9092";

    @Spec
    CommandSpec spec;

    @Option(names = "--target", paramLabel = "HOST:PORT", scope = ScopeType.INHERIT,
            description = "gRPC address of the service (default: ${DEFAULT-VALUE}).")
    String target = DEFAULT_TARGET;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT", scope = ScopeType.INHERIT,
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    String bootstrap = DEFAULT_BOOTSTRAP;

    @Option(names = "--token", paramLabel = "TOKEN", scope = ScopeType.INHERIT, defaultValue = "${env:PROFICIO_TOKEN}",
            description = "Bearer token for a service that requires one (proficio.grpc.auth.*; default: $PROFICIO_TOKEN).")
    String token;

    @Option(names = "--tls", scope = ScopeType.INHERIT,
            description = "Speak TLS to the service, trusting the system's CAs (or --ca-cert).")
    boolean tls;

    @Option(names = "--ca-cert", paramLabel = "FILE", scope = ScopeType.INHERIT, defaultValue = "${env:PROFICIO_CA_CERT}",
            description = "PEM certificates to trust for TLS; implies --tls (default: $PROFICIO_CA_CERT).")
    String caCert;

    @Option(names = "--json", scope = ScopeType.INHERIT,
            description = "Print results as JSON (protobuf JSON for service answers).")
    boolean json;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The fully wired command line; tests use it with their own writers. */
    public static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new ProficioCli());
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setExecutionExceptionHandler(new ErrorHandler());
        return cmd;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing a command");
    }

    String target() {
        return target;
    }

    String bootstrap() {
        return bootstrap;
    }

    /** How to reach the service: its address, TLS or not, and the token to send. */
    ServiceClient.Connection connection() {
        String ca = caCert == null || caCert.isBlank() ? null : caCert;
        return new ServiceClient.Connection(target, tls || ca != null, ca, token());
    }

    /** The bearer token to send, or null for none. */
    String token() {
        return token == null || token.isBlank() ? null : token;
    }

    boolean json() {
        return json;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = ProficioCli.class.getPackage().getImplementationVersion();
            return new String[] {"proficio " + (v == null ? "(development build)" : v)};
        }
    }
}
