package org.gatepost.agent.console;

import java.util.regex.Pattern;

/**
 * Spots a full resident ID number in text a volunteer typed (17 digits and a digit or X, spaces or dashes
 * allowed between them), so that the console refuses it instead of recording it. Stateless.
 */
final class IdNumberGuard {
    private static final Pattern ID_NUMBER = Pattern.compile("(?<![0-9])(?:[0-9][ -]?){17}[0-9Xx](?![0-9])");

    private IdNumberGuard() {}

    static boolean containsIdNumber(String text) {
        return text != null && ID_NUMBER.matcher(text).find();
    }
}
