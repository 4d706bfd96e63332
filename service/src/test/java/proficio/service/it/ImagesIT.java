package proficio.service.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The two Dockerfiles against what the build produces. No image is built here (no container runtime):
 * this checks, after packaging, that every COPY source exists in the build context the file names,
 * and that each image starts the way bin/serve and bin/proficio-trainer start the same jars.
 */
class ImagesIT {

    private static final Path ROOT = Path.of("..");

    @Test
    void theServiceImage_copiesThePackagedQuarkusApp_andStartsItAsBinServeDoes() throws IOException {
        Path dockerfile = ROOT.resolve("service/src/main/docker/Dockerfile.jvm");
        List<String> sources = copySources(dockerfile);
        assertThat(sources).contains("target/quarkus-app/lib/", "target/quarkus-app/*.jar");
        assertEverySourceExists(ROOT.resolve("service"), sources);
        String text = Files.readString(dockerfile);
        assertThat(text).contains("\"-jar\", \"quarkus-run.jar\"", "--enable-native-access=ALL-UNNAMED", "EXPOSE 9000 8080");
        assertThat(Files.readString(ROOT.resolve("bin/serve"))).contains("--enable-native-access=ALL-UNNAMED",
                "service/target/quarkus-app/quarkus-run.jar");
    }

    @Test
    void theTrainerImage_copiesTheTrainersJar_andStartsItAsBinProficioTrainerDoes() throws IOException {
        Path dockerfile = ROOT.resolve("trainer/src/main/docker/Dockerfile");
        List<String> sources = copySources(dockerfile);
        assertThat(sources).containsExactly("target/proficio-trainer.jar");
        assertEverySourceExists(ROOT.resolve("trainer"), sources);
        assertThat(Files.readString(ROOT.resolve("bin/proficio-trainer")))
                .contains("trainer/target/proficio-trainer.jar", "--enable-native-access=ALL-UNNAMED");
        assertThat(Files.readString(dockerfile)).contains("--enable-native-access=ALL-UNNAMED",
                "-jar /opt/proficio/proficio-trainer.jar", "ENTRYPOINT [\"proficio-trainer\"]");
    }

    /** The source arguments of every COPY instruction (flags such as --chown left out, the destination too). */
    private static List<String> copySources(Path dockerfile) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(dockerfile)) {
            String[] words = line.strip().split("\\s+");
            if (words.length >= 3 && words[0].equals("COPY")) {
                List<String> args = Stream.of(words).skip(1).filter(w -> !w.startsWith("--")).toList();
                out.addAll(args.subList(0, args.size() - 1));
            }
        }
        return out;
    }

    private static void assertEverySourceExists(Path context, List<String> sources) throws IOException {
        for (String source : sources) {
            if (source.contains("*")) {
                Path dir = context.resolve(source).getParent();
                PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + Path.of(source).getFileName());
                try (Stream<Path> files = Files.list(dir)) {
                    assertThat(files.filter(f -> glob.matches(f.getFileName())).count())
                            .as("files matching %s in %s", source, context).isPositive();
                }
            } else {
                assertThat(context.resolve(source)).as("COPY source %s in %s", source, context).exists();
            }
        }
    }
}
