package org.gatepost.hub.lists;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Resident ID numbers (GB 11643): 17 digits and a check character computed with ISO 7064 MOD 11-2
 * ({@code docs/protocols/id-card-sam.md}). Stateless. Messages never contain the number itself.
 */
public final class IdNumbers {
    private static final Pattern SHAPE = Pattern.compile("[0-9]{17}[0-9X]");
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK = "10X98765432";

    private IdNumbers() {}

    /** Upper case without spaces; a spreadsheet's lower-case {@code x} becomes {@code X}. */
    public static String normalize(String raw) {
        return raw.strip().replace(" ", "").toUpperCase(Locale.ROOT);
    }

    /** Why a normalised number is not a valid ID number, or empty when it is. */
    public static Optional<String> problem(String number) {
        if (number.isEmpty()) {
            return Optional.of("is empty");
        }
        if (!SHAPE.matcher(number).matches()) {
            return Optional.of(
                    "must be 18 characters: 17 digits and a digit or X (" + number.length() + " characters given)");
        }
        char expected = checkCharacter(number);
        if (number.charAt(17) != expected) {
            return Optional.of("check character does not match (ISO 7064 MOD 11-2): a digit is mistyped");
        }
        return Optional.empty();
    }

    /** The check character of the first 17 digits. */
    public static char checkCharacter(String number) {
        int sum = 0;
        for (int i = 0; i < WEIGHTS.length; i++) {
            sum += (number.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK.charAt(sum % 11);
    }
}
