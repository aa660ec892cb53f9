package org.gatepost.hub.store;

import java.time.Instant;
import org.gatepost.hub.contract.ContractJson;

/** Instants as stored: {@link ContractJson#TIME_FORMAT} text, null stays null. */
final class Times {
    private Times() {}

    static String format(Instant t) {
        return t == null ? null : ContractJson.TIME_FORMAT.format(t);
    }

    static Instant parse(String s) {
        return s == null ? null : Instant.parse(s);
    }
}
