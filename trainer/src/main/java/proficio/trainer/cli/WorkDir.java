package proficio.trainer.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import proficio.trainer.fit.FitPartial;
import proficio.trainer.replay.RowFiles;
import proficio.trainer.replay.RowSet;

/**
 * The shared volume of a scale-out run: {@code rows-<i>-of-<n>.rows} from the replay workers,
 * {@code fit-<i>-of-<n>.fit} from the fit workers.
 */
final class WorkDir {

    private static final Pattern ROWS = Pattern.compile("rows-(\\d+)-of-(\\d+)\\.rows");
    private static final Pattern FIT = Pattern.compile("fit-(\\d+)-of-(\\d+)\\.fit");

    private WorkDir() {
    }

    static Path rowsFile(Path dir, int index, int count) {
        return dir.resolve("rows-" + index + "-of-" + count + ".rows");
    }

    static Path fitFile(Path dir, int index, int count) {
        return dir.resolve("fit-" + index + "-of-" + count + ".fit");
    }

    /** Every replay worker's rows, merged; fails naming the missing workers. */
    static RowSet readRows(Path dir) throws IOException {
        List<RowSet> parts = new ArrayList<>();
        for (Path p : complete(dir, ROWS, "replay")) {
            parts.add(RowFiles.read(p));
        }
        return RowSet.merge(parts);
    }

    static List<FitPartial> readFits(Path dir) throws IOException {
        List<FitPartial> parts = new ArrayList<>();
        for (Path p : complete(dir, FIT, "fit")) {
            parts.add(FitPartial.read(p));
        }
        return parts;
    }

    private static List<Path> complete(Path dir, Pattern pattern, String what) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new TrainerException("no such directory: " + dir, ExitCodes.BAD_INPUT);
        }
        TreeMap<Integer, Path> byIndex = new TreeMap<>();
        int count = -1;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.sorted().toList()) {
                Matcher m = pattern.matcher(p.getFileName().toString());
                if (!m.matches()) {
                    continue;
                }
                int n = Integer.parseInt(m.group(2));
                if (count >= 0 && n != count) {
                    throw new TrainerException(dir + " holds " + what + " outputs of " + count + " and of " + n
                            + " workers; clear it between runs", ExitCodes.BAD_INPUT);
                }
                count = n;
                byIndex.put(Integer.parseInt(m.group(1)), p);
            }
        }
        if (count < 0) {
            throw new TrainerException("no " + what + " outputs in " + dir, ExitCodes.BAD_INPUT);
        }
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (!byIndex.containsKey(i)) {
                missing.add(i);
            }
        }
        if (!missing.isEmpty()) {
            throw new TrainerException(what + " workers " + missing + " of " + count + " have not written their output to "
                    + dir + " (yet)", ExitCodes.ERROR);
        }
        return new ArrayList<>(byIndex.values());
    }
}
