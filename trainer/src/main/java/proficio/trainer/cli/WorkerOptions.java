package proficio.trainer.cli;

import picocli.CommandLine.Option;
import proficio.trainer.input.Shard;

/** Which worker of a scale-out run this is. In a Kubernetes Indexed Job the index comes from JOB_COMPLETION_INDEX. */
final class WorkerOptions {

    @Option(names = "--worker-index", paramLabel = "I", defaultValue = "${env:JOB_COMPLETION_INDEX:-0}",
            description = "This worker, 0-based (default: $JOB_COMPLETION_INDEX, else 0).")
    int index;

    @Option(names = "--worker-count", paramLabel = "N", defaultValue = "1",
            description = "Workers in the run (default: ${DEFAULT-VALUE}).")
    int count;

    Shard shard() {
        try {
            return new Shard(index, count);
        } catch (IllegalArgumentException e) {
            throw new TrainerException(e.getMessage(), ExitCodes.BAD_INPUT);
        }
    }
}
