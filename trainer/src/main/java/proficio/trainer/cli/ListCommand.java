package proficio.trainer.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import proficio.proto.v1.ModelArtifact;
import proficio.proto.v1.ModelPointer;
import proficio.trainer.publish.KafkaModelsTopic;
import proficio.trainer.publish.ModelRegistry;

@Command(name = "list", mixinStandardHelpOptions = true, versionProvider = TrainerCli.Version.class,
        description = "List the versions in the models topic, the active one marked.")
final class ListCommand implements Callable<Integer> {

    @ParentCommand
    TrainerCli cli;

    @Spec
    CommandSpec spec;

    @Mixin
    ModelsTopicOptions models;

    @Override
    public Integer call() throws Exception {
        ModelRegistry registry;
        try (KafkaModelsTopic topic = models.open()) {
            registry = ModelRegistry.of(topic.readAll());
        }
        Optional<ModelPointer> active = registry.pointer(models.name);
        JsonArray versions = new JsonArray();
        PrintWriter out = spec.commandLine().getOut();
        for (String v : registry.versions(models.name)) {
            JsonObject o = new JsonObject();
            o.addProperty("version", v);
            o.addProperty("active", active.map(p -> p.getVersion().equals(v)).orElse(false));
            try {
                ModelArtifact a = registry.artifact(models.name, v).orElseThrow();
                o.addProperty("feature_set", a.getFeatureSet());
                o.addProperty("trained_at", Instant.ofEpochMilli(a.getProvenance().getTrainedAtMs()).toString());
                o.addProperty("training_rows", a.getProvenance().getTrainingRows());
                o.addProperty("exercise_thetas", a.getExerciseThetasCount());
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                o.addProperty("error", "does not decode: " + e.getMessage());
            }
            versions.add(o);
        }
        if (cli.json()) {
            JsonObject o = new JsonObject();
            o.addProperty("name", models.name);
            o.addProperty("active", active.map(ModelPointer::getVersion).orElse(""));
            o.add("versions", versions);
            out.println(Reports.print(o));
        } else if (versions.isEmpty()) {
            out.println("no versions of " + models.name + " in topic " + models.topic + ": the service answers with the default model");
        } else {
            for (var e : versions) {
                JsonObject o = e.getAsJsonObject();
                out.printf("%s %-40s %-10s %s rows=%s exercises=%s%n", o.get("active").getAsBoolean() ? "*" : " ",
                        o.get("version").getAsString(), o.has("feature_set") ? o.get("feature_set").getAsString() : "?",
                        o.has("trained_at") ? o.get("trained_at").getAsString() : "?",
                        o.has("training_rows") ? o.get("training_rows").getAsString() : "?",
                        o.has("exercise_thetas") ? o.get("exercise_thetas").getAsString() : "?");
            }
            active.ifPresent(p -> out.println("active: " + p.getVersion() + " (" + p.getReason() + ", by "
                    + p.getPublishedBy() + ")"));
        }
        out.flush();
        return ExitCodes.OK;
    }
}
