package proficio.trainer.cli;

import java.io.PrintWriter;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;
import proficio.proto.InvalidArtifactException;
import proficio.proto.files.MalformedRecordException;
import proficio.trainer.publish.PublishRefusedException;

/** Turns a command's exception into one line on stderr and an exit code. */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        int code;
        if (e instanceof TrainerException te) {
            err.println("error: " + te.getMessage());
            code = te.exitCode();
        } else if (e instanceof MalformedRecordException me) {
            err.println("error: bad input: " + me.getMessage());
            code = ExitCodes.BAD_INPUT;
        } else if (e instanceof InvalidArtifactException ie) {
            err.println("error: invalid model artifact: " + ie.getMessage());
            code = ExitCodes.BAD_INPUT;
        } else if (e instanceof PublishRefusedException pe) {
            err.println("refused: " + pe.getMessage());
            code = ExitCodes.REFUSED;
        } else if (e instanceof IllegalArgumentException ie) {
            err.println("error: " + describe(ie));
            code = ExitCodes.BAD_INPUT;
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
