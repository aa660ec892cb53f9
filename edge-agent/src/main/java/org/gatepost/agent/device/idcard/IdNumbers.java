package org.gatepost.agent.device.idcard;

/**
 * Resident ID numbers (GB 11643): 17 digits and a check character, ISO 7064 MOD 11-2. Stateless.
 *
 * <p>Nothing here puts a number into an exception message: callers may log what these methods throw.
 */
public final class IdNumbers {
    /** Length of a second-generation ID number. */
    public static final int LENGTH = 18;

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK_CHARS = "10X98765432";

    private IdNumbers() {}

    /**
     * True if {@code id} is 17 digits followed by the matching check character ({@code 0-9} or
     * {@code X}, lower-case {@code x} accepted). False for null or any other shape.
     */
    public static boolean checkDigitValid(String id) {
        if (!wellFormed(id)) {
            return false;
        }
        return Character.toUpperCase(id.charAt(17)) == checkCharacter(id.substring(0, 17));
    }

    /** True if {@code id} is 17 ASCII digits and a digit or X/x, whatever the check character's value. */
    public static boolean wellFormed(String id) {
        if (id == null || id.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < 17; i++) {
            if (!isAsciiDigit(id.charAt(i))) {
                return false;
            }
        }
        char last = id.charAt(17);
        return isAsciiDigit(last) || last == 'X' || last == 'x';
    }

    /**
     * The check character for the first 17 digits.
     *
     * @throws IllegalArgumentException if {@code first17} is not 17 ASCII digits
     */
    public static char checkCharacter(String first17) {
        if (first17.length() != 17) {
            throw new IllegalArgumentException("need 17 digits, got " + first17.length() + " characters");
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            char c = first17.charAt(i);
            if (!isAsciiDigit(c)) {
                throw new IllegalArgumentException("not a digit at index " + i);
            }
            sum += (c - '0') * WEIGHTS[i];
        }
        return CHECK_CHARS.charAt(sum % 11);
    }

    /**
     * The form shown to operators: first 6, a {@code *} for each hidden character, last 4
     * ({@code 110105********002X}). Strings of 10 characters or fewer come back all {@code *}.
     */
    public static String mask(String id) {
        int n = id.length();
        if (n <= 10) {
            return "*".repeat(n);
        }
        return id.substring(0, 6) + "*".repeat(n - 10) + id.substring(n - 4);
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
