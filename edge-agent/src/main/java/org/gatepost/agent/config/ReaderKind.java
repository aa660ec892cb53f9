package org.gatepost.agent.config;

/**
 * The extra credential readers the agent drives, as {@code reader.NAME.protocol} names them (the constant's name
 * in lower case; {@code docs/configuration.md}). Parsed once at config time; the agent's device factory switches
 * on it.
 */
public enum ReaderKind {
    /** RDM6300 125 kHz RFID module ({@code docs/protocols/rfid-rdm6300.md}). */
    RDM6300,
    /** QR / barcode scanner in serial mode ({@code docs/protocols/qr-scanner-serial.md}). */
    QR,
    /** Wiegand 26/34 reader on two GPIO lines ({@code docs/protocols/wiegand.md}). */
    WIEGAND,
    /** A second resident-ID-card reader (SAM serial protocol, {@code docs/protocols/id-card-sam.md}). */
    SAM;

    /** The value of {@code reader.NAME.protocol} that selects this reader. */
    public String wire() {
        return Kinds.wire(this);
    }

    /** The reader {@code value} names (case-insensitive); the exception names {@code key} and the accepted values. */
    static ReaderKind parse(String key, String value) throws ConfigException {
        return Kinds.parse(key, value, values(), true);
    }
}
