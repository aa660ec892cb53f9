package org.gatepost.agent.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The extra credential readers the agent drives, as {@code reader.NAME.protocol} names them
 * ({@code docs/configuration.md}). Parsed once at config time; the agent's device factory switches on it.
 */
public enum ReaderKind {
    /** RDM6300 125 kHz RFID module ({@code docs/protocols/rfid-rdm6300.md}). */
    RDM6300("rdm6300"),
    /** QR / barcode scanner in serial mode ({@code docs/protocols/qr-scanner-serial.md}). */
    QR("qr"),
    /** Wiegand 26/34 reader on two GPIO lines ({@code docs/protocols/wiegand.md}). */
    WIEGAND("wiegand"),
    /** A second resident-ID-card reader (SAM serial protocol, {@code docs/protocols/id-card-sam.md}). */
    SAM("sam");

    private final String wire;

    ReaderKind(String wire) {
        this.wire = wire;
    }

    /** The value of {@code reader.NAME.protocol} that selects this reader. */
    public String wire() {
        return wire;
    }

    /** The reader {@code value} names (case-insensitive); the exception names {@code key} and the accepted values. */
    static ReaderKind parse(String key, String value) throws ConfigException {
        String v = value.toLowerCase(Locale.ROOT);
        for (ReaderKind k : values()) if (k.wire.equals(v)) return k;
        String accepted = Arrays.stream(values()).map(ReaderKind::wire).collect(Collectors.joining(", "));
        throw new ConfigException(key, "must be one of " + accepted + ", got '" + v + "'");
    }
}
