package org.gatepost.agent.config;

import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed, validated reads from a {@link Properties} file, each failure naming its key. Tracks which keys were
 * read so that {@link #rejectUnknown()} can name a misspelt key instead of silently ignoring it.
 * Not thread safe; used once at start-up.
 */
public final class Properties2 {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|kb|mb|gb)");
    private final Map<String, String> values = new TreeMap<>();
    private final Set<String> read = new HashSet<>();

    public Properties2(Properties p) {
        for (String k : p.stringPropertyNames()) {
            values.put(k.trim(), p.getProperty(k).trim());
        }
    }

    public String string(String key, String fallback) {
        read.add(key);
        String v = values.get(key);
        return v == null || v.isEmpty() ? fallback : v;
    }

    public String required(String key) throws ConfigException {
        String v = string(key, null);
        if (v == null) {
            throw new ConfigException(key, "is required but missing");
        }
        return v;
    }

    public int integer(String key, int fallback, int min, int max) throws ConfigException {
        return value(key, fallback, v -> {
            int n = number(key, v, Integer::parseInt, "an integer");
            between(key, n >= min && n <= max, min, max, ", got " + n);
            return n;
        });
    }

    public double decimal(String key, double fallback, double min, double max) throws ConfigException {
        return value(key, fallback, v -> {
            double d = number(key, v, Double::parseDouble, "a number");
            between(key, d >= min && d <= max, min, max, ", got " + v);
            return d;
        });
    }

    /** A duration written as {@code 500ms}, {@code 3s}, {@code 2m}, {@code 1h} or {@code 7d}. */
    public Duration duration(String key, Duration fallback, Duration min, Duration max) throws ConfigException {
        return value(key, fallback, v -> {
            Matcher m = matched(key, v, DURATION, "a duration such as 500ms, 3s, 2m, 1h or 7d");
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            between(key, d.compareTo(min) >= 0 && d.compareTo(max) <= 0, min, max, ", got " + v);
            return d;
        });
    }

    /** A size in bytes written as {@code 512B}, {@code 64KB}, {@code 256MB} or {@code 2GB} (powers of 1024). */
    public long bytes(String key, long fallback, long min, long max) throws ConfigException {
        return value(key, fallback, v -> {
            Matcher m = matched(key, v, SIZE, "a size such as 64KB, 256MB or 2GB");
            int shift = switch (m.group(2)) {
                case "kb" -> 10;
                case "mb" -> 20;
                case "gb" -> 30;
                default -> 0;
            };
            long n;
            try {
                n = Math.multiplyExact(Long.parseLong(m.group(1)), 1L << shift);
            } catch (ArithmeticException | NumberFormatException e) {
                throw new ConfigException(key, "is too large, got '" + v + "'");
            }
            between(key, n >= min && n <= max, min, max, " bytes, got " + v);
            return n;
        });
    }

    public boolean bool(String key, boolean fallback) throws ConfigException {
        return value(key, fallback, v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new ConfigException(key, "must be true or false, got '" + v + "'");
        });
    }

    /** Fails on the first key present in the file that no reader asked for. */
    public void rejectUnknown() throws ConfigException {
        for (String k : values.keySet()) {
            if (!read.contains(k)) {
                throw new ConfigException(k, "unknown key (misspelt?)");
            }
        }
    }

    /** Turns a present, non-empty value into a typed one; throws naming the key when it is not valid. */
    @FunctionalInterface
    private interface Parser<T> {
        T parse(String value) throws ConfigException;
    }

    /** The value of {@code key} parsed, or {@code fallback} when the key is absent or empty. */
    private <T> T value(String key, T fallback, Parser<T> parser) throws ConfigException {
        String v = string(key, null);
        return v == null ? fallback : parser.parse(v);
    }

    /** {@code v} parsed as a number; fails with "must be {@code what}, got 'v'" when it is not one. */
    private static <T> T number(String key, String v, Function<String, T> parse, String what) throws ConfigException {
        try {
            return parse.apply(v);
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "must be " + what + ", got '" + v + "'");
        }
    }

    /** {@code v}, lower-cased, matched against {@code format}; fails with "must be {@code what}, got 'v'" otherwise. */
    private static Matcher matched(String key, String v, Pattern format, String what) throws ConfigException {
        Matcher m = format.matcher(v.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new ConfigException(key, "must be " + what + ", got '" + v + "'");
        }
        return m;
    }

    /** Fails with "must be between min and max{@code got}" unless the value is {@code within} the range. */
    private static void between(String key, boolean within, Object min, Object max, String got) throws ConfigException {
        if (!within) {
            throw new ConfigException(key, "must be between " + min + " and " + max + got);
        }
    }
}
