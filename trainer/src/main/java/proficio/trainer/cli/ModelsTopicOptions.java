package proficio.trainer.cli;

import picocli.CommandLine.Option;
import proficio.trainer.publish.Artifacts;
import proficio.trainer.publish.KafkaModelsTopic;

/** Where a model's versions live: its name, the Kafka cluster and the models topic (list, rollback, promote). */
final class ModelsTopicOptions {

    @Option(names = "--name", paramLabel = "NAME", defaultValue = Artifacts.DEFAULT_NAME,
            description = "Model name (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT", defaultValue = "localhost:9092",
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    String bootstrap;

    @Option(names = "--models-topic", paramLabel = "TOPIC", defaultValue = KafkaModelsTopic.TOPIC,
            description = "The models topic (default: ${DEFAULT-VALUE}).")
    String topic;

    KafkaModelsTopic open() {
        return new KafkaModelsTopic(bootstrap, topic);
    }
}
