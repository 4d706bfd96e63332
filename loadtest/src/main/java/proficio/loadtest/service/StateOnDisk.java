package proficio.loadtest.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Bytes on disk under the service's state directory: the total, and per store (Kafka Streams keeps
 * each task's stores in {@code <app>/<task>/rocksdb/<store>/}; everything else, checkpoints and
 * locks, is counted as {@code other}).
 */
public record StateOnDisk(long bytes, Map<String, Long> byStore) {

    public StateOnDisk {
        byStore = Map.copyOf(byStore);
    }

    public static StateOnDisk measure(Path stateDir) throws IOException {
        Map<String, Long> byStore = new TreeMap<>();
        long total = 0;
        try (Stream<Path> files = Files.walk(stateDir)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                long size = Files.size(f);
                total += size;
                byStore.merge(storeOf(stateDir.relativize(f)), size, Long::sum);
            }
        }
        return new StateOnDisk(total, byStore);
    }

    private static String storeOf(Path relative) {
        for (int i = 0; i + 1 < relative.getNameCount(); i++) {
            if (relative.getName(i).toString().equals("rocksdb")) {
                return relative.getName(i + 1).toString();
            }
        }
        return "other";
    }
}
