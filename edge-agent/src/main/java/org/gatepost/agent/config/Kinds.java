package org.gatepost.agent.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The configured value of a device kind and its parsing, shared by {@link ThermometerKind} and {@link ReaderKind}. */
final class Kinds {
    private Kinds() {}

    /** The value that selects {@code kind}: its name in lower case, '-' for '_' ({@code GY_MCU} is {@code gy-mcu}). */
    static String wire(Enum<?> kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The kind {@code value} names (case-insensitive). The exception names {@code key} and the accepted values,
     * as "one of a, b, c" when {@code oneOf}, else as "a, b or c".
     */
    static <K extends Enum<K>> K parse(String key, String value, K[] kinds, boolean oneOf) throws ConfigException {
        String v = value.toLowerCase(Locale.ROOT);
        for (K k : kinds) {
            if (wire(k).equals(v)) {
                return k;
            }
        }
        List<String> w = Arrays.stream(kinds).map(Kinds::wire).toList();
        String accepted = oneOf
                ? "one of " + String.join(", ", w)
                : String.join(", ", w.subList(0, w.size() - 1)) + " or " + w.getLast();
        throw new ConfigException(key, "must be " + accepted + ", got '" + v + "'");
    }
}
