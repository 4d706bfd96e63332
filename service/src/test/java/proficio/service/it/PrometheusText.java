package proficio.service.it;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format (0.0.4), as {@code /q/metrics} writes it:
 * {@code # HELP} and {@code # TYPE} lines, then samples {@code name{label="value",...} value [timestamp]}.
 * Strict: a malformed line, an unknown type, a second TYPE for a name, a TYPE after its samples or
 * a sample repeated with the same labels fails with the line number and the reason. (No well-kept
 * Java parser for this format is on Maven Central; the client libraries only write it.)
 */
final class PrometheusText {

    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");
    private static final List<String> SUFFIXES = List.of("_bucket", "_count", "_sum", "_total", "_created");

    /** One sample: its name, its labels (sorted by name) and its value. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    /** A parse failure, naming the line and the reason. */
    static final class ParseException extends RuntimeException {
        ParseException(int line, String reason) {
            super("line " + line + ": " + reason);
        }
    }

    private final Map<String, String> types;
    private final List<Sample> samples;

    private PrometheusText(Map<String, String> types, List<Sample> samples) {
        this.types = Collections.unmodifiableMap(types);
        this.samples = List.copyOf(samples);
    }

    static PrometheusText parse(String text) {
        Map<String, String> types = new LinkedHashMap<>();
        Set<String> sampled = new HashSet<>();
        Set<Sample> seen = new HashSet<>();
        List<Sample> samples = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int no = i + 1;
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("#")) {
                String[] parts = line.split(" ", 4);
                if (parts.length >= 3 && parts[1].equals("TYPE")) {
                    String name = parts[2];
                    String type = parts.length == 4 ? parts[3].strip() : "";
                    requireName(no, name);
                    if (!TYPES.contains(type)) {
                        throw new ParseException(no, "unknown type '" + type + "' for " + name);
                    }
                    if (types.putIfAbsent(name, type) != null) {
                        throw new ParseException(no, "a second TYPE line for " + name);
                    }
                    if (sampled.contains(name)) {
                        throw new ParseException(no, "TYPE line for " + name + " after its samples");
                    }
                } else if (parts.length >= 3 && parts[1].equals("HELP")) {
                    requireName(no, parts[2]);
                }
                continue; // any other comment
            }
            Sample s = sample(no, line);
            if (!seen.add(new Sample(s.name(), s.labels(), 0))) {
                throw new ParseException(no, "sample " + s.name() + s.labels() + " repeated");
            }
            sampled.add(family(s.name(), types));
            samples.add(s);
        }
        return new PrometheusText(types, samples);
    }

    /** The declared type of a metric family, or null. */
    String type(String family) {
        return types.get(family);
    }

    List<Sample> samples() {
        return samples;
    }

    /** Every sample named {@code name} whose labels include all of {@code labels} (name, value, ...). */
    List<Sample> find(String name, String... labels) {
        if (labels.length % 2 != 0) {
            throw new IllegalArgumentException("labels come in name, value pairs");
        }
        List<Sample> out = new ArrayList<>();
        for (Sample s : samples) {
            if (s.name().equals(name) && matches(s.labels(), labels)) {
                out.add(s);
            }
        }
        return out;
    }

    /** The value of the one sample named so, failing if there are none or several. */
    double value(String name, String... labels) {
        List<Sample> found = find(name, labels);
        if (found.size() != 1) {
            throw new AssertionError("expected one sample " + name + " " + List.of(labels) + ", found " + found);
        }
        return found.get(0).value();
    }

    /** The sum over every sample named so (0 when there is none: a counter not yet created). */
    double sum(String name, String... labels) {
        return find(name, labels).stream().mapToDouble(Sample::value).sum();
    }

    private static boolean matches(Map<String, String> have, String[] want) {
        for (int i = 0; i < want.length; i += 2) {
            if (!want[i + 1].equals(have.get(want[i]))) {
                return false;
            }
        }
        return true;
    }

    /** The family a sample belongs to: its name, or its name less a histogram/summary/counter suffix when that is declared. */
    private static String family(String name, Map<String, String> types) {
        if (types.containsKey(name)) {
            return name;
        }
        for (String suffix : SUFFIXES) {
            if (name.endsWith(suffix) && types.containsKey(name.substring(0, name.length() - suffix.length()))) {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        return name;
    }

    private static Sample sample(int no, String line) {
        int i = 0;
        int n = line.length();
        while (i < n && line.charAt(i) != '{' && line.charAt(i) != ' ') {
            i++;
        }
        String name = line.substring(0, i);
        requireName(no, name);
        Map<String, String> labels = new TreeMap<>();
        if (i < n && line.charAt(i) == '{') {
            i++;
            while (true) {
                if (i >= n) {
                    throw new ParseException(no, "unterminated label set");
                }
                if (line.charAt(i) == '}') {
                    i++;
                    break;
                }
                int eq = line.indexOf('=', i);
                if (eq < 0) {
                    throw new ParseException(no, "label without '='");
                }
                String label = line.substring(i, eq);
                if (!LABEL_NAME.matcher(label).matches()) {
                    throw new ParseException(no, "bad label name '" + label + "'");
                }
                i = eq + 1;
                if (i >= n || line.charAt(i) != '"') {
                    throw new ParseException(no, "label " + label + ": value not quoted");
                }
                StringBuilder value = new StringBuilder();
                i++;
                while (true) {
                    if (i >= n) {
                        throw new ParseException(no, "label " + label + ": unterminated value");
                    }
                    char c = line.charAt(i++);
                    if (c == '"') {
                        break;
                    }
                    if (c == '\\') {
                        if (i >= n) {
                            throw new ParseException(no, "label " + label + ": dangling escape");
                        }
                        char e = line.charAt(i++);
                        switch (e) {
                            case '\\' -> value.append('\\');
                            case '"' -> value.append('"');
                            case 'n' -> value.append('\n');
                            default -> throw new ParseException(no, "label " + label + ": unknown escape \\" + e);
                        }
                    } else {
                        value.append(c);
                    }
                }
                if (labels.put(label, value.toString()) != null) {
                    throw new ParseException(no, "label " + label + " given twice");
                }
                if (i < n && line.charAt(i) == ',') {
                    i++;
                } else if (i >= n || line.charAt(i) != '}') {
                    throw new ParseException(no, "expected ',' or '}' after label " + label);
                }
            }
        }
        if (i >= n || line.charAt(i) != ' ') {
            throw new ParseException(no, "expected a space before the value");
        }
        String[] rest = line.substring(i + 1).strip().split(" +");
        if (rest.length < 1 || rest.length > 2 || rest[0].isEmpty()) {
            throw new ParseException(no, "expected a value and at most a timestamp, got '" + line.substring(i + 1) + "'");
        }
        double value = value(no, rest[0]);
        if (rest.length == 2) {
            try {
                Long.parseLong(rest[1]);
            } catch (NumberFormatException e) {
                throw new ParseException(no, "timestamp '" + rest[1] + "' is not an integer");
            }
        }
        return new Sample(name, Collections.unmodifiableMap(labels), value);
    }

    private static double value(int no, String s) {
        return switch (s) {
            case "NaN" -> Double.NaN;
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> {
                try {
                    yield Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    throw new ParseException(no, "value '" + s + "' is not a number");
                }
            }
        };
    }

    private static void requireName(int no, String name) {
        if (!METRIC_NAME.matcher(name).matches()) {
            throw new ParseException(no, "bad metric name '" + name + "'");
        }
    }
}
