package proficio.cli;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.PrintWriter;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** Turns a command's exception into one line on stderr and an exit code. */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        int code;
        if (e instanceof StatusRuntimeException sre) {
            err.println(grpcMessage(sre.getStatus()));
            code = sre.getStatus().getCode() == Status.Code.INVALID_ARGUMENT ? ExitCodes.BAD_INPUT : ExitCodes.ERROR;
        } else if (e instanceof CliException ce) {
            err.println("error: " + ce.getMessage());
            code = ce.exitCode();
        } else if (e instanceof KafkaException ke) {
            err.println("error: Kafka: " + describe(ke));
            code = ExitCodes.ERROR;
        } else {
            err.println("error: " + describe(e));
            code = ExitCodes.ERROR;
        }
        if (System.getenv("PROFICIO_DEBUG") != null) {
            e.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    /** {@code error: <STATUS>: <description>}, with the transport's cause when the status has one. */
    static String grpcMessage(Status status) {
        StringBuilder sb = new StringBuilder("error: ").append(status.getCode());
        if (status.getDescription() != null) {
            sb.append(": ").append(status.getDescription());
        }
        if (status.getCause() != null && status.getCause().getMessage() != null) {
            sb.append(" (").append(status.getCause().getMessage()).append(')');
        }
        return sb.toString();
    }

    static String describe(Throwable e) {
        String m = e.getMessage();
        String s = m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
        Throwable c = e.getCause();
        if (c != null && c.getMessage() != null && !s.contains(c.getMessage())) {
            s += " (" + c.getMessage() + ")";
        }
        return s;
    }
}
