package org.gatepost.hub.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The samples of a Prometheus text exposition, to look values up by name and labels. Not a validator: the tests
 * check the text with {@code promtool check metrics} ({@link Promtool}); this only reads what passed.
 */
final class PromText {
    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    record Sample(String name, Map<String, String> labels, double value) {}

    private final Map<String, Sample> samples = new LinkedHashMap<>();

    PromText(String text) {
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            if (!m.matches()) {
                throw new IllegalArgumentException("not a sample line: " + line);
            }
            Map<String, String> labels = new TreeMap<>();
            if (m.group(3) != null) {
                Matcher l = LABEL.matcher(m.group(3));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2).replace("\\\"", "\"").replace("\\\\", "\\"));
                }
            }
            Sample s = new Sample(m.group(1), labels, Double.parseDouble(m.group(4)));
            samples.put(key(s.name(), labels), s);
        }
    }

    /** The value of the series {@code name} with exactly {@code labels} ("k1", "v1", "k2", "v2", ...). */
    Optional<Double> value(String name, String... labels) {
        Map<String, String> want = new TreeMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            want.put(labels[i], labels[i + 1]);
        }
        return Optional.ofNullable(samples.get(key(name, want))).map(Sample::value);
    }

    boolean has(String name) {
        return samples.values().stream().anyMatch(s -> s.name().equals(name));
    }

    private static String key(String name, Map<String, String> labels) {
        return name + labels;
    }
}
